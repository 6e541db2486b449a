"""A conversation's transcript by email, asked for by the visitor in the
widget or by an agent in the dashboard: counted against
``ONECHAT_TRANSCRIPT_EMAIL_RATES`` when asked, mailed by the job worker."""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from common.errors import DomainError
from continuity import mails
from continuity.models import ConversationMail
from conversations.models import Conversation, Message


class TooManyTranscripts(DomainError):
    """Transcripts were asked for too often (429)."""

    status = 429
    code = "throttled"


def _within(scope: str, key: str) -> bool:
    """Count one transcript under ``scope``; whether it stays within the rate."""
    # DRF's rate form: "5/hour" (s, m, h or d by the unit's first letter).
    number, unit = settings.ONECHAT_TRANSCRIPT_EMAIL_RATES[scope].split("/")
    limit = int(number)
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit[0]]
    cache_key = f"continuity:transcripts:{scope}:{key}"
    cache.add(cache_key, 0, timeout=seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        cache.set(cache_key, 1, timeout=seconds)
        count = 1
    return count <= limit


def count_transcript(*, conversation: Conversation) -> None:
    """Count a transcript asked for the conversation, per conversation and
    per account; ``TooManyTranscripts`` past either rate."""
    if not (
        _within("conversation", str(conversation.pk))
        and _within("account", str(conversation.account_id))
    ):
        raise TooManyTranscripts(
            _("Too many transcripts were asked for; try again later.")
        )


def transcript_messages(conversation: Conversation) -> list[Message]:
    """What a transcript holds: the messages the contact sees, activity
    lines, reactions and deleted messages left out, oldest first."""
    return [
        message
        for message in conversation.messages.visible_to_contact()
        .exclude(message_type=Message.MessageType.ACTIVITY)
        .exclude(content_type=Message.ContentType.REACTION)
        .select_related("sender_user", "sender_contact", "sender_agent_bot")
        .prefetch_related("attachments")
        .order_by("created_at", "pk")
        if not message.content_attributes.get("deleted")
    ]


def mail_transcript(
    *, conversation_id: int, to_email: str, language: str
) -> ConversationMail | None:
    """Mail the conversation's transcript to ``to_email``; the mail, or None
    when the conversation is gone."""
    conversation = (
        Conversation.objects.select_related("account", "inbox", "contact")
        .filter(pk=conversation_id)
        .first()
    )
    if conversation is None:
        return None
    return mails.send(
        conversation=conversation,
        kind=ConversationMail.Kind.TRANSCRIPT,
        to_email=to_email,
        messages=transcript_messages(conversation),
        language=language,
    )
