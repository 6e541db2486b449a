"""An email reply taken back into its conversation: the raw MIME parsed with
Python's ``email`` package, the conversation found by its signed reply
address, the sender checked against the contact's email, then the new words
and the allowed attachments added as the contact's message (which reopens a
resolved conversation). A refused mail writes nothing."""

from email import policy
from email.errors import MessageError
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from common.errors import DomainError, Forbidden
from continuity import addresses, quoting
from conversations import services
from conversations.attachments import MAX_ATTACHMENTS, check_attachment
from conversations.models import Conversation, Message

# Where a reply address may stand: the headers, then the envelope (a mail
# service's ``recipient`` field), which Bcc and forwarding leave out of them.
RECIPIENT_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To")
# What a parsed header or body may raise on malformed input.
PARSE_ERRORS = (MessageError, ValueError, TypeError, IndexError, LookupError)


class InvalidEmail(DomainError):
    """The mail cannot be read (400)."""

    code = "invalid_email"


class NotAReply(DomainError):
    """The mail is addressed to no conversation (404)."""

    status = 404
    code = "not_found"


class EmptyReply(DomainError):
    """The mail adds nothing to the conversation (422)."""

    status = 422
    code = "empty_reply"


def parse(raw: bytes) -> EmailMessage:
    """The email in ``raw``; ``InvalidEmail`` when it has no sender."""
    if not raw.strip():
        raise InvalidEmail(_("The email is empty."))
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        sender = getaddresses([str(value) for value in message.get_all("From", [])])
    except PARSE_ERRORS as error:
        raise InvalidEmail(_("The email cannot be read.")) from error
    if not any("@" in address for _name, address in sender):
        raise InvalidEmail(_("The email has no sender."))
    return message


def _addresses(message: EmailMessage, names: tuple[str, ...]) -> list[str]:
    values = [str(value) for name in names for value in message.get_all(name, [])]
    return [address for _name, address in getaddresses(values) if address]


def find_conversation(message: EmailMessage, *, recipient: str = "") -> Conversation:
    """The conversation whose reply address the mail is sent to; refused
    (403) when that address's signature is wrong, or the sender is not the
    conversation's contact; 404 when no reply address is there."""
    try:
        found = _addresses(message, RECIPIENT_HEADERS)
        sender = _addresses(message, ("From",))[0]
    except PARSE_ERRORS as error:
        raise InvalidEmail(_("The email cannot be read.")) from error
    candidates = [
        address
        for address in [recipient, *found]
        if address and addresses.is_reply_address(address)
    ]
    if not candidates:
        raise NotAReply(_("The email is not addressed to a conversation."))
    conversation_uuid = addresses.conversation_of(candidates[0])
    if conversation_uuid is None:
        raise Forbidden(_("The reply address is not valid."))
    conversation = (
        Conversation.objects.select_related("contact", "inbox")
        .filter(uuid=conversation_uuid)
        .first()
    )
    if conversation is None:
        raise NotAReply(_("The email is not addressed to a conversation."))
    email = conversation.contact.email
    if not email or sender.lower() != email.lower():
        raise Forbidden(_("The sender is not the conversation's contact."))
    return conversation


def body_of(message: EmailMessage) -> str:
    """The reply's own words: the plain text part, else the HTML one."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except PARSE_ERRORS:
        content = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
    if not isinstance(content, str):
        return ""
    if part.get_content_subtype() == "html":
        content = quoting.html_to_text(content)
    return quoting.new_words(content)[: settings.MAX_MESSAGE_LENGTH]


def attachments_of(message: EmailMessage) -> list[SimpleUploadedFile]:
    """The mail's files the attachment rules allow, at most as many as a
    message may carry; others are left out."""
    files = []
    for part in message.iter_attachments():
        if len(files) == MAX_ATTACHMENTS:
            break
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        upload = SimpleUploadedFile(
            part.get_filename() or "", payload, content_type=part.get_content_type()
        )
        try:
            files.append(check_attachment(upload))
        except ValidationError:
            continue
    return files


def _message_id(message: EmailMessage) -> str | None:
    value = str(message.get("Message-ID", "")).strip()
    return value if value and len(value) <= 255 else None


def receive(*, raw: bytes, recipient: str = "") -> Message:
    """Add the reply in ``raw`` to its conversation as the contact's message
    (see ``services.receive_email``)."""
    message = parse(raw)
    conversation = find_conversation(message, recipient=recipient)
    message_id = _message_id(message)
    if message_id is not None:
        known = conversation.messages.filter(source_id=message_id).first()
        if known is not None:
            # The mail service delivered the same mail again.
            return known
    try:
        content = body_of(message)
        files = attachments_of(message)
        subject = str(message.get("Subject", ""))
    except PARSE_ERRORS as error:
        raise InvalidEmail(_("The email cannot be read.")) from error
    if not content and not files:
        raise EmptyReply(_("The email adds nothing to the conversation."))
    email = {"subject": subject[:255]}
    if message_id is not None:
        email["message_id"] = message_id
    return services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        content=content,
        sender=conversation.contact,
        content_attributes={"email": email},
        source_id=message_id,
        attachments=files,
    )
