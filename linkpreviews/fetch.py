"""Fetch a web page for its preview: bounded, and only from public addresses.

Each hop's host is resolved and vetted once (``addresses.py``) and the
connection goes to that address, with the name kept for the ``Host`` header and
the TLS certificate check. Redirects are followed here, at most
``MAX_REDIRECTS``, each hop vetted again. A watchdog cuts the connection once
``TOTAL_SECONDS`` have passed, however slowly the server sends; at most
``MAX_BYTES`` are read, uncompressed; only HTML is returned.
"""

import codecs
import contextlib
import http.client
import re
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from linkpreviews.addresses import resolve_public

MAX_REDIRECTS = 3
MAX_BYTES = 512 * 1024
CONNECT_SECONDS = 3.0
TOTAL_SECONDS = 5.0
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
HEADERS = {
    "User-Agent": "OneChat-LinkPreview/1.0",
    "Accept": "text/html,application/xhtml+xml",
    "Accept-Encoding": "identity",
    "Connection": "close",
}
META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", re.IGNORECASE)


class FetchFailed(Exception):
    """No page to preview: refused, unreachable, too slow, not HTML, an error."""


@dataclass(frozen=True)
class Page:
    """An HTML page: the URL it was served from (after redirects) and its text
    (at most ``MAX_BYTES`` of it)."""

    url: str
    html: str


def fetch_page(url: str) -> Page:
    """GET ``url`` as a preview fetch; raises ``FetchFailed`` when there is no
    page, ``RefusedAddress`` when a hop leads inside."""
    deadline = time.monotonic() + TOTAL_SECONDS
    for _ in range(MAX_REDIRECTS + 1):
        with _get(url, deadline) as response:
            if response.status in REDIRECT_STATUSES:
                location = response.getheader("Location")
                if not location:
                    raise FetchFailed("redirect without a location")
                url = urljoin(url, location.strip())
                continue
            if response.status != 200:
                raise FetchFailed(f"status {response.status}")
            content_type = response.getheader("Content-Type") or ""
            if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
                raise FetchFailed(f"not HTML: {content_type[:100]}")
            body = _read(response, deadline)
            return Page(
                url=url, html=body.decode(_charset(content_type, body), "replace")
            )
    raise FetchFailed("too many redirects")


class _VettedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to an address vetted beforehand: no second lookup
    of the name, which still goes in the Host header and the TLS check."""

    def __init__(self, host: str, port: int, *, address: str, tls: bool) -> None:
        super().__init__(host, port, timeout=CONNECT_SECONDS)
        self.address = address
        self.tls = tls
        if tls:
            self.default_port = 443

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        if self.tls:
            context = ssl.create_default_context()
            sock = context.wrap_socket(sock, server_hostname=self.host)
        self.sock = sock

    def cut(self) -> None:
        """End a transfer that ran out of time (called from the watchdog)."""
        with contextlib.suppress(OSError, AttributeError):
            self.sock.shutdown(socket.SHUT_RDWR)


@contextlib.contextmanager
def _get(url: str, deadline: float) -> Iterator[http.client.HTTPResponse]:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError as error:
        raise FetchFailed("bad port") from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchFailed("not a web address")
    if parts.username is not None or parts.password is not None:
        raise FetchFailed("credentials in the address")
    tls = parts.scheme == "https"
    port = port or (443 if tls else 80)
    address = resolve_public(parts.hostname, port)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection = _VettedConnection(parts.hostname, port, address=address, tls=tls)
    watchdog = threading.Timer(max(deadline - time.monotonic(), 0), connection.cut)
    watchdog.daemon = True
    watchdog.start()
    try:
        connection.request("GET", path, headers=HEADERS)
        yield connection.getresponse()
    except (OSError, http.client.HTTPException, ValueError, UnicodeError) as error:
        raise FetchFailed(str(error)) from error
    finally:
        watchdog.cancel()
        connection.close()


def _read(response: http.client.HTTPResponse, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < MAX_BYTES:
        chunk = response.read(min(64 * 1024, MAX_BYTES - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if time.monotonic() >= deadline:
        raise FetchFailed("too slow")
    return b"".join(chunks)


def _charset(content_type: str, body: bytes) -> str:
    declared = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    sniffed = META_CHARSET.search(body[:2048])
    for name in (
        declared.group(1) if declared else None,
        sniffed.group(1).decode("ascii") if sniffed else None,
    ):
        if name:
            with contextlib.suppress(LookupError):
                return codecs.lookup(name).name
    return "utf-8"
