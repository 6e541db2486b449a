"""Loading on slow networks: the widget and the dashboard at 300 ms round trips.

    python bench/page_load.py                          # OneChat from this checkout
    python bench/page_load.py --root /tmp/onechat-old  # from another checkout
    python bench/page_load.py --http2                  # behind a TLS proxy (nginx)
    python bench/page_load.py --url http://127.0.0.1:8000 --website-token TOKEN

Without ``--url`` the script starts OneChat as production runs it: DEBUG off,
the static files collected (hashed and compressed, served by WhiteNoise),
uvicorn, on a fresh SQLite database with the demo account; it stops it at the
end. With ``--url`` it uses that server, signing in with the demo account's
credentials (``--email``, ``--password`` for others).

Each load is a fresh headless Chromium context (Debian's /usr/bin/chromium, as
the tests launch it) with its cache off and the network throttled through CDP
(``Network.emulateNetworkConditions``: ``--latency`` ms, 300 by default, added
to every request; bandwidth unlimited). Two pages:

- widget: ``/widget?website_token=...``, the page the SDK puts in its iframe,
  until the chat is drawn and its composer wired (``#chat:not([hidden]) #emoji``);
- dashboard: the conversation list, signed in, until its list is drawn
  (``.conversation-item``).

For each it prints the median over ``--runs`` loads of: the requests started
until the page was ready, their bytes (as transferred), their waves, and the
time from navigation start until ready. ``--verbose`` lists each wave's URLs.

Waves are the round trips the page waited for one after the other. The
request a request waited on (its initiator, in the loose sense) is taken to be
the last one to finish before it started: a request's wave is one more than
the highest wave of the requests finished when it started, and the document is
wave 1. Requests the browser sends together after one response (the preloads
in the HTML, a module's imports, the API calls a script makes once its modules
ran) share a wave; each level of imports the browser learns of only when a
module arrives adds one. Every wave costs at least one round trip.

Not part of the test suite: a measurement to run by hand.
"""

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.processes import free_port, stop_process, wait_for_port  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

# The demo account's (onechat/demo.py).
DEMO_EMAIL = "admin@onechat.local"
DEMO_PASSWORD = "onechat-demo"
WIDGET_READY = "#chat:not([hidden]) #emoji"
DASHBOARD_READY = ".conversation-item"


@dataclass
class Request:
    url: str
    started: float  # CDP monotonic seconds
    finished: float | None = None
    bytes: int = 0
    wave: int = 0


@dataclass
class Load:
    """One page load: its requests, by CDP request id, and when it was ready."""

    requests: dict[str, Request] = field(default_factory=dict)
    ready_ms: float = 0.0
    protocols: set[str] = field(default_factory=set)

    def until_ready(self) -> list[Request]:
        start = min(request.started for request in self.requests.values())
        ready = start + self.ready_ms / 1000
        return sorted(
            (r for r in self.requests.values() if r.started <= ready),
            key=lambda r: r.started,
        )

    def waves(self) -> int:
        """Give each request its wave (see the module's docstring); the last."""
        requests = self.until_ready()
        for request in requests:
            done = [
                other.wave
                for other in requests
                if other.finished is not None and other.finished <= request.started
            ]
            request.wave = 1 + max(done, default=0)
        return max((request.wave for request in requests), default=0)


def watch_network(page, latency_ms: int) -> Load:
    """Throttle ``page``'s network and record its requests into a new Load."""
    load = Load()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": latency_ms,
            "downloadThroughput": -1,
            "uploadThroughput": -1,
        },
    )

    def sent(event: dict) -> None:
        if event.get("redirectResponse"):
            return  # the same request going on
        load.requests[event["requestId"]] = Request(
            event["request"]["url"], event["timestamp"]
        )

    def finished(event: dict) -> None:
        request = load.requests.get(event["requestId"])
        if request is not None:
            request.finished = event["timestamp"]
            request.bytes = int(event.get("encodedDataLength", 0))

    def answered(event: dict) -> None:
        load.protocols.add(event["response"].get("protocol", "?"))

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.responseReceived", answered)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.loadingFailed", finished)
    return load


