"""The shared cache as a shortcut only, fronted by a short memo in each
process.

Reads the chat path makes on every message (who listens for webhooks, an
inbox's bot, which events have automation rules) would otherwise cost a
Redis round trip each. A value is kept in the process for ``LOCAL_SECONDS``
(a forget in this process drops it at once; other processes see a change
within that time). While the shared cache cannot be reached (Redis down),
reads fall through to the database and writes are skipped, so no change or
message fails because of it; entries expire on their own, which bounds what
a forget missed during an outage.
"""

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from redis.exceptions import RedisError

from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver

logger = logging.getLogger(__name__)

T = TypeVar("T")
_MISSING = object()
# How long a process reuses a value without asking the shared cache.
LOCAL_SECONDS = 1.0
# Past this many keys the memo starts over (one per account or inbox in use).
LOCAL_KEYS = 10_000
_local: dict[str, tuple[float, Any]] = {}


def remembered(key: str, compute: Callable[[], T], *, seconds: float) -> T:
    """The value of ``key`` from this process's memo, else the shared cache,
    else ``compute()`` (then cached for ``seconds`` when the cache can be
    reached)."""
    now = time.monotonic()
    kept = _local.get(key)
    if kept is not None and kept[0] > now:
        return kept[1]
    value = _shared(key, compute, seconds)
    if len(_local) >= LOCAL_KEYS:
        _local.clear()
    _local[key] = (now + LOCAL_SECONDS, value)
    return value


def forget(key: str) -> None:
    """Drop ``key`` from this process's memo and from the shared cache
    (nothing to do there while it is unreachable: the entry expires)."""
    _local.pop(key, None)
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


def _shared(key: str, compute: Callable[[], T], seconds: float) -> T:
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


@receiver(setting_changed)
def _cache_replaced(*, setting: str, **kwargs: Any) -> None:
    # The memo fronts the cache: a new cache (each test has its own) starts
    # with an empty memo.
    if setting == "CACHES":
        _local.clear()
