"""The registry of realtime events: name, payload and audience, each declared once.

Payloads come from the owning app's serializers, so ``/cable`` and REST share one
shape; every payload carries ``account_id``. Audiences are lists of stream names
from ``realtime/streams.py`` and hold the rules of the realtime contract: agents
are the inbox's members plus the account's administrators, each on their own
token; private notes, activity lines and typing in a private note never reach a
contact; typing leaves out the one typing; ``contact.*`` goes to the account
stream; nothing crosses accounts.

``publish`` (called only from ``realtime/receivers.py``) builds payload and
audience inside the transaction, encodes the message once, and sends it after
commit, in commit order.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from contacts.models import Contact
from contacts.serializers import ContactSerializer
from conversations.models import Conversation, Message
from conversations.serializers import (
    ConversationSerializer,
    MessageSerializer,
    sender_payload,
)
from onechat.models import Account, User
from realtime import fanout, protocol, streams
from realtime.hub import CLOSE, Envelope

Payload = Callable[[Any], dict]
Audience = Callable[[Any, Any], Iterable[str]]


@dataclass(frozen=True)
class Typing:
    """Someone started or stopped typing in a conversation."""

    conversation: Conversation
    actor: User | Contact
    is_private: bool


@dataclass(frozen=True)
class Mention:
    """A user was mentioned in a private note of a conversation."""

    conversation: Conversation
    user: User


@dataclass(frozen=True)
class Presence:
    """Who is around in an account, as answered to one ``update_presence``."""

    account_id: int
    users: dict[str, str]
    contacts: dict[str, str] | None


@dataclass(frozen=True)
class CatchUp:
    """The end of a catch-up replay."""

    account_id: int
    after: int
    last_seq: int
    complete: bool


@dataclass(frozen=True)
class Event:
    """One realtime event: wire name, payload builder and audience."""

    name: str
    payload: Payload
    audience: Audience | None = None
    # Encode the payload after commit instead of at once: for rows that the
    # same transaction completes after saving them (a message's attachments).
    encode_on_commit: bool = False


### Payloads


def conversation_payload(conversation: Conversation) -> dict:
    return ConversationSerializer(conversation).data


def message_payload(message: Message) -> dict:
    # A contact sender is shown with the token of the conversation's session.
    context = {"contact_inbox": message.conversation.contact_inbox}
    return MessageSerializer(message, context=context).data


def contact_payload(contact: Contact) -> dict:
    return {**ContactSerializer(contact).data, "account_id": contact.account_id}


def typing_payload(typing: Typing) -> dict:
    conversation = typing.conversation
    return {
        "conversation": conversation_payload(conversation),
        "user": sender_payload(
            typing.actor, account_id=conversation.account_id, context={}
        ),
        "is_private": typing.is_private,
        "account_id": conversation.account_id,
    }


def mention_payload(mention: Mention) -> dict:
    return conversation_payload(mention.conversation)


def presence_payload(presence: Presence) -> dict:
    data: dict[str, Any] = {"account_id": presence.account_id, "users": presence.users}
    if presence.contacts is not None:
        data["contacts"] = presence.contacts
    return data


def catch_up_payload(catch_up: CatchUp) -> dict:
    return {
        "account_id": catch_up.account_id,
        "after": catch_up.after,
        "last_seq": catch_up.last_seq,
        "complete": catch_up.complete,
    }


### Audiences


class InboxAgents:
    """The agent streams of each inbox, reused while the account's roster
    version holds: the audience of most events costs no query.

    The version is read at every use (one small query instead of the audience's
    join), so a roster change committed by any process shows at once.
    """

    def __init__(self) -> None:
        self.by_inbox: dict[int, tuple[Any, tuple[str, ...]]] = {}

    def of(self, conversation: Conversation) -> list[str]:
        """The streams of the inbox's members and the account's administrators."""
        version = (
            Account.objects.filter(pk=conversation.account_id)
            .values_list("roster_version", flat=True)
            .first()
        )
        known = self.by_inbox.get(conversation.inbox_id)
        if known is None or known[0] != version:
            audience = tuple(
                streams.agent_streams(
                    account_id=conversation.account_id, inbox_id=conversation.inbox_id
                )
            )
            known = self.by_inbox[conversation.inbox_id] = (version, audience)
        return list(known[1])


inbox_agents = InboxAgents()


def agents_of(conversation: Conversation) -> list[str]:
    return inbox_agents.of(conversation)


def contact_of(conversation: Conversation) -> list[str]:
    return streams.contact_streams(conversation.contact_inbox)


def conversation_agents(conversation: Conversation, actor: Any) -> list[str]:
    return agents_of(conversation)


def conversation_everyone(conversation: Conversation, actor: Any) -> list[str]:
    return agents_of(conversation) + contact_of(conversation)


def message_everyone(message: Message, actor: Any) -> list[str]:
    agents = agents_of(message.conversation)
    if not message.is_visible_to_contact:
        return agents
    return agents + contact_of(message.conversation)


def message_agents(message: Message, actor: Any) -> list[str]:
    return agents_of(message.conversation)


def typing_audience(typing: Typing, actor: Any) -> list[str]:
    conversation = typing.conversation
    audience = agents_of(conversation)
    if not typing.is_private:
        audience += contact_of(conversation)
    return streams.without(audience, actor_streams(typing.actor, conversation))


def actor_streams(actor: User | Contact, conversation: Conversation) -> list[str]:
    """The streams of the person acting, to leave them out of their own echo."""
    if isinstance(actor, User):
        return [streams.user_stream(actor)]
    if actor.pk == conversation.contact_id:
        return contact_of(conversation)
    return []


def mentioned_user(mention: Mention, actor: Any) -> list[str]:
    return [streams.user_stream(mention.user)]


def account_agents(contact: Contact, actor: Any) -> list[str]:
    return [streams.account_stream(contact.account_id)]


### The registry


def registry(*events: Event) -> dict[str, Event]:
    """Index events by name, refusing duplicates."""
    by_name: dict[str, Event] = {}
    for event in events:
        if event.name in by_name:
            raise ValueError(f"event {event.name} declared twice")
        by_name[event.name] = event
    return by_name


EVENTS = registry(
    Event("conversation.created", conversation_payload, conversation_everyone),
    Event("conversation.updated", conversation_payload, conversation_everyone),
    Event("conversation.status_changed", conversation_payload, conversation_everyone),
    Event("conversation.read", conversation_payload, conversation_agents),
    Event("conversation.contact_changed", conversation_payload, conversation_agents),
    Event("conversation.typing_on", typing_payload, typing_audience),
    Event("conversation.typing_off", typing_payload, typing_audience),
    Event("conversation.mentioned", mention_payload, mentioned_user),
    Event("assignee.changed", conversation_payload, conversation_agents),
    Event("team.changed", conversation_payload, conversation_agents),
    Event("message.created", message_payload, message_everyone, encode_on_commit=True),
    Event("message.updated", message_payload, message_everyone),
    Event("first.reply.created", message_payload, message_agents),
    Event("contact.created", contact_payload, account_agents),
    Event("contact.updated", contact_payload, account_agents),
    Event("contact.deleted", contact_payload, account_agents),
    Event("contact.merged", contact_payload, account_agents),
    # Replies to one subscription, not published to streams.
    Event("presence.update", presence_payload),
    Event("catch_up.completed", catch_up_payload),
)


### Encoding and publishing


def encode_message(name: str, instance: Any) -> str:
    """The ``{"event": name, "data": payload}`` message of an event, encoded once."""
    return _encode(name, EVENTS[name].payload(instance))


def _encode(name: str, data: dict) -> str:
    return DjangoJSONEncoder(separators=(",", ":")).encode(
        {"event": name, "data": data}
    )


def publish(*names: str, about: Any, actor: Any = None) -> None:
    """Publish the events ``names`` about ``about`` once the transaction commits.

    Audiences are built now, inside the transaction. Payloads too, so they show
    the state this transaction wrote, unless one of the events is declared
    ``encode_on_commit``: then the group encodes right after commit. Events
    sharing a payload builder (``conversation.status_changed`` and
    ``conversation.updated``) serialise it once. Nothing is sent if the
    transaction rolls back; callbacks run in commit order.
    """
    planned: list[tuple[Event, tuple[str, ...]]] = []
    for name in names:
        event = EVENTS[name]
        if event.audience is None:
            raise ValueError(f"{name} is a reply, not a published event")
        audience = tuple(dict.fromkeys(event.audience(about, actor)))
        if audience:
            planned.append((event, audience))
    if not planned:
        return
    if any(event.encode_on_commit for event, _ in planned):
        send = partial(_send_planned, planned, about)
    else:
        send = partial(_send_all, _envelopes(planned, about))
    transaction.on_commit(send, robust=True)


def _envelopes(
    planned: list[tuple[Event, tuple[str, ...]]], instance: Any
) -> list[Envelope]:
    payloads: dict[Payload, dict] = {}
    envelopes = []
    for event, audience in planned:
        if event.payload not in payloads:
            payloads[event.payload] = event.payload(instance)
        body = _encode(event.name, payloads[event.payload])
        envelopes.append(Envelope(streams=audience, body=body))
    return envelopes


def revoke_token(token: str, *, reconnect: bool = False) -> None:
    """Close, after commit, every subscription that uses a user's token.

    ``reconnect`` tells clients whether subscribing again may succeed (the token
    still works elsewhere) or not (the token is dead).
    """
    frame = protocol.disconnect(protocol.Reason.UNAUTHORIZED, reconnect=reconnect)
    envelope = Envelope(streams=(token,), body=frame, kind=CLOSE)
    transaction.on_commit(partial(_send_all, [envelope]), robust=True)


def _send_all(envelopes: list[Envelope]) -> None:
    for envelope in envelopes:
        fanout.send(envelope)


def _send_planned(planned: list[tuple[Event, tuple[str, ...]]], instance: Any) -> None:
    _send_all(_envelopes(planned, instance))
