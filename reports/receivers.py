"""Where reporting events come from: the conversations' domain signals,
received in the transaction of the change.
Connected in ``ReportsConfig.ready()``."""

from typing import Any

from django.utils import timezone

from conversations.models import Conversation, Message
from conversations.signals import conversation_changed, message_created
from reports import services


def on_conversation_changed(
    sender: Any, conversation: Conversation, changes: dict, **kwargs: Any
) -> None:
    """Status changes, the end of a queue wait, a hand-off between agents."""
    now = timezone.now()
    if "status" in changes:
        old, new = changes["status"]
        services.record_status_change(
            conversation=conversation, old=old, new=new, at=now
        )
    waited_since, still_waiting = changes.get("waiting_since", (None, None))
    if waited_since is not None and still_waiting is None and conversation.assignee_id:
        services.record_queue_wait(
            conversation=conversation, waiting_since=waited_since, at=now
        )
    before, after = changes.get("assignee_id", (None, None))
    if before is not None and after is not None:
        services.record_agent_handoff(
            conversation=conversation, to_user_id=after, at=now
        )


def on_message_created(
    sender: Any, message: Message, first_reply: bool, **kwargs: Any
) -> None:
    """An agent's public reply: first response and reply time."""
    if message.is_agent_reply and message.content_type != Message.ContentType.REACTION:
        services.record_agent_reply(message=message, first_reply=first_reply)


def connect() -> None:
    conversation_changed.connect(
        on_conversation_changed, sender=Conversation, dispatch_uid="reports-status"
    )
    message_created.connect(
        on_message_created, sender=Message, dispatch_uid="reports-replies"
    )
