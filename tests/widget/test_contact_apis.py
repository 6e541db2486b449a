"""The same cases through both APIs a contact session talks to: the public client
API (session in the path) and the widget API (session in a signed token).

Both share one set of input serializers, one attachment policy and one email
prompt rule, so each case must come out the same way on both.
"""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from contacts.services import identifier_hash
from conversations.models import Conversation, Message
from conversations.services import create_message, request_email

pytestmark = pytest.mark.django_db


class PublicApi:
    """A contact session of the public client API, with one conversation."""

    def __init__(self, inbox):
        self.client = Client()
        self.base = f"/public/api/v1/inboxes/{inbox.identifier}"
        session = self.client.post(
            f"{self.base}/contacts", {}, content_type="application/json"
        ).json()
        self.session_url = f"{self.base}/contacts/{session['source_id']}"
        conversation = self.client.post(
            f"{self.session_url}/conversations", {}, content_type="application/json"
        ).json()
        self.messages_url = (
            f"{self.session_url}/conversations/{conversation['id']}/messages"
        )
        self.conversation = Conversation.objects.get(
            inbox=inbox, display_id=conversation["id"]
        )

    def send(self, data, *, multipart=False):
        if multipart:
            return self.client.post(self.messages_url, data)
        return self.client.post(
            self.messages_url, data, content_type="application/json"
        )

    def answer_email(self, message_id, email):
        return self.client.patch(
            f"{self.messages_url}/{message_id}",
            {"submitted_email": email},
            content_type="application/json",
        )

    def history(self, query):
        return self.client.get(self.messages_url, query)

    def end_chat(self):
        return self.client.post(
            self.messages_url.removesuffix("messages") + "toggle_status"
        )

    def identify(self, data):
        return self.client.patch(
            self.session_url, data, content_type="application/json"
        )


class WidgetApi:
    """A visitor of the website widget, with one conversation."""

    def __init__(self, inbox):
        self.client = Client()
        self.inbox = inbox
        self.token = None
        self.token = self.call("post", "session").json()["session_token"]
        self.call("post", "messages", {"content": "first"})
        self.conversation = Conversation.objects.get(inbox=inbox)

    def call(self, method, path, data=None, *, multipart=False, query=""):
        url = f"/api/v1/widget/{path}?website_token={self.inbox.website_token}{query}"
        headers = {"X-Widget-Session": self.token} if self.token else {}
        if multipart:
            return getattr(self.client, method)(url, data, headers=headers)
        return getattr(self.client, method)(
            url, data, content_type="application/json", headers=headers
        )

    def send(self, data, *, multipart=False):
        return self.call("post", "messages", data, multipart=multipart)

    def answer_email(self, message_id, email):
        return self.call(
            "post", f"messages/{message_id}/email", {"submitted_email": email}
        )

    def history(self, query):
        return self.client.get(
            "/api/v1/widget/messages",
            {**query, "website_token": self.inbox.website_token},
            headers={"X-Widget-Session": self.token},
        )

    def identify(self, data):
        return self.call("post", "contact/identify", data)

    def end_chat(self):
        return self.call("post", "conversations/toggle_status")


@pytest.fixture(params=[PublicApi, WidgetApi], ids=["public", "widget"])
def contact_api(request, inbox):
    return request.param(inbox)


@pytest.mark.parametrize(
    ("name", "media_type", "head"),
    [
        ("voice.ogg", "audio/ogg", b"OggS\0\2"),
        ("clip.mov", "video/quicktime", b"\0\0\0\x14ftypqt  "),
        ("photo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("notes.pdf", "application/pdf", b"%PDF-1.7\n"),
        ("notes.txt", "text/plain", "Grüße, < 3 items\n".encode()),
    ],
)
def test_allowed_attachment_is_taken(contact_api, name, media_type, head):
    """Audio, video, images and documents are accepted by both APIs alike."""
    upload = SimpleUploadedFile(name, head + b"0" * 64, content_type=media_type)
    response = contact_api.send({"attachments[]": [upload]}, multipart=True)
    assert response.status_code == 200, response.content
    message = Message.objects.get(pk=response.json()["id"])
    assert message.attachments.count() == 1


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("page.html", "text/html"),
        ("diagram.svg", "image/svg+xml"),
        ("invoice.html", "text/plain"),
        ("script.js", "text/javascript"),
        ("photo.png", "text/html"),
    ],
)
def test_markup_or_mislabelled_attachment_is_refused(contact_api, name, media_type):
    """Markup, scripts and files whose type does not match their name: a 400."""
    before = Message.objects.count()
    upload = SimpleUploadedFile(name, b"<svg onload=alert(1)>", content_type=media_type)
    response = contact_api.send({"attachments[]": [upload]}, multipart=True)
    assert response.status_code == 400
    assert "not allowed" in response.json()["error"]
    assert Message.objects.count() == before


