"""How CSAT follows conversations: a resolve sends the survey, an answer to
it (from the widget or the survey page) becomes the conversation's response."""

import logging
from typing import Any

from django.db import transaction

from conversations.models import Conversation, Message
from conversations.signals import conversation_changed, message_updated
from csat import services, tasks
from realtime.presence import present_contact_ids

logger = logging.getLogger(__name__)


def survey_on_resolve(
    sender, *, conversation: Conversation, changes: dict, **kwargs: Any
) -> None:
    """A conversation just resolved asks its contact to rate it, once the
    resolve is committed (so the survey follows the resolve's own lines)."""
    old_new = changes.get("status")
    if not old_new or old_new[1] != Conversation.Status.RESOLVED:
        return
    if not conversation.inbox.csat_survey_enabled:
        return
    conversation_id = conversation.pk

    def ask() -> None:
        # The resolve is committed: a failed survey is logged, never the
        # resolving request's error.
        try:
            survey_and_link(conversation_id=conversation_id)
        except Exception:
            logger.exception("CSAT survey of conversation %s failed", conversation_id)

    transaction.on_commit(ask)


def survey_and_link(*, conversation_id: int) -> None:
    """Send the survey; a contact with an email who is not on the widget's
    page (no live socket showing it, ``realtime.presence``) gets its link by
    email from a job."""
    conversation = Conversation.objects.select_related("inbox", "contact").get(
        pk=conversation_id
    )
    if services.send_survey(conversation=conversation) is None:
        return
    if conversation.contact.email and conversation.contact_id not in (
        present_contact_ids(conversation.account_id)
    ):
        tasks.email_survey_link.enqueue(conversation_id=conversation_id)


def response_on_answer(sender, *, message: Message, **kwargs: Any) -> None:
    """An answered or changed survey keeps the conversation's response."""
    services.record_response(message=message)


def connect() -> None:
    """Connect the receivers (idempotent: registered by uid)."""
    conversation_changed.connect(survey_on_resolve, dispatch_uid="csat-resolve")
    message_updated.connect(response_on_answer, dispatch_uid="csat-answer")
