"""CSAT writes: the survey a resolved conversation sends, the answer it gets.

The answer is recorded on the survey message (``submitted_values``, Chatwoot's
wire) by ``conversations.answers`` or by ``change_answer`` here, and copied into
the conversation's ``CsatSurveyResponse`` by ``record_response`` (the receiver
of ``message_updated``), so both paths keep one row per conversation.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from common.errors import DomainError
from conversations import answers
from conversations import services as conversation_services
from conversations.models import Conversation, Message
from conversations.signals import message_updated
from csat import selectors
from csat.models import CsatSurveyResponse

# Chatwoot's window: the survey page changes an answer up to 14 days after
# the survey was sent.
CHANGE_WINDOW = timedelta(days=14)


class SurveyClosed(DomainError):
    """The survey was sent too long ago for its answer to change (a 422, as
    Chatwoot answers)."""

    status = 422
    code = "csat_survey_closed"


def send_survey(*, conversation: Conversation) -> Message | None:
    """Post the inbox's satisfaction survey (an ``input_csat`` template
    message) into a resolved conversation, once per conversation: a
    conversation that was asked already (answered or not) is not asked again.
    The survey credits the agent assigned now (``assigned_agent_id``).
    Publishes ``message.created``; None when nothing was sent."""
    inbox = conversation.inbox
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if not inbox.csat_survey_enabled or selectors.survey_message_of(
            conversation=conversation
        ):
            return None
        # In the inbox's language (the account's without one), whoever resolved.
        locale = inbox.locale or conversation_services.account_locale(conversation)
        with translation.override(locale or settings.LANGUAGE_CODE):
            question = inbox.csat_question or gettext("Please rate the conversation")
        return conversation_services.create_message(
            conversation=conversation,
            message_type=Message.MessageType.TEMPLATE,
            content=question,
            content_type=Message.ContentType.INPUT_CSAT,
            content_attributes={
                "display_type": inbox.csat_display_type,
                "assigned_agent_id": conversation.assignee_id,
            },
        )


def claim_link_email(*, message: Message) -> bool:
    """Mark the unanswered survey ``message`` as having its link emailed
    (``link_emailed``), so its contact gets that mail once; False when it
    was emailed or answered already."""
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        attributes = locked.content_attributes
        if attributes.get("answered") or attributes.get("link_emailed"):
            return False
        locked.content_attributes = {**attributes, "link_emailed": True}
        locked.save(update_fields=["content_attributes"])
    return True


def record_response(*, message: Message) -> CsatSurveyResponse | None:
    """Keep the conversation's response in step with its answered survey
    ``message``: created on the first answer, updated on a change. None
    for any other message."""
    if message.content_type != Message.ContentType.INPUT_CSAT:
        return None
    values = message.content_attributes.get("submitted_values") or {}
    answer = values.get("csat_survey_response") if isinstance(values, dict) else None
    if not message.content_attributes.get("answered") or not answer:
        return None
    conversation = message.conversation
    response, _ = CsatSurveyResponse.objects.update_or_create(
        conversation=conversation,
        defaults={
            "rating": answer["rating"],
            "feedback_message": answer.get("feedback_message") or "",
            "message": message,
        },
        create_defaults={
            "account_id": conversation.account_id,
            "contact_id": conversation.contact_id,
            "assigned_agent_id": message.content_attributes.get(
                "assigned_agent_id", conversation.assignee_id
            ),
            "rating": answer["rating"],
            "feedback_message": answer.get("feedback_message") or "",
            "message": message,
        },
    )
    return response


def answer_survey(*, message: Message, submitted_values: Any) -> Message:
    """The survey page's answer: the first one is the contact's answer as in
    the widget (``answers.answer_question``); a later one changes it within
    ``CHANGE_WINDOW`` of the survey (``SurveyClosed`` after). Returns the
    survey message."""
    if not message.content_attributes.get("answered"):
        try:
            return answers.answer_question(
                question=message,
                contact=message.conversation.contact,
                submitted_values=submitted_values,
            )
        except answers.AlreadyAnswered:
            message.refresh_from_db()
    return change_answer(message=message, submitted_values=submitted_values)


def change_answer(*, message: Message, submitted_values: Any) -> Message:
    """Replace the answer of an answered survey within ``CHANGE_WINDOW`` of
    its sending (``SurveyClosed`` after). Publishes ``message.updated``."""
    if timezone.now() - message.created_at > CHANGE_WINDOW:
        raise SurveyClosed(
            gettext("This survey can no longer be changed: it closed after 14 days.")
        )
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        values, _ = answers.check_answer(
            question=locked, submitted_values=submitted_values
        )
        message.content_attributes = {
            **locked.content_attributes,
            "submitted_values": values,
            "answered": True,
        }
        message.save(update_fields=["content_attributes", "updated_at"])
        message_updated.send(sender=Message, message=message)
    return message
