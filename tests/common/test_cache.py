"""The shared cache as a shortcut: a per-process memo in front of it, and the
database behind it while Redis cannot be reached."""

from common import cache as shortcut


def test_a_value_is_computed_once_and_forgotten_on_request():
    """A second read within the memo's time reuses the value; a forget makes
    the next read compute it again."""
    calls = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert shortcut.remembered("k", compute, seconds=30) == 1
    assert shortcut.remembered("k", compute, seconds=30) == 1
    shortcut.forget("k")
    assert shortcut.remembered("k", compute, seconds=30) == 2


def test_an_unreachable_redis_falls_through_to_the_database(settings):
    """With Redis down, reads compute the value, forgets and claims do not
    fail (a claim is granted, so the work is not skipped)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 1: connections are refused at once.
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    assert shortcut.remembered("down", lambda: "from the database", seconds=30) == (
        "from the database"
    )
    shortcut.forget("down")
    assert shortcut.first_claim("down-claim", seconds=5) is True
