"""Presence: who was seen recently in an account, and what agents show as.

``update_presence`` records "seen now" for the subscriber and answers with the
account's presence (a visitor hears only which agents of its inbox are
online; agents do not hear of visitors away from their page,
``realtime/visitors.py``). ``pushed_on_availability`` is what an agent's
availability change pushes at once.

With ``REDIS_URL`` the record is a pair of Redis sorted sets per account
(member id, score = unix time) so every server process agrees; embedded, a
dict in this process, which also answers while Redis is unreachable (from
what this process saw). A user counts as present for
``ONECHAT_USER_PRESENCE_SECONDS``, a contact for
``ONECHAT_CONTACT_PRESENCE_SECONDS``.
"""

import logging
import time
from collections import defaultdict

import redis

from channels.db import database_sync_to_async
from django.conf import settings
from django.db.models import Q

from accounts.models import AccountUser
from accounts.selectors import (
    SEEN_WRITE_SECONDS,
    inbox_agents,
    presence_since,
    visible_inboxes,
)
from realtime import fanout, visitors
from realtime.events import Presence
from realtime.streams import Subscriber
from routing import timers
from routing.selectors import present_agents

logger = logging.getLogger(__name__)

USERS = "users"
CONTACTS = "contacts"

# Embedded mode: (account id, USERS|CONTACTS) -> {member id: last seen}.
_seen: dict[tuple[int, str], dict[int, float]] = defaultdict(dict)
# (account id, user id) -> when this process last wrote the agent's dashboard
# socket as seen (monotonic clock), for auto-offline.
_seen_written: dict[tuple[int, int], float] = {}


def windows() -> dict[str, int]:
    """How long a user or a contact stays present after being seen, in seconds."""
    return {
        USERS: settings.ONECHAT_USER_PRESENCE_SECONDS,
        CONTACTS: settings.ONECHAT_CONTACT_PRESENCE_SECONDS,
    }


def _key(account_id: int, kind: str) -> str:
    return f"{settings.ONECHAT_REDIS_PREFIX}:presence:{account_id}:{kind}"


async def update_presence(subscriber: Subscriber) -> Presence:
    """Record the subscriber as seen now and return the account's presence."""
    kind, member = (
        (USERS, subscriber.user_id)
        if subscriber.is_agent
        else (CONTACTS, subscriber.contact_id)
    )
    account_id = subscriber.account_id
    present = None
    if settings.REDIS_URL:
        try:
            present = await _record_in_redis(account_id, kind, member)
        except (redis.RedisError, OSError) as error:
            logger.warning("presence from this process only, Redis: %s", error)
    if present is None:
        present = _record_in_process(account_id, kind, member)
    users = await _user_statuses(account_id, present[USERS])
    if not subscriber.is_agent:
        visible = await _inbox_agent_ids(account_id, subscriber.inbox_id)
        return Presence(account_id=account_id, users=online_of(users, visible))
    away = await visitors.away_contacts(account_id)
    contacts = {
        str(contact_id): "online"
        for contact_id in present[CONTACTS]
        if contact_id not in away
    }
    return Presence(account_id=account_id, users=users, contacts=contacts)


def online_of(users: dict[str, str], agent_ids: set[str]) -> dict[str, str]:
    """What a visitor hears of ``users``: which of their inbox's agents
    (``agent_ids``) are online, nothing of the others or of other states."""
    return {
        user_id: status
        for user_id, status in users.items()
        if status == "online" and user_id in agent_ids
    }


def pushed_on_availability(membership: AccountUser) -> list[Presence]:
    """What an agent's availability change tells at once (set in the profile,
    or auto-offline): the account's presence to its agents, and to the
    visitors of each inbox the agent answers, which of its agents are online."""
    account_id = membership.account_id
    users = present_agents(account_id=account_id, since=presence_since())
    contacts = {
        str(contact_id): "online" for contact_id in present_contact_ids(account_id)
    }
    pushed = [Presence(account_id=account_id, users=users, contacts=contacts)]
    for inbox in visible_inboxes(membership=membership):
        agent_ids = {
            str(user_id)
            for user_id in inbox_agents(
                account_id=account_id, inbox_id=inbox.pk
            ).values_list("pk", flat=True)
        }
        pushed.append(
            Presence(
                account_id=account_id,
                users=online_of(users, agent_ids),
                inbox_id=inbox.pk,
            )
        )
    return pushed


