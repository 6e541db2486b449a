"""The registry of realtime events: name, payload and audience, each declared once.

Payloads come from the owning app's serializers, so ``/cable`` and REST share one
shape; every payload carries ``account_id``. Audiences are lists of stream names
from ``realtime/streams.py`` and hold the rules of the realtime contract: an
event that carries a conversation goes to its readers (``readers_of``: the
inbox's members plus the account's administrators, each on their own token) or
to some of them, a mention included; private notes, agents' activity lines,
participants, transfers, capabilities, the visitor's own page presence and
typing in a private note never reach a contact; a contact hears of agents only
which of its inbox's are online; typing leaves out the one typing; a call's
events reach its two parties alone (``call.signal`` only the other one);
``contact.*`` goes to the account stream; nothing crosses accounts.

``publish`` (called only from ``realtime/receivers.py``) builds payload and
audience inside the transaction, encodes the message once, and sends it after
commit, in commit order.
"""

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

from accounts.models import Account, Team, User
from agentchat.models import AgentChat, AgentChatMessage
from agentchat.serializers import (
    AgentChatMessageSerializer,
    AgentChatSerializer,
    ChatMemberSerializer,
)
from calls.models import Call
from calls.serializers import call_payload
from collaboration.capabilities import CapabilityChange, can_reply
from collaboration.models import Participant
from common.commit import after_commit, run_logged
from contacts.models import Contact
from contacts.serializers import ContactSerializer
from conversations import delivery
from conversations.models import Conversation, Message
from conversations.serializers import (
    ConversationSerializer,
    MessageSerializer,
    sender_payload,
)
from notifications import selectors as notification_selectors
from notifications.models import Notification
from notifications.serializers import NotificationSerializer
from notifications.services import RemovedNotification
from realtime import fanout, protocol, streams
from realtime.hub import CLOSE, Envelope
from realtime.receipts import Receipt
from routing.selectors import AgentCapacity, QueuePlace
from routing.serializers import agent_capacity_payload, queue_place_payload

logger = logging.getLogger(__name__)

Payload = Callable[[Any], dict]
Audience = Callable[[Any, Any], Iterable[str]]


@dataclass(frozen=True)
class Typing:
    """Someone started or stopped typing in a conversation."""

    conversation: Conversation
    actor: Any  # a User, a Contact or an agent bot
    is_private: bool


@dataclass(frozen=True)
class Mention:
    """A user was mentioned in a private note of a conversation."""

    conversation: Conversation
    user: User


@dataclass(frozen=True)
class Transfer:
    """A conversation was handed to an agent and/or a team, with a handoff note."""

    conversation: Conversation
    actor: User
    note: Message | None
    assignee: User | None
    team: Team | None


@dataclass(frozen=True)
class Failure:
    """An operation an agent (``user``) or a contact (``user`` None, answered
    to its subscription only) started on a conversation was refused: ``code``
    names why, ``reason`` says it in their language; ``call_id`` names the
    call a call step was about."""

    user: User | None
    conversation: Conversation
    operation: str
    code: str
    reason: str
    call_id: int | None = None


@dataclass(frozen=True)
class CallUpdate:
    """A call changed; ``rung`` when agents were rung for it with no agent
    answering yet (they hear that it no longer rings)."""

    call: Call
    rung: bool = False


@dataclass(frozen=True)
class CallSignal:
    """A WebRTC signal from one party of a call (``sender``: its side) for
    the other."""

    call: Call
    sender: str
    signal: dict


@dataclass(frozen=True)
class ChatTyping:
    """Someone started or stopped typing in an agent chat."""

    chat: AgentChat
    user: User


@dataclass(frozen=True)
class Presence:
    """Who is around in an account, as answered to one ``update_presence``
    (agents' answers list contacts too) or pushed to its agents; with an
    ``inbox_id``, pushed to that inbox's visitors (its agents online only)."""

    account_id: int
    users: dict[str, str]
    contacts: dict[str, str] | None = None
    inbox_id: int | None = None