@pytest.mark.parametrize(
    ("name", "media_type", "content"),
    [
        ("diagram.png", "image/png", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("invoice.txt", "text/plain", b"\xef\xbb\xbf  <!DOCTYPE html><script>"),
        ("data.json", "application/json", b"<?xml version='1.0'?><svg/>"),
        ("photo.jpg", "image/jpeg", b"\x89PNG\r\n\x1a\n"),
        ("notes.txt", "text/plain", b"\xff\xfe\x00\x00binary"),
        ("report.pdf", "application/pdf", b"<html><body onload=alert(1)>"),
    ],
)
def test_content_decides_not_the_claim(contact_api, name, media_type, content):
    """A file whose bytes are markup, or another type than its name says, is
    refused whatever name and type it claims."""
    before = Message.objects.count()
    upload = SimpleUploadedFile(name, content, content_type=media_type)
    response = contact_api.send({"attachments[]": [upload]}, multipart=True)
    assert response.status_code == 400
    assert "not allowed" in response.json()["error"]
    assert Message.objects.count() == before


def test_oversized_attachment_is_refused(contact_api, settings):
    """A file over MAX_ATTACHMENT_BYTES is a 400 naming the limit."""
    settings.MAX_ATTACHMENT_BYTES = 100
    upload = SimpleUploadedFile("big.pdf", b"0" * 101, content_type="application/pdf")
    response = contact_api.send({"attachments[]": [upload]}, multipart=True)
    assert response.status_code == 400
    assert "limit" in response.json()["error"]


@pytest.mark.parametrize("content", ["", "   "])
def test_empty_message_is_refused(contact_api, content):
    """A message needs text or an attachment, on both APIs."""
    response = contact_api.send({"content": content})
    assert response.status_code == 400
    assert "text or an attachment" in response.json()["error"]


def test_overlong_message_is_refused(contact_api, settings):
    settings.MAX_MESSAGE_LENGTH = 10
    response = contact_api.send({"content": "x" * 11})
    assert response.status_code == 400
    assert "at most 10 characters" in response.json()["error"]


def test_markup_in_a_message_is_stored_as_written(contact_api):
    response = contact_api.send({"content": "<img src=x onerror=alert(1)>"})
    assert response.status_code == 200
    assert response.json()["content"] == "<img src=x onerror=alert(1)>"


def test_email_prompt_takes_only_a_valid_email(contact_api):
    """Only the conversation's input_email prompt takes an email; any other
    message, a private note included, is not found."""
    conversation = contact_api.conversation
    prompt = request_email(conversation=conversation)
    note = create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content="n",
        private=True,
        content_type=Message.ContentType.INPUT_EMAIL,
    )
    plain = create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content="hi",
    )
    assert contact_api.answer_email(plain.pk, "a@b.com").status_code == 404
    assert contact_api.answer_email(note.pk, "a@b.com").status_code == 404
    assert contact_api.answer_email(prompt.pk, "nope").status_code == 400
    done = contact_api.answer_email(prompt.pk, "v@example.com")
    assert done.status_code == 200
    assert done.json()["content_attributes"]["submitted_email"] == "v@example.com"
    conversation.contact.refresh_from_db()
    assert conversation.contact.email == "v@example.com"


def test_history_never_shows_private_notes(contact_api):
    conversation = contact_api.conversation
    create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content="agents only",
        private=True,
    )
    response = contact_api.history({})
    assert response.status_code == 200
    body = response.json()
    messages = body["payload"] if isinstance(body, dict) else body
    assert "agents only" not in [message["content"] for message in messages]


@pytest.mark.parametrize(
    "query", [{"before": "x"}, {"after": "-1"}, {"before": "2", "after": "1"}]
)
def test_bad_history_cursor_is_refused(contact_api, query):
    assert contact_api.history(query).status_code == 400


def test_wrong_identity_hash_is_refused(contact_api, inbox):
    """A wrong HMAC is a 401 on both APIs, and the contact keeps no identifier."""
    response = contact_api.identify(
        {"identifier": "user-7", "identifier_hash": "0" * 64, "name": "Mallory"}
    )
    assert response.status_code == 401
    contact = contact_api.conversation.contact
    contact.refresh_from_db()
    assert contact.identifier is None
    good = identifier_hash(inbox=inbox, identifier="user-7")
    response = contact_api.identify({"identifier": "user-7", "identifier_hash": good})
    assert response.status_code == 200


def test_contact_cannot_edit_or_delete_messages(contact_api, agent):
    """Neither contact API edits or deletes a message, the agent's nor their own:
    DELETE is not served and the public PATCH only answers email prompts."""
    conversation = contact_api.conversation
    theirs = create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        sender=agent,
        content="Agent words",
    )
    own = conversation.messages.filter(
        message_type=Message.MessageType.INCOMING
    ).first() or create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        sender=conversation.contact,
        content="first",
    )
    for message in (theirs, own):
        original = message.content
        if isinstance(contact_api, PublicApi):
            url = f"{contact_api.messages_url}/{message.pk}"
            answers = [
                contact_api.client.delete(url),
                contact_api.client.patch(
                    url, {"content": "Rewritten"}, content_type="application/json"
                ),
            ]
        else:
            answers = [
                contact_api.call("delete", f"messages/{message.pk}"),
                contact_api.call("patch", f"messages/{message.pk}", {"content": "x"}),
            ]
        for answer in answers:
            assert answer.status_code in (400, 403, 404, 405)
            assert answer["Content-Type"].startswith("application/json")
        message.refresh_from_db()
        assert message.content == original
        assert not message.content_attributes.get("deleted")


def test_visitor_ends_the_chat(contact_api):
    """Ending the chat resolves it with one line the visitor sees too; ending
    it again adds nothing; writing again reopens it."""
    conversation = contact_api.conversation
    for _ in range(2):
        response = contact_api.end_chat()
        assert response.status_code == 200
        assert response.json()["status"] == "resolved"
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.RESOLVED
    lines = conversation.messages.filter(
        message_type=Message.MessageType.ACTIVITY, content__endswith="ended the chat"
    )
    assert [line.is_visible_to_contact for line in lines] == [True]
    contact_api.send({"content": "One more thing"})
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.OPEN


def test_visitor_cannot_end_someone_elses_chat(inbox):
    """Another visitor's session with this conversation's id: 404, still open."""
    first, second = PublicApi(inbox), PublicApi(inbox)
    url = (
        f"{second.session_url}/conversations/"
        f"{first.conversation.display_id}/toggle_status"
    )
    assert second.client.post(url).status_code == 404
    first.conversation.refresh_from_db()
    assert first.conversation.status == Conversation.Status.OPEN
