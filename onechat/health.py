"""The health endpoint: can this server process serve OneChat right now?

Container health checks and load balancers poll ``GET /health``. It checks the
database, Redis (when configured) and the realtime loop: the process's event
feed, which brings every event to this process's websocket clients, must be
running. Each check answers "ok" or "unavailable"; why a check failed goes to
the log only, since error messages can carry host names and credentials.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

import redis
from asgiref.sync import sync_to_async

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from realtime import fanout

logger = logging.getLogger(__name__)

# A health probe must answer fast even when Redis is unreachable.
REDIS_TIMEOUT_SECONDS = 1.0


@dataclass(frozen=True)
class Check:
    """One dependency probe and the exceptions that mean "unavailable"."""

    name: str
    probe: Callable[[], None]
    failures: tuple[type[Exception], ...]


def check_database() -> None:
    """Run ``SELECT 1`` on the default database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_redis() -> None:
    """PING the Redis server that carries fan-out between server processes."""
    client = redis.Redis.from_url(
        settings.REDIS_URL,
        socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        socket_timeout=REDIS_TIMEOUT_SECONDS,
    )
    try:
        client.ping()
    finally:
        client.close()


def enabled_checks() -> list[Check]:
    """The checks that apply to this process's configuration."""
    checks = [Check("database", check_database, (DatabaseError,))]
    if settings.REDIS_URL:
        checks.append(Check("redis", check_redis, (redis.RedisError, OSError)))
    return checks


def realtime_running() -> bool:
    """Whether this process's event feed (in Redis mode, its one reader of the
    Redis event log) is running on the server's event loop.

    Asking for the feed starts it on first use, as the first websocket does.
    """
    if fanout.current_feed().running:
        return True
    logger.error("Health check failed: realtime (the event feed is not running)")
    return False


def run_checks() -> dict[str, bool]:
    """Run every enabled dependency check; map each name to whether it passed."""
    results = {}
    for check in enabled_checks():
        try:
            check.probe()
        except check.failures:
            logger.exception("Health check failed: %s", check.name)
            results[check.name] = False
        else:
            results[check.name] = True
    return results


@never_cache
@require_safe
async def health(request: HttpRequest) -> JsonResponse:
    """200 with every check "ok", or 503 naming the checks that failed."""
    # Async, so the realtime check runs on the loop that serves the websockets;
    # the blocking checks run in a worker thread.
    results = await sync_to_async(run_checks)()
    results["realtime"] = realtime_running()
    healthy = all(results.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "checks": {
                name: "ok" if passed else "unavailable"
                for name, passed in results.items()
            },
        },
        status=200 if healthy else 503,
    )