@dataclass(frozen=True)
class VisitorPage:
    """The visitor of a conversation left its page (hid it, closed it) or
    came back to it."""

    conversation: Conversation
    present: bool


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
    # What a frame of the event to a recipient's socket delivers, if anything.
    receipt: Callable[[Any], Receipt | None] | None = None


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


def participant_payload(participant: Participant) -> dict:
    conversation = participant.conversation
    return {
        "account_id": conversation.account_id,
        "conversation_id": conversation.display_id,
        "participant_type": participant.kind,
        "user": sender_payload(
            participant.user, account_id=conversation.account_id, context={}
        ),
    }


def transfer_payload(transfer: Transfer) -> dict:
    conversation = transfer.conversation
    return {
        "account_id": conversation.account_id,
        "conversation": conversation_payload(conversation),
        "note": message_payload(transfer.note) if transfer.note else None,
        "transferred_by": sender_payload(
            transfer.actor, account_id=conversation.account_id, context={}
        ),
        "assignee_id": transfer.assignee.pk if transfer.assignee else None,
        "team_id": transfer.team.pk if transfer.team else None,
    }


def failure_payload(failure: Failure) -> dict:
    data = {
        "account_id": failure.conversation.account_id,
        "operation": failure.operation,
        "conversation_id": failure.conversation.display_id,
        "code": failure.code,
        "reason": failure.reason,
    }
    if failure.call_id is not None:
        data["call_id"] = failure.call_id
    return data


def call_update_payload(update: CallUpdate) -> dict:
    return call_payload(update.call)


def call_signal_payload(signal: CallSignal) -> dict:
    call = signal.call
    return {
        "call_id": call.pk,
        "account_id": call.account_id,
        "conversation_id": call.conversation.display_id,
        "from": signal.sender,
        "signal": signal.signal,
    }


def capabilities_payload(change: CapabilityChange) -> dict:
    return {
        "account_id": change.conversation.account_id,
        "conversation_id": change.conversation.display_id,
        "capabilities": change.capabilities,
        "can_reply": can_reply(change.capabilities),
    }


def chat_payload(chat: AgentChat) -> dict:
    return AgentChatSerializer(chat).data


def chat_message_payload(message: AgentChatMessage) -> dict:
    return AgentChatMessageSerializer(message).data


def chat_typing_payload(typing: ChatTyping) -> dict:
    return {
        "account_id": typing.chat.account_id,
        "chat_id": typing.chat.pk,
        "user": ChatMemberSerializer(typing.user).data,
    }


def mention_payload(mention: Mention) -> dict:
    return conversation_payload(mention.conversation)


def notification_counts(*, user_id: int, account_id: int) -> dict:
    return {
        **notification_selectors.counts(user_id=user_id, account_id=account_id),
        "account_id": account_id,
    }


def notification_payload(notification: Notification) -> dict:
    return {
        "notification": NotificationSerializer(notification).data,
        **notification_counts(
            user_id=notification.user_id, account_id=notification.account_id
        ),
    }


def removed_notification_payload(removed: RemovedNotification) -> dict:
    return {
        "notification": {"id": removed.id},
        **notification_counts(user_id=removed.user_id, account_id=removed.account_id),
    }


def presence_payload(presence: Presence) -> dict:
    data: dict[str, Any] = {"account_id": presence.account_id, "users": presence.users}
    if presence.contacts is not None:
        data["contacts"] = presence.contacts
    return data


def visitor_page_payload(page: VisitorPage) -> dict:
    conversation = page.conversation
    return {
        "account_id": conversation.account_id,
        "conversation_id": conversation.display_id,
        "contact_id": conversation.contact_id,
        "status": "online" if page.present else "away",
    }


def catch_up_payload(catch_up: CatchUp) -> dict:
    return {
        "account_id": catch_up.account_id,
        "after": catch_up.after,
        "last_seq": catch_up.last_seq,
        "complete": catch_up.complete,
    }


### Receipts


