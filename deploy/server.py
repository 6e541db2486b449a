"""The production web process: uvicorn serving OneChat's ASGI application.

One definition of its command line for the image (the Dockerfile's CMD, which
docker-compose.yml's web services run; tests/deploy/test_compose.py checks it
matches) and the loopback topology. Production runs uvicorn rather than daphne
because a websocket frame costs it several times less CPU per connection
(README.md, "Performance"); daphne stays the development server.
"""

WEB_PORT = 8000
# After the SIGTERM handler has sent server_restart to every websocket client
# (realtime/fanout.py), the requests still in flight get this long; compose's
# stop_grace_period leaves room for both.
GRACEFUL_SHUTDOWN_SECONDS = 5
# Only nginx reaches the web processes: on loopback, or from compose's private
# network, whose addresses Docker picks from these ranges.
PROXY_ADDRESSES = "127.0.0.1,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16"


def web_command(host: str = "0.0.0.0", port: int = WEB_PORT) -> list[str]:
    """uvicorn's command line for one web process listening on ``host:port``."""
    return [
        "uvicorn",
        "onechat.asgi:application",
        *["--host", host, "--port", str(port)],
        # websockets' sans-I/O protocol writes each frame straight to the
        # transport: the send path bench/PROFILE.md measured.
        *["--ws", "websockets-sansio"],
        # No permessage-deflate, which every browser offers: each socket would
        # hold its own zlib compressor and decompressor (some 40 KB more per
        # idle socket, bench/idle_memory.py with a client offering it), and a
        # fan-out would compress each event once per socket, not write it as is.
        *["--ws-per-message-deflate", "false"],
        # The client's address and scheme from nginx's X-Forwarded-* headers.
        "--proxy-headers",
        *["--forwarded-allow-ips", PROXY_ADDRESSES],
        *["--timeout-graceful-shutdown", str(GRACEFUL_SHUTDOWN_SECONDS)],
        # Django's ASGI handler has no lifespan events to run.
        *["--lifespan", "off"],
        # nginx logs every request already.
        "--no-access-log",
    ]
