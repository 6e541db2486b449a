"""Continuity's actions a person causes: a transcript asked for, an email
reply handed in. The reply mailing follows agents' replies by itself
(``receivers.py``, ``replies.py``)."""

from django.db import transaction
from django.utils.translation import gettext as _

from common.errors import DomainError
from continuity import inbound, transcripts
from continuity.signals import transcript_requested
from conversations.models import Conversation, Message


class NoEmail(DomainError):
    """A transcript asked for with no address to send it to (422)."""

    status = 422
    code = "no_email"


def request_transcript(
    *, conversation: Conversation, email: str, language: str = ""
) -> None:
    """Have the job worker mail the conversation's transcript to ``email``,
    in ``language`` (else the inbox's); ``TooManyTranscripts`` past the rates.
    Sends ``transcript_requested``; publishes no event."""
    if not email:
        raise NoEmail(_("Leave your email first."), field="email")
    transcripts.count_transcript(conversation=conversation)
    with transaction.atomic():
        transcript_requested.send(
            sender=Conversation,
            conversation=conversation,
            email=email,
            language=language,
        )


def receive_email(*, raw: bytes, recipient: str = "") -> Message:
    """Add an email reply (raw MIME) to the conversation of its reply address
    as the contact's message, reopening it if resolved; the same mail again
    adds nothing. ``InvalidEmail``, ``NotAReply``, ``Forbidden`` (a forged
    address or sender) or ``EmptyReply`` refuse it with nothing written.
    Publishes ``message.created`` (and ``conversation.status_changed`` on a
    reopen)."""
    with transaction.atomic():
        return inbound.receive(raw=raw, recipient=recipient)
