"""GET /health: 200 when the database, Redis and the realtime loop are fine,
503 naming what failed. Real server processes: the realtime check looks at the
event feed running on daphne's event loop."""

import json
import urllib.error
import urllib.request

import pytest

from tests.servers import (
    SHARED_REDIS,
    free_port,
    onechat_server,
    redis_keys_of_their_own,
)

# In a URL of a dependency that is down: it must never reach the response.
SECRET = "health-check-secret"


def get_health(url: str) -> tuple[int, dict, str]:
    """Status, decoded body and raw body of GET ``url``/health."""
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=10) as response:
            raw = response.read().decode()
            return response.status, json.loads(raw), raw
    except urllib.error.HTTPError as error:
        raw = error.read().decode()
        return error.code, json.loads(raw), raw


@pytest.mark.django_db
def test_health_only_answers_reads(client):
    """A write to /health is refused, not treated as a probe."""
    assert client.post("/health").status_code == 405


@pytest.mark.server
@pytest.mark.django_db(transaction=True)
def test_healthy_without_redis_checks_database_and_realtime():
    """Embedded mode (no Redis): the database and the in-process feed."""
    with onechat_server() as server:
        status, body, _ = get_health(server.url)
    assert status == 200, server.log()
    assert body == {"status": "ok", "checks": {"database": "ok", "realtime": "ok"}}


@pytest.mark.server
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_healthy_with_database_and_redis():
    """A server process with PostgreSQL or SQLite and the real Redis is healthy."""
    with (
        redis_keys_of_their_own() as prefix,
        onechat_server(redis_url=SHARED_REDIS, env={"REDIS_PREFIX": prefix}) as server,
    ):
        status, body, _ = get_health(server.url)
    assert status == 200, server.log()
    assert body == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "ok", "realtime": "ok"},
    }


@pytest.mark.server
@pytest.mark.django_db(transaction=True)
def test_redis_down_is_503_naming_redis():
    """With Redis unreachable the process reports 503 and names redis alone."""
    redis_url = f"redis://:{SECRET}@127.0.0.1:{free_port()}/0"
    with onechat_server(env={"REDIS_URL": redis_url}) as server:
        status, body, raw = get_health(server.url)
        log = server.log()
    assert status == 503, log
    # The feed keeps running and retries Redis: only redis is named.
    assert body == {
        "status": "unavailable",
        "checks": {"database": "ok", "redis": "unavailable", "realtime": "ok"},
    }
    assert SECRET not in raw
    assert "Health check failed: redis" in log


@pytest.mark.server
@pytest.mark.django_db(transaction=True)
def test_database_down_is_503_naming_the_database():
    """With the database unreachable the process reports 503 naming it."""
    database_url = f"postgres://onechat:{SECRET}@127.0.0.1:{free_port()}/onechat"
    with onechat_server(env={"DATABASE_URL": database_url}) as server:
        status, body, raw = get_health(server.url)
    assert status == 503, server.log()
    assert body == {
        "status": "unavailable",
        "checks": {"database": "unavailable", "realtime": "ok"},
    }
    assert SECRET not in raw