def message_receipt(message: Message) -> Receipt | None:
    """A message still ``sent`` between a contact and agents is delivered by
    the first frame to the other side; notes and activity lines never are."""
    if message.status != Message.Status.SENT or message.private:
        return None
    if message.message_type in delivery.TO_CONTACT:
        to_contact = True
    elif message.message_type in delivery.TO_AGENTS:
        to_contact = False
    else:
        return None
    return Receipt(
        account_id=message.account_id,
        conversation_id=message.conversation_id,
        message_id=message.pk,
        to_contact=to_contact,
    )


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


def readers_of(conversation: Conversation) -> list[str]:
    """The streams of the people who may read the conversation: its inbox's
    members and the account's administrators (``accounts.selectors.inbox_agents``,
    the rule ``conversations.selectors.conversation_readers`` names). Every
    event that carries a conversation goes to these or to some of them only."""
    return inbox_agents.of(conversation)


def contact_of(conversation: Conversation) -> list[str]:
    return streams.contact_streams(conversation.contact_inbox)


def conversation_agents(conversation: Conversation, actor: Any) -> list[str]:
    return readers_of(conversation)


def conversation_everyone(conversation: Conversation, actor: Any) -> list[str]:
    return readers_of(conversation) + contact_of(conversation)


def message_everyone(message: Message, actor: Any) -> list[str]:
    agents = readers_of(message.conversation)
    if not message.is_visible_to_contact:
        return agents
    return agents + contact_of(message.conversation)


def message_agents(message: Message, actor: Any) -> list[str]:
    return readers_of(message.conversation)


def typing_audience(typing: Typing, actor: Any) -> list[str]:
    conversation = typing.conversation
    audience = readers_of(conversation)
    if not typing.is_private:
        audience += contact_of(conversation)
    return streams.without(audience, actor_streams(typing.actor, conversation))


def actor_streams(actor: Any, conversation: Conversation) -> list[str]:
    """The streams of the person acting, to leave them out of their own echo
    (an agent bot has none: it hears by webhook)."""
    if isinstance(actor, User):
        return [streams.user_stream(actor)]
    if isinstance(actor, Contact) and actor.pk == conversation.contact_id:
        return contact_of(conversation)
    return []


def participant_agents(participant: Participant, actor: Any) -> list[str]:
    return readers_of(participant.conversation)


def transfer_receivers(transfer: Transfer, actor: Any) -> list[str]:
    """The new assignee, else the team's agents of the inbox; never the actor."""
    conversation = transfer.conversation
    if transfer.assignee is not None:
        audience = [streams.user_stream(transfer.assignee)]
    else:
        audience = streams.team_agent_streams(
            account_id=conversation.account_id,
            inbox_id=conversation.inbox_id,
            team_id=transfer.team.pk,
        )
    readers = set(readers_of(conversation))
    audience = [stream for stream in audience if stream in readers]
    return streams.without(audience, [streams.user_stream(transfer.actor)])


def failing_user(failure: Failure, actor: Any) -> list[str]:
    return [streams.user_stream(failure.user)] if failure.user is not None else []


def call_agents(conversation: Conversation, agent: User | None) -> list[str]:
    """The agent side of a call: its ``agent``; while a contact's request
    rings unanswered, the conversation's assignee when they may read it,
    else its readers."""
    if agent is not None:
        return [streams.user_stream(agent)]
    readers = readers_of(conversation)
    assignee = conversation.assignee
    if assignee is not None and streams.user_stream(assignee) in readers:
        return [streams.user_stream(assignee)]
    return readers


def call_parties(update: CallUpdate, actor: Any) -> list[str]:
    """The call's two parties only (and the agents it rang, as it stops
    ringing for them); never another agent, contact or the account stream."""
    call = update.call
    audience = call_agents(call.conversation, call.agent)
    if update.rung:
        audience += call_agents(call.conversation, None)
    return audience + contact_of(call.conversation)


