"""How CSAT follows conversations: a resolve sends the survey, an answer to
it (from the widget or the survey page) becomes the conversation's response."""

import logging
from typing import Any

from django.db import transaction

from contacts.models import Contact
from conversations.models import Conversation, Message
from conversations.signals import conversation_changed, message_updated, visitor_left
from csat import selectors, services, tasks
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
    survey = services.send_survey(conversation=conversation)
    if survey is None or not conversation.contact.email:
        return
    if conversation.contact_id not in present_contact_ids(conversation.account_id):
        email_link(survey)


def link_on_leave(sender, *, contact_id: int, inbox_id: int, **kwargs: Any) -> None:
    """A visitor with an email who leaves the page before rating gets the
    links of their unanswered surveys by email, once each."""
    if (
        not Contact.objects.filter(pk=contact_id)
        .exclude(email=None)
        .exclude(email="")
        .exists()
    ):
        return
    for survey in selectors.surveys_awaiting(contact_id=contact_id, inbox_id=inbox_id):
        email_link(survey)


def email_link(survey: Message) -> None:
    """Enqueue the mail of the survey's link, unless it went already."""
    if services.claim_link_email(message=survey):
        tasks.email_survey_link.enqueue(conversation_id=survey.conversation_id)


def response_on_answer(sender, *, message: Message, **kwargs: Any) -> None:
    """An answered or changed survey keeps the conversation's response."""
    services.record_response(message=message)


def connect() -> None:
    """Connect the receivers (idempotent: registered by uid)."""
    conversation_changed.connect(survey_on_resolve, dispatch_uid="csat-resolve")
    message_updated.connect(response_on_answer, dispatch_uid="csat-answer")
    visitor_left.connect(link_on_leave, dispatch_uid="csat-visitor-left")
