"""A OneChat server and a customer's website on another port, for widget pages."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.servers import Server, onechat_server

# Small limits so the tests reach them quickly.
MAX_ATTACHMENT_BYTES = 200_000
EMAIL_COLLECT_DELAY_SECONDS = 2

# A website whose CSS would break any widget drawn in the page itself.
HOSTILE_CSS = """
* { display: block !important; color: red !important; font: 30px/3 serif !important;
    box-sizing: content-box !important; }
head, script, style, title { display: none !important; }
div, button, iframe, svg { all: unset !important; }
iframe { display: none !important; }
body { background: #f4efe6 !important; margin: 40px !important; }
"""


@pytest.fixture(scope="package")
def server(django_db_setup, django_db_blocker) -> Iterator[Server]:
    """A daphne process on the test database, shared by the widget's page tests."""
    env = {
        "MAX_ATTACHMENT_BYTES": str(MAX_ATTACHMENT_BYTES),
        "EMAIL_COLLECT_DELAY_SECONDS": str(EMAIL_COLLECT_DELAY_SECONDS),
    }
    with django_db_blocker.unblock(), onechat_server(env=env) as running:
        yield running


class Website:
    """A customer's website on its own port (another origin than OneChat)."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = pages.get(self.path.split("?")[0])
                if body is None:
                    self.send_error(404)
                    return
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def add(self, path: str, snippet: str, settings: str = "{}") -> str:
        """Publish a page with the embed snippet and hostile CSS; returns its URL."""
        self.pages[path] = (
            "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            "<link rel='icon' href='data:,'>"
            f"<title>Acme shop</title><style>{HOSTILE_CSS}</style></head><body>"
            "<h1>Acme shop</h1><p>Fresh coffee beans, roasted every morning.</p>"
            f"<script>window.onechatSettings = {settings};</script>"
            f"{snippet}</body></html>"
        )
        return self.url + path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def open_dashboard(browser, server: Server, email: str, password: str):
    """An agent's browser signed in to the dashboard through its form, with its
    /cable subscription up; returns (context, page)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{server.url}/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/app/accounts/*/conversations")
    page.wait_for_function(
        "() => document.body.dataset.cable === 'connected'", timeout=10_000
    )
    return context, page


@pytest.fixture(scope="package")
def website() -> Iterator[Website]:
    site = Website()
    yield site
    site.close()