def call_signal_receiver(signal: CallSignal, actor: Any) -> list[str]:
    """The other party of the call alone (none while nobody answered)."""
    call = signal.call
    if signal.sender == Call.Side.CONTACT:
        return [streams.user_stream(call.agent)] if call.agent is not None else []
    return contact_of(call.conversation)


def changed_agent(change: CapabilityChange, actor: Any) -> list[str]:
    # What one agent may do is theirs alone: never a contact, nor a colleague.
    return [streams.user_stream(change.user)]


def chat_members(chat: AgentChat) -> list[str]:
    """The streams of the chat's members: agents of its account, nobody else."""
    return [
        streams.user_stream(user)
        for user in chat.members.filter(memberships__account_id=chat.account_id)
    ]


def agent_chat_members(chat: AgentChat, actor: Any) -> list[str]:
    return chat_members(chat)


def chat_message_members(message: AgentChatMessage, actor: Any) -> list[str]:
    return chat_members(message.chat)


def chat_typing_audience(typing: ChatTyping, actor: Any) -> list[str]:
    return streams.without(chat_members(typing.chat), [streams.user_stream(actor)])


def mentioned_user(mention: Mention, actor: Any) -> list[str]:
    # Mentioning someone who may not read the conversation tells them nothing.
    stream = streams.user_stream(mention.user)
    return [stream] if stream in readers_of(mention.conversation) else []


def notified_user(
    notification: Notification | RemovedNotification, actor: Any
) -> list[str]:
    # A user's notifications are theirs alone, while they belong to the account.
    user = (
        User.objects.filter(
            pk=notification.user_id, memberships__account_id=notification.account_id
        )
        .only("pubsub_token")
        .first()
    )
    return [streams.user_stream(user)] if user is not None else []


def account_agents(contact: Contact, actor: Any) -> list[str]:
    return [streams.account_stream(contact.account_id)]


def waiting_contact(place: QueuePlace, actor: Any) -> list[str]:
    # Only the contact waiting: its place is nobody else's business, and the
    # agents learn the queue from conversation.queued/dequeued.
    return contact_of(place.conversation)


def presence_agents(presence: Presence, actor: Any) -> list[str]:
    # Pushed when an agent's availability changes (auto-offline included);
    # otherwise a reply to the subscription that asked. The visitors' one
    # carries only what their widget shows.
    if presence.inbox_id is not None:
        return [streams.visitors_stream(presence.inbox_id)]
    return [streams.account_stream(presence.account_id)]


def visitor_page_agents(page: VisitorPage, actor: Any) -> list[str]:
    return readers_of(page.conversation)


