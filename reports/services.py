"""Reporting events written as conversations move (called by the receivers,
in the transaction of the change)."""

from datetime import datetime

from conversations.models import Conversation, Message
from reports.models import ReportingEvent
from routing.hours import open_seconds

Name = ReportingEvent.Name


def record_event(
    *,
    name: str,
    conversation: Conversation,
    start: datetime,
    end: datetime,
    user_id: int | None,
) -> ReportingEvent:
    """Write one reporting event of ``conversation``: the seconds from
    ``start`` to ``end``, in all and within its inbox's business hours."""
    return ReportingEvent.objects.create(
        name=name,
        value=max((end - start).total_seconds(), 0.0),
        value_in_business_hours=open_seconds(conversation.inbox, start, end),
        account_id=conversation.account_id,
        inbox_id=conversation.inbox_id,
        user_id=user_id,
        conversation=conversation,
        event_start_time=start,
        event_end_time=end,
        created_at=end,
    )


def _last_event_time(conversation: Conversation, name: str) -> datetime | None:
    return (
        ReportingEvent.objects.filter(conversation=conversation, name=name)
        .order_by("-created_at", "-id")
        .values_list("created_at", flat=True)
        .first()
    )


def record_status_change(
    *, conversation: Conversation, old: str, new: str, at: datetime
) -> None:
    """A resolution (timed from the conversation's start or its last
    reopening), a reopening (timed from the last resolution), or a bot's
    hand-off of a pending conversation to the agents."""
    if new == Conversation.Status.RESOLVED:
        since = _last_event_time(conversation, Name.CONVERSATION_OPENED)
        record_event(
            name=Name.CONVERSATION_RESOLVED,
            conversation=conversation,
            start=since or conversation.created_at,
            end=at,
            user_id=conversation.assignee_id,
        )
    elif old == Conversation.Status.RESOLVED and new == Conversation.Status.OPEN:
        since = _last_event_time(conversation, Name.CONVERSATION_RESOLVED)
        record_event(
            name=Name.CONVERSATION_OPENED,
            conversation=conversation,
            start=since or conversation.created_at,
            end=at,
            user_id=conversation.assignee_id,
        )
    elif old == Conversation.Status.PENDING and new == Conversation.Status.OPEN:
        record_event(
            name=Name.CONVERSATION_BOT_HANDOFF,
            conversation=conversation,
            start=conversation.created_at,
            end=at,
            user_id=conversation.assignee_id,
        )


def record_queue_wait(
    *, conversation: Conversation, waiting_since: datetime, at: datetime
) -> None:
    """The time the conversation waited in its inbox's queue for the agent
    it has now."""
    record_event(
        name=Name.QUEUE_WAIT,
        conversation=conversation,
        start=waiting_since,
        end=at,
        user_id=conversation.assignee_id,
    )


def record_agent_handoff(
    *, conversation: Conversation, to_user_id: int, at: datetime
) -> None:
    """The conversation went from one agent to another (``to_user_id``)."""
    record_event(
        name=Name.CONVERSATION_AGENT_HANDOFF,
        conversation=conversation,
        start=at,
        end=at,
        user_id=to_user_id,
    )


def record_agent_reply(*, message: Message, first_reply: bool) -> None:
    """An agent's public reply: its first response (timed from the start, or
    from the bot's hand-off) and its reply time (from the contact's first
    message since the agents last answered)."""
    conversation = message.conversation
    if first_reply:
        since = _last_event_time(conversation, Name.CONVERSATION_BOT_HANDOFF)
        record_event(
            name=Name.FIRST_RESPONSE,
            conversation=conversation,
            start=since or conversation.created_at,
            end=message.created_at,
            user_id=message.sender_user_id,
        )
    public = Message.objects.filter(
        conversation=conversation, private=False, id__lt=message.pk
    )
    answered = (
        public.filter(message_type=Message.MessageType.OUTGOING)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    asked = (
        public.filter(message_type=Message.MessageType.INCOMING, id__gt=answered or 0)
        .order_by("id")
        .values_list("created_at", flat=True)
        .first()
    )
    if asked is not None:
        record_event(
            name=Name.REPLY_TIME,
            conversation=conversation,
            start=asked,
            end=message.created_at,
            user_id=message.sender_user_id,
        )
