"""The mails continuity sends: each in the inbox's language and time zone,
with a text and an HTML part (the messages' words escaped, never markup), a
Message-ID of its own and the conversation's earlier mails in its threading
headers, answered at the conversation's reply address."""

from email.utils import formataddr, parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import get_supported_language_variant, gettext

from continuity import addresses
from continuity.models import ConversationMail
from conversations.models import Conversation, Message

# Earlier mails named in References: the newest ones.
MAX_REFERENCES = 20


def language_of(conversation: Conversation, requested: str = "") -> str:
    """The language a mail of the conversation is written in: the one the
    visitor asked in, else the inbox's, else the account's (the first
    OneChat speaks)."""
    for candidate in (
        requested,
        conversation.inbox.locale,
        conversation.account.locale,
    ):
        try:
            return get_supported_language_variant(
                candidate.replace("_", "-").lower(), strict=True
            )
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def sender_name(message: Message) -> str:
    """Who wrote a message, as the visitor sees it."""
    sender = message.sender
    if sender is None:
        return conversation_name(message.conversation)
    return getattr(sender, "available_name", "") or sender.name


def conversation_name(conversation: Conversation) -> str:
    """The name the inbox shows visitors, on one line (it goes into the
    From and Subject headers)."""
    return " ".join(
        (conversation.inbox.business_name or conversation.inbox.name).split()
    )


def _item(message: Message) -> dict:
    files = []
    for attachment in message.attachments.all():
        if attachment.file:
            link = settings.FRONTEND_URL + attachment.file.url
        else:
            link = attachment.external_url
        if link:
            files.append({"name": attachment.file.name.rsplit("/", 1)[-1], "url": link})
    return {
        "author": sender_name(message),
        "from_contact": message.message_type == Message.MessageType.INCOMING,
        "at": message.created_at,
        "content": message.content,
        "files": files,
    }


def _threading(conversation: Conversation) -> list[str]:
    """The Message-IDs of the conversation's mails, ours and the contact's
    replies, oldest first."""
    ours = ConversationMail.objects.filter(conversation=conversation).values_list(
        "created_at", "message_id"
    )
    theirs = [
        (created_at, attributes["email"]["message_id"])
        for created_at, attributes in conversation.messages.filter(
            message_type=Message.MessageType.INCOMING,
            content_attributes__email__has_key="message_id",
        ).values_list("created_at", "content_attributes")
    ]
    found = sorted([*ours, *theirs], key=lambda pair: pair[0])
    return [message_id for _, message_id in found][-MAX_REFERENCES:]


def send(
    *,
    conversation: Conversation,
    kind: str,
    to_email: str,
    messages: list[Message],
    language: str = "",
) -> ConversationMail:
    """Mail ``messages`` of the conversation to ``to_email`` (a batch of
    replies or a transcript) and record the mail."""
    uuid = conversation.uuid
    message_id = addresses.new_message_id(uuid)
    earlier = _threading(conversation)
    reply_to = addresses.reply_address(uuid)
    name = conversation_name(conversation)
    zone = ZoneInfo(conversation.inbox.timezone or "UTC")
    with (
        translation.override(language_of(conversation, language)),
        timezone.override(zone),
    ):
        if kind == ConversationMail.Kind.TRANSCRIPT:
            subject = gettext(
                "[#%(display_id)s] Transcript of your conversation with %(name)s"
            )
        else:
            subject = gettext("[#%(display_id)s] New replies from %(name)s")
        subject = subject % {"display_id": conversation.display_id, "name": name}
        context = {
            "name": name,
            "transcript": kind == ConversationMail.Kind.TRANSCRIPT,
            "items": [_item(message) for message in messages],
            "can_reply": reply_to is not None,
            "LANGUAGE_CODE": translation.get_language(),
        }
        text = render_to_string("continuity/email/conversation.txt", context)
        html = render_to_string("continuity/email/conversation.html", context)
    headers = {"Message-ID": message_id}
    if earlier:
        headers["In-Reply-To"] = earlier[-1]
        headers["References"] = " ".join(earlier)
    email = EmailMultiAlternatives(
        subject,
        text,
        from_email=formataddr((name, parseaddr(settings.DEFAULT_FROM_EMAIL)[1])),
        to=[to_email],
        reply_to=[reply_to] if reply_to else None,
        headers=headers,
    )
    email.attach_alternative(html, "text/html")
    email.send()
    return ConversationMail.objects.create(
        account_id=conversation.account_id,
        conversation=conversation,
        kind=kind,
        message_id=message_id,
        to_email=to_email,
        message_ids=[message.pk for message in messages],
    )
