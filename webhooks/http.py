"""One POST of a delivery to its receiver, only to an address allowed.

The URL's host is resolved and vetted once (``linkpreviews.addresses``, with
the webhooks' allowed networks and any port) and the connection goes to that
address, the name kept for the ``Host`` header and the TLS check: a name
cannot resolve to a public address for the check and to an inside one for
the request. Redirects are not followed. The whole attempt is cut after
``WEBHOOK_TIMEOUT_SECONDS``.
"""

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from linkpreviews.addresses import RefusedAddress, networks, resolve_public

# Statuses worth another attempt besides 5xx (Chatwoot's receivers use them
# to ask for one).
RETRY_STATUSES = frozenset({408, 429})
MAX_READ = 64 * 1024


class BadURL(ValueError):
    """A receiver URL OneChat will not send to: its text says why."""


@dataclass(frozen=True)
class Result:
    """How one attempt went: ``status`` None when no answer came."""

    status: int | None
    error: str
    milliseconds: int
    retry: bool

    @property
    def delivered(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def own_hosts() -> set[str]:
    """OneChat's own host names (its front-end URL and named allowed hosts)."""
    hosts = {urlsplit(settings.FRONTEND_URL).hostname or ""}
    hosts.update(
        host.lstrip(".").strip("[]").lower()
        for host in settings.ALLOWED_HOSTS
        if host and host != "*"
    )
    hosts.discard("")
    return hosts


def vet(url: str) -> tuple[str, str, int, str, bool]:
    """``url``'s host, vetted address, port, path and whether it is TLS;
    ``BadURL`` when it is not a web address, carries credentials, names
    OneChat itself or leads to an address not allowed."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError as error:
        raise BadURL("The URL's port is not valid.") from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadURL("The URL must be an http or https address.")
    if parts.username is not None or parts.password is not None:
        raise BadURL("The URL must not carry a user name or password.")
    host = parts.hostname.lower()
    allowed = networks(settings.ONECHAT_WEBHOOK_ALLOWED_NETWORKS)
    tls = parts.scheme == "https"
    port = port or (443 if tls else 80)
    try:
        address = resolve_public(host, port, allowed=allowed, ports=None)
    except RefusedAddress as error:
        raise BadURL(f"The URL is not a public address: {error}.") from error
    # OneChat's own name is refused even on a public address, unless an
    # operator allowed the network it resolves to.
    vetted = ipaddress.ip_address(address)
    if host in own_hosts() and not any(vetted in network for network in allowed):
        raise BadURL("The URL must not point at OneChat itself.")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return host, address, port, path, tls


class _VettedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to an address vetted beforehand."""

    def __init__(
        self, host: str, port: int, *, address: str, tls: bool, timeout: float
    ) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address
        self.tls = tls

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        # As http.client's own connect does: headers and body leave in two
        # writes, and with Nagle's algorithm the body would wait for the
        # receiver's delayed ACK (40 ms on Linux) on every delivery.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self.tls:
            sock = ssl.create_default_context().wrap_socket(
                sock, server_hostname=self.host
            )
        self.sock = sock

    def cut(self) -> None:
        """End an attempt that ran out of time (called from the watchdog)."""
        with contextlib.suppress(OSError, AttributeError):
            self.sock.shutdown(socket.SHUT_RDWR)


def post(url: str, *, body: bytes, headers: dict) -> Result:
    """POST ``body`` to ``url``; never raises for the receiver's faults."""
    started = time.monotonic()

    def result(status: int | None, error: str, retry: bool) -> Result:
        elapsed = int((time.monotonic() - started) * 1000)
        return Result(
            status=status, error=error[:500], milliseconds=elapsed, retry=retry
        )

    try:
        host, address, port, path, tls = vet(url)
    except BadURL as error:
        return result(None, str(error), retry=False)
    timeout = settings.ONECHAT_WEBHOOK_TIMEOUT_SECONDS
    connection = _VettedConnection(
        host, port, address=address, tls=tls, timeout=timeout
    )
    watchdog = threading.Timer(timeout, connection.cut)
    watchdog.daemon = True
    watchdog.start()
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(MAX_READ)
        status = response.status
    except (OSError, http.client.HTTPException, ValueError) as error:
        timed_out = time.monotonic() - started >= timeout or isinstance(
            error, TimeoutError
        )
        return result(
            None,
            "timed out" if timed_out else str(error) or "connection failed",
            retry=True,
        )
    finally:
        watchdog.cancel()
        connection.close()
    if 200 <= status < 300:
        return result(status, "", retry=False)
    retry = status >= 500 or status in RETRY_STATUSES
    return result(status, f"HTTP {status}", retry=retry)
