"""A website on 127.0.0.1 whose pages the tests script: previews, redirects,
huge and slow answers. The fetcher refuses loopback, so tests that fetch from
it allow 127.0.0.1/32 explicitly (``allow_local``)."""

import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.realtime.capture import capture_events

__all__ = ["capture_events"]

Route = Callable[[BaseHTTPRequestHandler], None]


class LocalSite:
    """An HTTP server on 127.0.0.1: ``routes`` maps a path to what answers it;
    ``requests`` lists the paths asked for; ``unfinished`` the routes whose
    client went away before they were done sending."""

    def __init__(self, certificate: Path | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        self.unfinished: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                site.requests.append(self.path)
                route = site.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                try:
                    route(self)
                except (BrokenPipeError, ConnectionResetError):
                    site.unfinished.append(self.path)

            def log_message(self, *args) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address) -> None:
                pass  # a client refusing the certificate, as tests expect

        self.httpd = Server(("127.0.0.1", 0), Handler)
        scheme = "http"
        if certificate is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(certificate)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
            scheme = "https"
        self.port = self.httpd.server_address[1]
        self.url = f"{scheme}://127.0.0.1:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def page(self, path: str, html: str, content_type: str = "text/html") -> str:
        """Serve ``html`` at ``path``; returns its URL."""
        self.routes[path] = lambda handler: answer(handler, html.encode(), content_type)
        return self.url + path

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        def route(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(status)
            handler.send_header("Location", location)
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        self.routes[path] = route
        return self.url + path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def answer(handler: BaseHTTPRequestHandler, body: bytes, content_type: str) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def dribble(handler: BaseHTTPRequestHandler, *, pieces: int, headers: bool) -> None:
    """Answer one byte at a time, 0.1 s apart, for ``pieces`` bytes: in the
    headers (a header line that never ends) or in the body."""
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
    if not headers:
        handler.wfile.write(f"Content-Length: {pieces}\r\n\r\n".encode())
    else:
        handler.wfile.write(b"X-Slow: ")
    for _ in range(pieces):
        handler.wfile.write(b"a")
        handler.wfile.flush()
        time.sleep(0.1)


@pytest.fixture
def local_site() -> Iterator[LocalSite]:
    site = LocalSite()
    yield site
    site.close()


def self_signed(directory: Path, name: str) -> Path:
    """A self-signed certificate and its key in one PEM file, for
    ``subjectAltName`` ``name`` (e.g. ``IP:127.0.0.1``)."""
    pem = directory / "site.pem"
    subprocess.run(
        [
            *["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes"],
            *["-keyout", str(pem), "-out", str(directory / "cert.pem")],
            *["-days", "1", "-subj", "/CN=preview-test", "-addext"],
            f"subjectAltName={name}",
        ],
        check=True,
        capture_output=True,
    )
    pem.write_text(pem.read_text() + (directory / "cert.pem").read_text())
    return pem


@pytest.fixture
def allow_local(settings) -> None:
    """Let previews reach 127.0.0.1 (and only it) for this test."""
    settings.ONECHAT_LINK_PREVIEW_ALLOWED_NETWORKS = ["127.0.0.1/32"]


PREVIEW_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Fallback title</title>
<meta property="og:title" content="Coffee &amp; beans <img src=x onerror=alert(1)>">
<meta property="og:description" content="  Roasted   every
 morning. <script>window.__owned = 1</script>">
<meta property="og:image" content="/beans.png">
<meta property="og:site_name" content="Acme shop">
<link rel="canonical" href="/shop/coffee">
</head><body><h1>Coffee</h1></body></html>"""
