"""Which streams a subscription may follow, and the names of all streams.

A stream is named by a pubsub token (a user's, or a contact session's), by
``account_<id>``, by ``visitors_<inbox id>`` (the inbox's contact sessions), or
by one membership (``member_<account>_<user>``, which only
ever carries the close of that membership's subscriptions). Only this module
names streams; the event audiences in ``realtime/events.py`` and the consumer
ask it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from channels.db import database_sync_to_async

from accounts.models import User
from accounts.selectors import inbox_agents
from contacts.models import ContactInbox

ROOM_CHANNEL = "RoomChannel"


@dataclass(frozen=True, slots=True)
class Subscriber:
    """Who a confirmed subscription belongs to, and the streams it follows."""

    account_id: int
    streams: tuple[str, ...]
    user_id: int | None = None
    contact_id: int | None = None
    # A contact session's inbox.
    inbox_id: int | None = None

    @property
    def is_agent(self) -> bool:
        return self.user_id is not None

    @property
    def session_token(self) -> str | None:
        """A contact's session token (the first of its streams)."""
        return None if self.is_agent else self.streams[0]


def account_stream(account_id: int) -> str:
    """The stream every agent of an account follows (carries ``contact.*``)."""
    return f"account_{account_id}"


def user_stream(user: User) -> str:
    """The stream of one user's subscriptions."""
    return user.pubsub_token


def membership_stream(*, account_id: int, user_id: int) -> str:
    """The stream of one user's subscriptions to one account: closing it ends
    them without touching the user's other accounts."""
    return f"member_{account_id}_{user_id}"


def visitors_stream(inbox_id: int) -> str:
    """The stream every contact session of an inbox follows: what the widget
    shows of the inbox's agents (are they around) and nothing else."""
    return f"visitors_{inbox_id}"


def session_stream(session: ContactInbox) -> str:
    """The stream of one contact session's subscriptions."""
    return session.pubsub_token


def agent_streams(*, account_id: int, inbox_id: int) -> list[str]:
    """The streams of the inbox's agents (``accounts.selectors.inbox_agents``)."""
    return list(
        inbox_agents(account_id=account_id, inbox_id=inbox_id)
        .order_by("pk")
        .values_list("pubsub_token", flat=True)
    )


def team_agent_streams(*, account_id: int, inbox_id: int, team_id: int) -> list[str]:
    """The streams of the inbox's agents who are members of the team."""
    return list(
        inbox_agents(account_id=account_id, inbox_id=inbox_id)
        .filter(teams__pk=team_id)
        .order_by("pk")
        .values_list("pubsub_token", flat=True)
    )


def contact_streams(session: ContactInbox) -> list[str]:
    """The streams of a contact in a conversation's session.

    When the session is HMAC-verified the contact is known for sure, so every
    verified session of that contact in the inbox follows along (the same person
    on several devices); otherwise only this session.
    """
    if not session.hmac_verified:
        return [session_stream(session)]
    return list(
        ContactInbox.objects.filter(
            contact_id=session.contact_id,
            inbox_id=session.inbox_id,
            hmac_verified=True,
        )
        .order_by("pk")
        .values_list("pubsub_token", flat=True)
    )


def without(streams: Iterable[str], excluded: Iterable[str]) -> list[str]:
    """``streams`` minus ``excluded``, order kept."""
    skip = set(excluded)
    return [stream for stream in streams if stream not in skip]


# The largest id a database column holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def _as_id(value: Any) -> int | None:
    """A positive integer id from an identifier value (int or ASCII digit
    string), or None when it is no id a database could hold."""
    if isinstance(value, bool):
        return None
    if (
        isinstance(value, str)
        and value.isascii()
        and value.isdigit()
        and len(value) < 20
    ):
        value = int(value)
    if isinstance(value, int) and 0 < value <= MAX_ID:
        return value
    return None


def find_subscriber(params: dict[str, Any]) -> Subscriber | None:
    """The subscriber an identifier's parameters prove, or None to reject.

    Agent: ``pubsub_token`` and ``user_id`` of one active user who belongs to
    ``account_id``. Contact: the ``pubsub_token`` of a contact session, with no
    ``user_id``.
    """
    token = params.get("pubsub_token")
    if params.get("channel") != ROOM_CHANNEL or not isinstance(token, str) or not token:
        return None
    if "user_id" in params:
        return _find_agent(token, params)
    session = (
        ContactInbox.objects.filter(pubsub_token=token)
        .select_related("contact")
        .first()
    )
    if session is None:
        return None
    account_id = session.contact.account_id
    if "account_id" in params and _as_id(params["account_id"]) != account_id:
        return None
    return Subscriber(
        account_id=account_id,
        streams=(session_stream(session), visitors_stream(session.inbox_id)),
        contact_id=session.contact_id,
        inbox_id=session.inbox_id,
    )


def _find_agent(token: str, params: dict[str, Any]) -> Subscriber | None:
    user_id = _as_id(params.get("user_id"))
    account_id = _as_id(params.get("account_id"))
    if user_id is None or account_id is None:
        return None
    user = User.objects.filter(
        pk=user_id,
        pubsub_token=token,
        is_active=True,
        memberships__account_id=account_id,
    ).first()
    if user is None:
        return None
    return Subscriber(
        account_id=account_id,
        streams=(
            user_stream(user),
            account_stream(account_id),
            membership_stream(account_id=account_id, user_id=user.pk),
        ),
        user_id=user.pk,
    )


authorize = database_sync_to_async(find_subscriber)
