"""Erasing a contact: personal data gone from the database, the agent API
and the widget; messages kept under an erased contact; the files they sent
gone from storage; events as for any contact change; administrators only."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.dispatch import Signal

from contacts.models import Contact, ContactInbox
from contacts.signals import contact_data_exported, contact_erased
from conversations.models import Attachment, Conversation, Message
from tests import factories
from tests.widget.test_contact_apis import WidgetApi

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture
def visitor(inbox):
    """A widget visitor who identified, chatted, sent a photo and answered
    an email prompt."""
    api = WidgetApi(inbox)
    identified = api.identify(
        {
            "identifier": "crm-77",
            "name": "Vera Visible",
            "email": "vera@example.com",
            "phone_number": "+33123456789",
            "custom_attributes": {"plan": "gold"},
        }
    )
    assert identified.status_code == 200, identified.content
    photo = SimpleUploadedFile("me.png", PNG, content_type="image/png")
    sent = api.send(
        {"content": "here is my photo", "attachments[]": photo}, multipart=True
    )
    assert sent.status_code == 200, sent.content
    conversation = api.conversation
    conversation.additional_attributes = {
        "browser": {"browser_name": "Firefox"},
        "referer": "https://shop.example/cart",
        "mail_subject": "Order",
    }
    conversation.save()
    return api


@contextmanager
def received(signal: Signal) -> Iterator[list[dict]]:
    """The arguments ``signal`` is sent with inside the block."""
    sent: list[dict] = []

    def record(sender, signal, **kwargs) -> None:
        sent.append(kwargs)

    signal.connect(record, sender=Contact, dispatch_uid="privacy-test")
    try:
        yield sent
    finally:
        signal.disconnect(sender=Contact, dispatch_uid="privacy-test")


def erase_url(account, contact_id) -> str:
    return f"/api/v1/accounts/{account.pk}/contacts/{contact_id}/erase"


def test_erase_removes_personal_data_everywhere_and_keeps_messages(
    as_admin, administrator, account, visitor, capture_events
):
    contact = visitor.conversation.contact
    attachment = Attachment.objects.get()
    stored = Path(attachment.file.path)
    assert stored.exists()
    message_count = Message.objects.filter(conversation=visitor.conversation).count()
    source_id = ContactInbox.objects.get(contact=contact).source_id
    with received(contact_erased) as sent, capture_events() as events:
        response = as_admin.post(erase_url(account, contact.pk))
    assert response.status_code == 200, response.content
    shown = response.json()["payload"]
    assert shown["name"] == "Erased contact"
    assert shown["email"] is None and shown["phone_number"] is None
    assert shown["identifier"] is None and shown["custom_attributes"] == {}

    contact.refresh_from_db()
    assert (contact.name, contact.email, contact.phone_number, contact.identifier) == (
        "Erased contact",
        None,
        None,
        None,
    )
    assert contact.additional_attributes == {} and contact.custom_attributes == {}
    assert contact.erased_at is not None
    session = ContactInbox.objects.get(contact=contact)
    assert session.source_id != source_id
    conversation = Conversation.objects.get(pk=visitor.conversation.pk)
    assert conversation.additional_attributes == {"mail_subject": "Order"}
    assert not Attachment.objects.exists() and not stored.exists()
    messages = Message.objects.filter(conversation=conversation)
    assert messages.count() == message_count
    assert messages.filter(content="here is my photo", sender_contact=contact).exists()
    assert sent == [
        {"contact_id": contact.pk, "actor": administrator, "account": account}
    ]
    assert events.one("contact.updated").data["name"] == "Erased contact"

    shown = as_admin.get(f"/api/v1/accounts/{account.pk}/contacts/{contact.pk}")
    assert "vera" not in shown.content.decode().lower()
    listed = as_admin.get(
        f"/api/v1/accounts/{account.pk}/conversations/{conversation.display_id}/messages"
    )
    text = listed.content.decode()
    assert "here is my photo" in text and "Erased contact" in text
    assert "vera" not in text.lower() and "crm-77" not in text
    # The session id was personal data too: the browser that held it
    # reaches the conversation no more.
    widget = visitor.history({})
    assert widget.status_code == 401
    assert "here is my photo" not in widget.content.decode()


def test_agents_may_not_erase_or_export(as_agent, account, contact):
    assert as_agent.post(erase_url(account, contact.pk)).status_code == 403
    data = f"/api/v1/accounts/{account.pk}/contacts/{contact.pk}/data_export"
    assert as_agent.get(data).status_code == 403
    contact.refresh_from_db()
    assert contact.name == "Vera Visitor" and contact.erased_at is None


def test_another_accounts_contact_is_404(as_admin, account):
    other = factories.ContactFactory(name="Otto Other")
    base = f"/api/v1/accounts/{account.pk}/contacts/{other.pk}"
    assert as_admin.post(f"{base}/erase").status_code == 404
    response = as_admin.get(f"{base}/data_export")
    assert response.status_code == 404
    assert response.json()["error"]
    other_account = f"/api/v1/accounts/{other.account_id}/contacts/{other.pk}"
    assert as_admin.post(f"{other_account}/erase").status_code == 404
    other.refresh_from_db()
    assert other.name == "Otto Other"


def test_data_export_has_details_conversations_and_files(
    as_admin, administrator, account, visitor
):
    contact = visitor.conversation.contact
    factories.MessageFactory(
        conversation=visitor.conversation,
        message_type=Message.MessageType.OUTGOING,
        private=True,
        content="internal only",
    )
    with received(contact_data_exported) as sent:
        response = as_admin.get(
            f"/api/v1/accounts/{account.pk}/contacts/{contact.pk}/data_export"
        )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = response.json()
    assert data["contact"]["email"] == "vera@example.com"
    assert data["contact"]["custom_attributes"] == {"plan": "gold"}
    [conversation] = data["conversations"]
    contents = [message["content"] for message in conversation["messages"]]
    assert "here is my photo" in contents and "internal only" not in contents
    [photo] = [m for m in conversation["messages"] if m["attachments"]]
    assert photo["attachments"][0]["url"].startswith("http://testserver/")
    assert photo["author"] == {
        "type": "contact",
        "id": contact.pk,
        "name": "Vera Visible",
    }
    assert sent == [{"contact": contact, "actor": administrator}]
