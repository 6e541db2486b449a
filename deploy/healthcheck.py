"""The container health check: exit 0 when this server's ``/health`` is 200.

Django refuses a ``Host`` outside ``ALLOWED_HOSTS``, so the probe names the
first allowed host instead of the container's address.
"""

import http.client
import sys

from deploy.server import WEB_PORT
from onechat import settings

TIMEOUT_SECONDS = 5


def probe_host(allowed_hosts: list[str]) -> str:
    """A ``Host`` header value that ``allowed_hosts`` accepts."""
    for host in allowed_hosts:
        if host != "*":
            # ".example.com" allows example.com and every subdomain.
            return host.removeprefix(".")
    return "localhost"


def main() -> int:
    """Probe ``/health`` on this container's port; 0 when healthy, 1 otherwise."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", WEB_PORT, timeout=TIMEOUT_SECONDS
    )
    try:
        connection.request(
            "GET", "/health", headers={"Host": probe_host(settings.ALLOWED_HOSTS)}
        )
        response = connection.getresponse()
        body = response.read().decode(errors="replace")
    except OSError as error:
        print(f"health check: {error}", file=sys.stderr)
        return 1
    finally:
        connection.close()
    print(body)
    return 0 if response.status == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
