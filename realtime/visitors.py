"""Whether a visitor has their page in front of them, told to the agents of
their conversations once it holds.

Each widget socket of a contact counts while its page is shown: the widget
says so (``{"action":"page","visible":…}`` on ``visibilitychange`` and
``pagehide``), and a closed socket counts as hidden. When no socket of the
contact shows the page for ``ONECHAT_VISITOR_AWAY_SECONDS``, the contact is
away and ``conversations.services.note_visitor_page`` tells their
conversations' agents; the first socket showing it again brings them back. A
reload (closed, then opened again within the delay) tells nobody.

With ``REDIS_URL`` the state is shared by every server process (a reload may
reach another one): a set of the sockets showing the page per contact, and a
set of the contacts away per account. Embedded, dicts in this process.
"""

import asyncio
import logging
from collections import defaultdict

import redis

from channels.db import database_sync_to_async
from django.conf import settings

from conversations import services
from realtime import fanout
from realtime.streams import Subscriber

logger = logging.getLogger(__name__)

# Embedded mode: contact id -> keys of the sockets showing the page, and
# account id -> contacts away.
_showing: dict[int, set[str]] = defaultdict(set)
_away: dict[int, set[int]] = defaultdict(set)
# The pending "has the visitor left?" checks, kept so they are not collected.
_pending: set[asyncio.Task] = set()

# Mark away only while no socket shows the page; 1 when newly away.
MARK_AWAY = """
if redis.call('SCARD', KEYS[1]) == 0 then
  return redis.call('SADD', KEYS[2], ARGV[1])
end
return 0
"""
# A day: sockets of a process that died stop counting then.
SHOWING_TTL = 86400


def _showing_key(contact_id: int) -> str:
    return f"{settings.ONECHAT_REDIS_PREFIX}:visitor:{contact_id}:showing"


def _away_key(account_id: int) -> str:
    return f"{settings.ONECHAT_REDIS_PREFIX}:visitors-away:{account_id}"


async def page_shown(subscriber: Subscriber, key: str) -> None:
    """The socket ``key`` of a contact shows the page: a contact who was
    away is back."""
    was_away = None
    if settings.REDIS_URL:
        try:
            pipe = fanout.current_feed().client.pipeline(transaction=True)
            pipe.sadd(_showing_key(subscriber.contact_id), key)
            pipe.expire(_showing_key(subscriber.contact_id), SHOWING_TTL)
            pipe.srem(_away_key(subscriber.account_id), subscriber.contact_id)
            was_away = bool((await pipe.execute())[2])
        except (redis.RedisError, OSError) as error:
            logger.warning("visitor page in this process only, Redis: %s", error)
    if was_away is None:
        _showing[subscriber.contact_id].add(key)
        was_away = subscriber.contact_id in _away[subscriber.account_id]
        _away[subscriber.account_id].discard(subscriber.contact_id)
    if was_away:
        await _tell(subscriber, present=True)


async def page_hidden(subscriber: Subscriber, key: str) -> None:
    """The socket ``key`` no longer shows the page (hidden, or closed): the
    contact is away if none shows it once the delay has passed."""
    if settings.REDIS_URL:
        try:
            client = fanout.current_feed().client
            await client.srem(_showing_key(subscriber.contact_id), key)
        except (redis.RedisError, OSError) as error:
            logger.warning("visitor page in this process only, Redis: %s", error)
    showing = _showing.get(subscriber.contact_id)
    if showing is not None:
        showing.discard(key)
        if not showing:
            del _showing[subscriber.contact_id]
    task = asyncio.create_task(_check_away(subscriber))
    _pending.add(task)
    task.add_done_callback(_pending.discard)


async def _check_away(subscriber: Subscriber) -> None:
    await asyncio.sleep(settings.ONECHAT_VISITOR_AWAY_SECONDS)
    newly_away = None
    if settings.REDIS_URL:
        try:
            newly_away = bool(
                await fanout.current_feed().client.eval(
                    MARK_AWAY,
                    2,
                    _showing_key(subscriber.contact_id),
                    _away_key(subscriber.account_id),
                    subscriber.contact_id,
                )
            )
        except (redis.RedisError, OSError) as error:
            logger.warning("visitor page in this process only, Redis: %s", error)
    if newly_away is None:
        away = _away[subscriber.account_id]
        newly_away = (
            not _showing.get(subscriber.contact_id)
            and subscriber.contact_id not in away
        )
        if newly_away:
            away.add(subscriber.contact_id)
    if newly_away:
        await _tell(subscriber, present=False)


async def _tell(subscriber: Subscriber, *, present: bool) -> None:
    await database_sync_to_async(services.note_visitor_page)(
        contact_id=subscriber.contact_id,
        inbox_id=subscriber.inbox_id,
        present=present,
    )


async def away_contacts(account_id: int) -> set[int]:
    """The account's contacts away from their page now."""
    if settings.REDIS_URL:
        try:
            members = await fanout.current_feed().client.smembers(_away_key(account_id))
            return {int(member) for member in members}
        except (redis.RedisError, OSError) as error:
            logger.warning("visitor page in this process only, Redis: %s", error)
    return set(_away.get(account_id, ()))


def away_contact_ids(account_id: int) -> set[int]:
    """``away_contacts``, synchronous, for HTTP answers."""
    if settings.REDIS_URL:
        try:
            members = fanout.publisher().client.smembers(_away_key(account_id))
            return {int(member) for member in members}
        except (redis.RedisError, OSError) as error:
            logger.warning("visitor page in this process only, Redis: %s", error)
    return set(_away.get(account_id, ()))
