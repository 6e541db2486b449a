"""Where reply mailings are scheduled: in the transaction of an agent's
public reply, or of the visitor leaving the page with replies unread.
Connected in ``ContinuityConfig.ready()``."""

from typing import Any

from continuity import replies, tasks
from conversations.models import Conversation, Message
from conversations.signals import message_created, visitor_page_changed


def _schedule(conversation: Conversation) -> None:
    due = replies.schedule(conversation=conversation)
    if due is not None:
        tasks.mail_replies.using(run_after=due).enqueue(conversation_id=conversation.pk)


def message_was_created(sender: type, *, message: Message, **kwargs: Any) -> None:
    if message.is_agent_reply:
        _schedule(message.conversation)


def visitor_page_was_changed(
    sender: type, *, conversation: Conversation, present: bool, **kwargs: Any
) -> None:
    if not present:
        _schedule(conversation)


def connect() -> None:
    """Connect the receivers (idempotent: registered by uid)."""
    message_created.connect(message_was_created, dispatch_uid="ct-reply")
    visitor_page_changed.connect(visitor_page_was_changed, dispatch_uid="ct-page")