def capacity_agents(capacity: AgentCapacity, actor: Any) -> list[str]:
    return [streams.account_stream(capacity.account_id)]


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
    Event("conversation.participant_joined", participant_payload, participant_agents),
    Event("conversation.participant_left", participant_payload, participant_agents),
    Event("conversation.transferred", transfer_payload, transfer_receivers),
    Event("operation.failed", failure_payload, failing_user),
    Event("conversation.capabilities_changed", capabilities_payload, changed_agent),
    Event("agent_chat.created", chat_payload, agent_chat_members),
    Event("agent_chat.updated", chat_payload, agent_chat_members),
    Event("agent_chat.message_created", chat_message_payload, chat_message_members),
    Event("agent_chat.typing_on", chat_typing_payload, chat_typing_audience),
    Event("agent_chat.typing_off", chat_typing_payload, chat_typing_audience),
    Event("assignee.changed", conversation_payload, conversation_agents),
    Event("team.changed", conversation_payload, conversation_agents),
    Event(
        "message.created",
        message_payload,
        message_everyone,
        encode_on_commit=True,
        receipt=message_receipt,
    ),
    Event("message.updated", message_payload, message_everyone),
    Event("first.reply.created", message_payload, message_agents),
    Event("contact.created", contact_payload, account_agents),
    Event("contact.updated", contact_payload, account_agents),
    Event("contact.deleted", contact_payload, account_agents),
    Event("contact.merged", contact_payload, account_agents),
    Event("conversation.queued", conversation_payload, conversation_agents),
    Event("conversation.dequeued", conversation_payload, conversation_agents),
    Event("conversation.queue_position", queue_place_payload, waiting_contact),
    Event("agent.available", agent_capacity_payload, capacity_agents),
    Event("agent.unavailable", agent_capacity_payload, capacity_agents),
    Event("presence.update", presence_payload, presence_agents),
    Event("notification.created", notification_payload, notified_user),
    Event("notification.updated", notification_payload, notified_user),
    Event("notification.deleted", removed_notification_payload, notified_user),
    Event("conversation.contact_presence", visitor_page_payload, visitor_page_agents),
    Event("call.updated", call_update_payload, call_parties),
    Event("call.signal", call_signal_payload, call_signal_receiver),
    # Replies to one subscription, not published to streams.
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

    An event whose audience or payload cannot be built is logged by name and
    left out: the others, and the change that made them, go on. With
    ``ONECHAT_EVENTS_CHECK_AT_PUBLISH`` (the tests) every payload is built and
    encoded here and a failure raises, so a bad payload fails at the call.
    """
    checking = settings.ONECHAT_EVENTS_CHECK_AT_PUBLISH
    planned: list[tuple[Event, tuple[str, ...]]] = []
    for name in names:
        event = EVENTS[name]
        if event.audience is None:
            raise ValueError(f"{name} is a reply, not a published event")
        try:
            audience = tuple(dict.fromkeys(event.audience(about, actor)))
        except Exception:
            if checking:
                raise
            logger.exception("event %s: building its audience failed", name)
            continue
        if audience:
            planned.append((event, audience))
    if not planned:
        return
    label = "publishing " + ", ".join(event.name for event, _ in planned)
    if any(event.encode_on_commit for event, _ in planned):
        if checking:
            _envelopes(planned, about, checking=True)
        after_commit(label, _send_planned, planned, about)
    else:
        after_commit(label, _send_all, _envelopes(planned, about, checking=checking))


def _envelopes(
    planned: list[tuple[Event, tuple[str, ...]]], instance: Any, *, checking: bool
) -> list[tuple[str, Envelope]]:
    """The envelopes of the planned events; one whose payload or receipt
    cannot be built is logged by name and left out (raised when ``checking``)."""
    payloads: dict[Payload, dict | None] = {}
    envelopes = []
    for event, audience in planned:
        try:
            if event.payload not in payloads:
                # Marked failed first: events sharing the builder skip it too.
                payloads[event.payload] = None
                payloads[event.payload] = event.payload(instance)
            data = payloads[event.payload]
            if data is None:
                raise ValueError(f"the payload of {event.name} could not be built")
            body = _encode(event.name, data)
            if checking:
                json.loads(body)
            receipt = event.receipt(instance) if event.receipt else None
        except Exception:
            if checking:
                raise
            logger.exception("event %s: building its message failed", event.name)
            continue
        envelope = Envelope(streams=audience, body=body, receipt=receipt)
        envelopes.append((event.name, envelope))
    return envelopes


def revoke_stream(stream: str, *, reconnect: bool = False) -> None:
    """Close, after commit, every subscription that follows ``stream`` (a
    user's token, or one membership's stream).

    ``reconnect`` tells clients whether subscribing again may succeed (the token
    still works elsewhere) or not (the token is dead).
    """
    frame = protocol.disconnect(protocol.Reason.UNAUTHORIZED, reconnect=reconnect)
    envelope = Envelope(streams=(stream,), body=frame, kind=CLOSE)
    after_commit("closing subscriptions", _send_all, [("disconnect", envelope)])


def _send_all(envelopes: list[tuple[str, Envelope]]) -> None:
    # Each send on its own: one that fails leaves the others going out.
    for name, envelope in envelopes:
        run_logged(name, fanout.send, envelope)


def _send_planned(planned: list[tuple[Event, tuple[str, ...]]], instance: Any) -> None:
    _send_all(_envelopes(planned, instance, checking=False))