# Notes when the ready selector first matches, from the page itself (the
# widget's CSP allows no script of the test's; an init script is not one).
READY_WATCH = """
(selector) => {
  const check = () => {
    if (window.__readyAt === undefined && document.querySelector(selector)) {
      window.__readyAt = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true,
  });
}
"""


def open_until_ready(page, url: str, selector: str, latency_ms: int) -> Load:
    load = watch_network(page, latency_ms)
    page.add_init_script(f"({READY_WATCH})({json.dumps(selector)})")
    page.goto(url, wait_until="commit")
    page.wait_for_selector(selector, timeout=60_000)
    # performance.now() counts from the navigation's start.
    load.ready_ms = float(page.evaluate("window.__readyAt"))
    # Let the ready requests' loadingFinished events arrive.
    page.wait_for_timeout(200)
    return load


def sign_in(context, base: str, email: str, password: str) -> str:
    """Sign in through the form (unthrottled); the conversation list's URL."""
    page = context.new_page()
    page.goto(f"{base}/")
    page.fill("input[type=email]", email)
    page.fill("input[type=password]", password)
    page.press("input[type=password]", "Enter")
    page.wait_for_url("**/app/accounts/*/conversations")
    url = page.url
    page.close()
    return url


@dataclass
class Figures:
    requests: int
    kilobytes: float
    waves: int
    ready_ms: float
    by_wave: dict[int, list[str]]
    protocols: set[str]


def figures(load: Load) -> Figures:
    waves = load.waves()
    requests = load.until_ready()
    by_wave: dict[int, list[str]] = {}
    for request in requests:
        by_wave.setdefault(request.wave, []).append(request.url)
    return Figures(
        requests=len(requests),
        kilobytes=sum(request.bytes for request in requests) / 1024,
        waves=waves,
        ready_ms=load.ready_ms,
        by_wave=by_wave,
        protocols=load.protocols,
    )


def measure(browser, args, base: str, website_token: str) -> dict[str, list[Figures]]:
    results: dict[str, list[Figures]] = {"widget": [], "dashboard": []}
    for _ in range(args.runs):
        context = browser.new_context(ignore_https_errors=True)
        page = context.new_page()
        widget_url = f"{base}/widget?website_token={website_token}"
        load = open_until_ready(page, widget_url, WIDGET_READY, args.latency)
        results["widget"].append(figures(load))
        context.close()

        context = browser.new_context(ignore_https_errors=True)
        list_url = sign_in(context, base, args.email, args.password)
        page = context.new_page()
        load = open_until_ready(page, list_url, DASHBOARD_READY, args.latency)
        results["dashboard"].append(figures(load))
        context.close()
    return results


def report(results: dict[str, list[Figures]], verbose: bool) -> None:
    header = f"{'page':<10} {'requests':>8} {'KB':>7} {'waves':>5} {'ready ms':>9}"
    print(f"{header}  protocol")
    for name, runs in results.items():

        def median(value, runs=runs):
            return statistics.median(value(run) for run in runs)

        print(
            f"{name:<10} {median(lambda r: r.requests):>8.0f}"
            f" {median(lambda r: r.kilobytes):>7.1f}"
            f" {median(lambda r: r.waves):>5.0f}"
            f" {median(lambda r: r.ready_ms):>9.0f}"
            f"  {', '.join(sorted(set().union(*(run.protocols for run in runs))))}"
        )
        if verbose:
            for wave, urls in sorted(runs[0].by_wave.items()):
                names = ", ".join(url.split("/")[-1] for url in urls)
                print(f"  wave {wave}: {names}")


NGINX_TLS = """
daemon off;
pid {scratch}/nginx.pid;
error_log {scratch}/nginx.log warn;
events {{}}
http {{
    access_log off;
    client_body_temp_path {scratch}/body;
    proxy_temp_path {scratch}/proxy;
    server {{
        listen 127.0.0.1:{port} ssl http2;
        ssl_certificate {scratch}/cert.pem;
        ssl_certificate_key {scratch}/key.pem;
        location / {{
            proxy_pass {upstream};
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $http_connection;
        }}
    }}
}}
"""


