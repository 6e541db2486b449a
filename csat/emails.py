"""The survey link emailed to a contact who left before rating the conversation."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from conversations.models import Conversation
from csat.models import CsatSurveyResponse


def survey_link(conversation: Conversation) -> str:
    """The survey page of the conversation, absolute (``FRONTEND_URL``)."""
    return settings.FRONTEND_URL + reverse("csat-survey-page", args=[conversation.uuid])


def send_survey_link(*, conversation_id: int) -> bool:
    """Email the conversation's contact its survey link, in the inbox's
    language (the account's without one); nothing when the contact has no
    email or has rated already. Whether a mail went."""
    conversation = (
        Conversation.objects.select_related("contact", "inbox", "account")
        .filter(pk=conversation_id)
        .first()
    )
    if conversation is None or not conversation.contact.email:
        return False
    if CsatSurveyResponse.objects.filter(conversation=conversation).exists():
        return False
    locale = conversation.inbox.locale or conversation.account.locale
    with translation.override(locale or settings.LANGUAGE_CODE):
        context = {
            "name": conversation.contact.name,
            "inbox": conversation.inbox.name,
            "link": survey_link(conversation),
        }
        subject = gettext("How was your conversation with %(inbox)s?") % {
            "inbox": conversation.inbox.name
        }
        text = render_to_string("csat/email/survey.txt", context)
        html = render_to_string(
            "csat/email/survey.html",
            {**context, "LANGUAGE_CODE": translation.get_language()},
        )
    email = EmailMultiAlternatives(
        " ".join(subject.split()), text, to=[conversation.contact.email]
    )
    email.attach_alternative(html, "text/html")
    email.send()
    return True
