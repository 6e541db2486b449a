"""The shared cache as a shortcut only: while it cannot be reached (Redis
down), reads fall through to the database and writes are skipped, so no
change or message fails because of it. Entries expire on their own, which
bounds what a forget missed during an outage."""

import logging
from collections.abc import Callable
from typing import TypeVar

from redis.exceptions import RedisError

from django.core.cache import cache

logger = logging.getLogger(__name__)

T = TypeVar("T")
_MISSING = object()


def remembered(key: str, compute: Callable[[], T], *, seconds: float) -> T:
    """The cached value of ``key``, else ``compute()``, cached for ``seconds``
    when the cache can be reached."""
    try:
        found = cache.get(key, _MISSING)
    except RedisError:
        logger.warning("Cache unreachable: %s read from the database", key)
        return compute()
    if found is not _MISSING:
        return found  # type: ignore[return-value]
    value = compute()
    try:
        cache.set(key, value, seconds)
    except RedisError:
        logger.warning("Cache unreachable: %s not kept", key)
    return value


def forget(key: str) -> None:
    """Drop ``key`` from the cache (nothing to do while it is unreachable:
    the entry expires by itself)."""
    try:
        cache.delete(key)
    except RedisError:
        logger.warning("Cache unreachable: %s not forgotten", key)


def first_claim(key: str, *, seconds: float) -> bool:
    """Whether this caller is the first to claim ``key`` for ``seconds``; True
    while the cache is unreachable (the caller's work is then done again
    rather than never)."""
    try:
        return cache.add(key, True, timeout=seconds)
    except RedisError:
        logger.warning("Cache unreachable: %s claimed without it", key)
        return True
