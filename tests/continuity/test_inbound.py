"""A visitor's email reply posted by a mail service to ``/email/inbound``
joins its conversation as the contact's message, quoted text left out and
allowed files kept; a forged reply, a wrong secret or an unreadable mail is
refused as JSON with nothing written."""

import base64
from email.message import EmailMessage

import pytest

from django.core import mail
from django.test import Client
from django.utils import timezone

from continuity import addresses
from conversations import services
from conversations.models import Conversation, Message
from tests import factories
from tests.continuity.conftest import run_jobs

pytestmark = pytest.mark.django_db

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
    "60e6kgAAAABJRU5ErkJggg=="
)


def reply_mail(
    conversation,
    text="Thanks, that works!",
    *,
    sender="Vera <vera@example.org>",
    to=None,
    files=(),
    message_id="<reply-1@mail.example.org>",
) -> bytes:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = to or addresses.reply_address(conversation.uuid)
    email["Subject"] = "Re: New replies"
    email["Message-ID"] = message_id
    email.set_content(
        f"{text}\n\nOn Mon, 7 Dec 2026 at 10:00, Shop <chat@example.com> wrote:\n"
        "> ##- Type your reply above this line -##\n> First answer\n"
    )
    for name, data, kind in files:
        maintype, subtype = kind.split("/")
        email.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return email.as_bytes()


def post(raw: bytes, secret="inbound-secret", **kwargs):
    return Client().post(
        f"/email/inbound?secret={secret}",
        raw,
        content_type="message/rfc822",
        **kwargs,
    )


def test_a_reply_joins_its_conversation_and_reopens_it(conversation, agent):
    """The agent's reply is mailed; the visitor answers the mail: the answer,
    without the quoted mail, is the contact's message in that conversation,
    with the allowed image attached and the script left out, and the resolved
    conversation is open again. The same mail posted twice adds one message."""
    services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content="First answer",
        sender=agent,
    )
    run_jobs(until=timezone.now() + timezone.timedelta(seconds=300))
    [sent] = mail.outbox
    services.change_status(
        conversation=conversation, status=Conversation.Status.RESOLVED
    )
    raw = reply_mail(
        conversation,
        to=sent.reply_to[0],
        files=[
            ("pixel.png", PNG, "image/png"),
            ("evil.html", b"<script>x</script>", "text/html"),
        ],
    )
    response = post(raw)
    assert response.status_code == 200, response.content
    message = Message.objects.get(pk=response.json()["id"])
    assert response.json()["conversation_id"] == conversation.display_id
    assert message.conversation_id == conversation.pk
    assert message.message_type == Message.MessageType.INCOMING
    assert message.sender_contact_id == conversation.contact_id
    assert message.content == "Thanks, that works!"
    assert message.content_attributes["email"]["message_id"] == (
        "<reply-1@mail.example.org>"
    )
    assert [a.file_type for a in message.attachments.all()] == ["image"]
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.OPEN

    again = post(raw)
    assert again.status_code == 200
    assert again.json()["id"] == message.pk
    assert conversation.messages.filter(sender_contact__isnull=False).count() == 1


def test_the_next_mail_answers_the_visitors_reply(conversation, agent):
    """After the visitor's email reply, the next mail's In-Reply-To is it."""
    assert post(reply_mail(conversation)).status_code == 200
    services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content="Glad to help",
        sender=agent,
    )
    run_jobs(until=timezone.now() + timezone.timedelta(seconds=300))
    [sent] = mail.outbox
    assert sent.extra_headers["In-Reply-To"] == "<reply-1@mail.example.org>"


def test_a_form_field_and_basic_auth_are_taken(conversation):
    """Mailgun's form post: the MIME in ``body-mime``, the secret as the
    basic auth password."""
    token = base64.b64encode(b"api:inbound-secret").decode()
    response = Client().post(
        "/email/inbound",
        {"body-mime": reply_mail(conversation).decode()},
        headers={"Authorization": f"Basic {token}"},
    )
    assert response.status_code == 200, response.content
    assert conversation.messages.get().content == "Thanks, that works!"


def forged_cases(conversation):
    other = factories.ConversationFactory(
        contact_inbox=factories.ContactInboxFactory(
            contact=factories.ContactFactory(
                account=conversation.account, email="mallory@example.org"
            ),
            inbox=conversation.inbox,
        )
    )
    genuine = addresses.reply_address(conversation.uuid)
    bad_signature = genuine.replace(genuine.split(".")[1][:24], "0" * 24)
    return {
        "bad signature": (reply_mail(conversation, to=bad_signature), 403),
        "unsigned": (
            reply_mail(
                conversation,
                to=f"reply+{conversation.uuid.hex}@reply.example.com",
            ),
            404,
        ),
        "another's address": (
            reply_mail(other, sender="Vera <vera@example.org>"),
            403,
        ),
        "not the contact": (
            reply_mail(conversation, sender="Mallory <mallory@example.org>"),
            403,
        ),
    }


def test_forged_replies_are_refused_with_nothing_written(conversation):
    """A wrong signature, another conversation's address, a sender who is
    not the contact, an address with no signature: refused as JSON, and no
    message is written anywhere."""
    for name, (raw, status) in forged_cases(conversation).items():
        response = post(raw)
        assert response.status_code == status, name
        assert "error" in response.json(), name
    assert Message.objects.count() == 0


def test_a_wrong_or_missing_secret_is_refused(conversation, settings):
    """A wrong secret is a 401; with no secret set the endpoint is a 404."""
    assert post(reply_mail(conversation), secret="guess").status_code == 401
    settings.ONECHAT_INBOUND_EMAIL_SECRET = ""
    assert post(reply_mail(conversation)).status_code == 404
    assert Message.objects.count() == 0


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x00\xff\xfe not an email at all",
        b"From: \r\nTo: x\r\n\r\nbody",
        b"From: =?utf-8?q?broken <@@>\r\nTo: <<<\r\n\r\n",
        b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n",
    ],
)
def test_an_unreadable_mail_is_a_json_400(raw, conversation):
    """Mail with no sender or broken headers: a JSON 400, never a 500."""
    response = post(raw)
    assert response.status_code == 400, response.content
    assert "error" in response.json()


def test_a_mail_with_no_new_words_is_refused(conversation):
    """A reply that only quotes the earlier mail adds nothing (422)."""
    response = post(reply_mail(conversation, text=""))
    assert response.status_code == 422
    assert Message.objects.count() == 0


def test_a_form_post_without_the_mime_is_a_400(conversation):
    response = Client().post(
        "/email/inbound?secret=inbound-secret", {"subject": "hello"}
    )
    assert response.status_code == 400
    assert "error" in response.json()


def test_postmark_json_and_the_mailgun_mime_url_are_taken(conversation):
    """Postmark's JSON (``RawEmail``, the secret in the header) and Mailgun's
    ``…/mime`` URL reach the same endpoint."""
    first = Client().post(
        "/email/inbound",
        {"RawEmail": reply_mail(conversation).decode()},
        content_type="application/json",
        headers={"X-Inbound-Secret": "inbound-secret"},
    )
    assert first.status_code == 200, first.content
    second = Client().post(
        "/email/inbound/mime?secret=inbound-secret",
        {"body-mime": reply_mail(conversation, message_id="<r2@x.org>").decode()},
    )
    assert second.status_code == 200, second.content
    assert conversation.messages.count() == 2
