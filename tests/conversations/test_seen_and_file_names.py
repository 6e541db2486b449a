"""Two fields of a message's payload: ``seen_at``, when the other side read
it, and an attachment's ``file_name``, the name it was uploaded with (safe
against paths and control characters; markup is kept as text for the pages to
draw as text)."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from conversations import services
from conversations.models import Message
from conversations.serializers import AttachmentSerializer, MessageSerializer
from conversations.services import original_file_name
from tests import factories
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def test_seen_at_is_null_until_the_contact_reads(conversation, agent):
    """An agent's reply has ``seen_at`` null, then the epoch of the read once
    the contact's last-seen mark passes it; the contact's own message stays
    unread by that."""
    reply = factories.MessageFactory(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        sender_user=agent,
    )
    theirs = factories.MessageFactory(
        conversation=conversation, message_type=Message.MessageType.INCOMING
    )
    assert MessageSerializer(reply).data["seen_at"] is None
    services.mark_seen_by_contact(conversation=conversation)
    reply.refresh_from_db()
    theirs.refresh_from_db()
    data = MessageSerializer(reply).data
    assert data["status"] == "read"
    assert isinstance(data["seen_at"], int)
    assert data["seen_at"] == int(reply.seen_at.timestamp())
    assert theirs.seen_at is None
    assert MessageSerializer(theirs).data["seen_at"] is None


def test_messages_api_carries_seen_at(account, agent, conversation):
    """The Application API's message list carries ``seen_at`` on each message."""
    factories.MessageFactory(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        sender_user=agent,
    )
    services.mark_seen_by_contact(conversation=conversation)
    url = (
        f"/api/v1/accounts/{account.pk}/conversations/"
        f"{conversation.display_id}/messages"
    )
    payload = client_for(agent).get(url).json()["payload"]
    assert all("seen_at" in message for message in payload)
    assert isinstance(payload[-1]["seen_at"], int)


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\ana\\Q3 report (final).xlsx", "Q3 report (final).xlsx"),
        ("evil\u202etxt.exe", "eviltxt.exe"),
        ("line\nbreak\x00.txt", "linebreak.txt"),
        ("<img src=x onerror=alert(1)>.txt", "<img src=x onerror=alert(1)>.txt"),
        ("<b>a</b>.txt", "b>.txt"),
        ("..", ""),
        ("/", ""),
        (None, ""),
        ("a" * 300 + ".txt", ("a" * 300 + ".txt")[-255:]),
    ],
)
def test_original_file_name_keeps_the_last_part_only(given, kept):
    """No folders, control or direction characters, at most 255 characters."""
    assert original_file_name(given) == kept


def test_upload_keeps_its_name_in_the_payload(account, agent, conversation):
    """A file stored under a cleaned name still reads as it was uploaded;
    the payload shape is Chatwoot's attachment plus ``file_name``."""
    url = (
        f"/api/v1/accounts/{account.pk}/conversations/"
        f"{conversation.display_id}/messages"
    )
    name = "Q3 <img src=x onerror=alert(1)> (final).txt"
    response = client_for(agent).post(
        url,
        {
            "content": "Attached",
            "attachments[]": [
                SimpleUploadedFile(name, b"hello", content_type="text/plain")
            ],
        },
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    attachment = response.json()["attachments"][0]
    assert attachment["file_name"] == name
    assert set(attachment) >= {
        "id",
        "message_id",
        "file_type",
        "account_id",
        "extension",
        "data_url",
        "thumb_url",
        "file_size",
        "file_name",
    }
    assert name not in attachment["data_url"]


def test_attachment_stored_before_shows_its_stored_name(conversation, agent):
    """An attachment kept without its uploaded name reads as its stored name."""
    message = factories.MessageFactory(conversation=conversation, sender_user=agent)
    stored = services._attach(
        message=message,
        upload=SimpleUploadedFile("notes.txt", b"hi", content_type="text/plain"),
    )
    stored.file_name = ""
    assert AttachmentSerializer(stored).data["file_name"] == "notes.txt"