async def agent_seen(subscriber: Subscriber) -> None:
    """Note an agent's dashboard socket as open, in the database that
    auto-offline reads (at most once per ``SEEN_WRITE_SECONDS`` per process)."""
    key = (subscriber.account_id, subscriber.user_id)
    now = time.monotonic()
    if key in _seen_written and now - _seen_written[key] < SEEN_WRITE_SECONDS:
        return
    _seen_written[key] = now
    await database_sync_to_async(timers.note_agent_seen)(
        account_id=subscriber.account_id, user_id=subscriber.user_id
    )


async def agent_left(subscriber: Subscriber) -> None:
    """Note an agent's dashboard socket as closed: auto-offline checks later
    whether another was seen since."""
    # The agent's other sockets here write again at their next ping.
    _seen_written.pop((subscriber.account_id, subscriber.user_id), None)
    await database_sync_to_async(timers.note_agent_left)(
        account_id=subscriber.account_id, user_id=subscriber.user_id
    )


def _record_in_process(account_id: int, kind: str, member: int) -> dict[str, list]:
    now = time.time()
    _seen[account_id, kind][member] = now
    present = {}
    for name, window in windows().items():
        seen = _seen[account_id, name]
        for stale in [key for key, at in seen.items() if at < now - window]:
            del seen[stale]
        present[name] = list(seen)
    return present


async def _record_in_redis(account_id: int, kind: str, member: int) -> dict[str, list]:
    now = time.time()
    spans = windows()
    client = fanout.current_feed().client
    pipe = client.pipeline(transaction=False)
    pipe.zadd(_key(account_id, kind), {str(member): now})
    pipe.expire(_key(account_id, kind), spans[kind] * 2)
    for name, window in spans.items():
        pipe.zremrangebyscore(_key(account_id, name), "-inf", now - window)
        pipe.zrange(_key(account_id, name), 0, -1)
    results = await pipe.execute()
    return {USERS: [int(m) for m in results[3]], CONTACTS: [int(m) for m in results[5]]}


def present_contact_ids(account_id: int) -> set[int]:
    """The account's contacts seen within their presence window and not away
    from their page: those the Application API shows as ``online``.
    Synchronous, for HTTP answers."""
    return _seen_contact_ids(account_id) - visitors.away_contact_ids(account_id)


def _seen_contact_ids(account_id: int) -> set[int]:
    since = time.time() - windows()[CONTACTS]
    if settings.REDIS_URL:
        try:
            members = fanout.publisher().client.zrangebyscore(
                _key(account_id, CONTACTS), since, "+inf"
            )
            return {int(member) for member in members}
        except (redis.RedisError, OSError) as error:
            logger.warning("contact presence from this process only, Redis: %s", error)
    seen = dict(_seen.get((account_id, CONTACTS), {}))
    return {contact_id for contact_id, at in seen.items() if at >= since}


@database_sync_to_async
def _inbox_agent_ids(account_id: int, inbox_id: int | None) -> set[str]:
    if inbox_id is None:
        return set()
    agents = inbox_agents(account_id=account_id, inbox_id=inbox_id)
    return {str(user_id) for user_id in agents.values_list("pk", flat=True)}


@database_sync_to_async
def _user_statuses(account_id: int, present: list[int]) -> dict[str, str]:
    # Present agents show their chosen availability; agents who switched
    # auto-offline off always show it.
    rows = AccountUser.objects.filter(account_id=account_id).filter(
        Q(user_id__in=present) | Q(auto_offline=False)
    )
    return {
        str(user_id): availability
        for user_id, availability in rows.values_list("user_id", "availability")
    }