@contextlib.contextmanager
def tls_proxy(upstream: str) -> Iterator[str]:
    """``upstream`` behind nginx speaking HTTP/2 over TLS (a certificate of its
    own), as the TLS proxy in front of a production OneChat does; its URL."""
    with tempfile.TemporaryDirectory(prefix="onechat-page-load-tls-") as scratch:
        subprocess.run(
            [
                *["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes"],
                *["-days", "1"],
                *["-subj", "/CN=127.0.0.1", "-keyout", f"{scratch}/key.pem"],
                *["-out", f"{scratch}/cert.pem"],
            ],
            check=True,
            capture_output=True,
        )
        port = free_port()
        conf = Path(scratch, "nginx.conf")
        conf.write_text(NGINX_TLS.format(scratch=scratch, port=port, upstream=upstream))
        nginx = subprocess.Popen(["nginx", "-c", str(conf), "-p", scratch])
        try:
            wait_for_port(port, nginx)
            yield f"https://127.0.0.1:{port}"
        finally:
            stop_process(nginx)


@contextlib.contextmanager
def onechat(root: Path) -> Iterator[tuple[str, str]]:
    """OneChat from ``root`` as in production, on a database of its own; the
    server's URL and the demo website inbox's token."""
    with tempfile.TemporaryDirectory(prefix="onechat-page-load-") as scratch:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{scratch}/db.sqlite3",
            "DEBUG": "0",
            "SECRET_KEY": "onechat-bench-only",
            "STATIC_ROOT": f"{scratch}/static",
            # Plain HTTP on loopback: cookies without the Secure flag.
            "SECURE_COOKIES": "0",
            "LOG_LEVEL": "WARNING",
        }
        env.pop("REDIS_URL", None)

        def manage(*command: str) -> str:
            return subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=root,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout

        manage("migrate", "--no-input")
        manage("collectstatic", "--no-input", "-v", "0")
        token = manage(
            "shell",
            "-c",
            "from onechat.demo import seed_demo_account;"
            "print(seed_demo_account().website_token)",
        ).split()[-1]  # after what the shell says it imported
        port = free_port()
        with open(f"{scratch}/server.log", "w") as log:
            server = subprocess.Popen(
                [
                    *[sys.executable, "-m", "uvicorn", "onechat.asgi:application"],
                    *["--host", "127.0.0.1", "--port", str(port)],
                    *["--lifespan", "off", "--no-access-log"],
                ],
                cwd=root,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_for_port(port, server)
                yield f"http://127.0.0.1:{port}", token
            finally:
                stop_process(server)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout to run")
    parser.add_argument("--url", help="a running OneChat instead")
    parser.add_argument("--website-token", help="the widget's inbox (with --url)")
    parser.add_argument("--email", default=DEMO_EMAIL)
    parser.add_argument("--password", default=DEMO_PASSWORD)
    parser.add_argument("--latency", type=int, default=300, help="ms per request")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument(
        "--http2",
        action="store_true",
        help="through a TLS proxy speaking HTTP/2 (nginx), as production is reached",
    )
    args = parser.parse_args()
    if args.url and not args.website_token:
        parser.error("--url needs --website-token")

    from playwright.sync_api import sync_playwright

    with contextlib.ExitStack() as stack:
        if args.url:
            base, token = args.url.rstrip("/"), args.website_token
        else:
            base, token = stack.enter_context(onechat(args.root.resolve()))
        if args.http2:
            base = stack.enter_context(tls_proxy(base))
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            # The proxy's certificate is its own.
            args=[*CHROMIUM_ARGS, *(["--ignore-certificate-errors"] * args.http2)],
        )
        stack.callback(browser.close)
        print(f"{base}, {args.latency} ms per request, median of {args.runs} loads")
        report(measure(browser, args, base, token), args.verbose)


if __name__ == "__main__":
    main()
