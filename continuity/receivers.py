"""Where continuity's jobs are enqueued: a reply mailing in the transaction
of an agent's public reply, or of the visitor leaving the page with replies
unread; a transcript in the transaction that asked for it. Connected in
``ContinuityConfig.ready()``."""

from typing import Any

from continuity import replies, tasks
from continuity.signals import transcript_requested
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


def transcript_was_requested(
    sender: type,
    *,
    conversation: Conversation,
    email: str,
    language: str,
    **kwargs: Any,
) -> None:
    tasks.mail_transcript.enqueue(
        conversation_id=conversation.pk, to_email=email, language=language
    )


def connect() -> None:
    """Connect the receivers (idempotent: registered by uid)."""
    message_created.connect(message_was_created, dispatch_uid="ct-reply")
    visitor_page_changed.connect(visitor_page_was_changed, dispatch_uid="ct-page")
    transcript_requested.connect(transcript_was_requested, dispatch_uid="ct-transcript")
