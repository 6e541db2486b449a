"""Changes made in the Django admin reach the sockets as the services' own do."""

from html.parser import HTMLParser

import pytest

from contacts.models import Contact
from conversations.models import Message
from tests import factories

pytestmark = pytest.mark.django_db


class FormValues(HTMLParser):
    """The values an admin change form would submit as rendered."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, object] = {}
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = dict(attrs)
        name = found.get("name")
        if tag == "input" and name and found.get("type") not in ("submit", "file"):
            if found.get("type") == "checkbox":
                if "checked" in found:
                    self.data[name] = "on"
            else:
                self.data[name] = found.get("value") or ""
        elif tag == "select" and name:
            self.select = name
            if "multiple" not in found:
                self.data.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in found:
            self.data[self.select] = found.get("value") or ""
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.data[self.textarea] = str(self.data[self.textarea]) + data


def form_values(admin_client, url: str) -> dict[str, object]:
    page = admin_client.get(url)
    assert page.status_code == 200
    parser = FormValues()
    parser.feed(page.content.decode())
    return parser.data


def test_contact_changed_in_the_admin(admin_client, capture_events, contact):
    """Saving a contact in the admin tells contact.updated; deleting it there
    tells contact.deleted."""
    url = f"/admin/contacts/contact/{contact.pk}/change/"
    data = form_values(admin_client, url)
    data["name"] = "Vera Renamed"
    with capture_events() as events:
        response = admin_client.post(url, data)
    assert response.status_code == 302
    assert events.one("contact.updated").data["name"] == "Vera Renamed"
    contact_id = contact.pk
    with capture_events() as events:
        response = admin_client.post(
            f"/admin/contacts/contact/{contact_id}/delete/", {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Contact.objects.filter(pk=contact_id).exists()
    assert events.one("contact.deleted").data["id"] == contact_id


def test_conversation_changed_in_the_admin(
    admin_client, capture_events, conversation, agent
):
    """Resolving a conversation and editing its message in the admin tells
    conversation.status_changed and message.updated."""
    message = factories.MessageFactory(conversation=conversation, content="typo")
    url = f"/admin/conversations/conversation/{conversation.pk}/change/"
    data = form_values(admin_client, url)
    data["status"] = "resolved"
    assert data["messages-0-id"] == str(message.pk)
    data["messages-0-content"] = "fixed"
    with capture_events() as events:
        response = admin_client.post(url, data)
    assert response.status_code == 302, response.content
    assert events.one("conversation.status_changed").data["status"] == "resolved"
    updated = events.one("message.updated")
    assert updated.data["id"] == message.pk
    assert updated.data["content"] == "fixed"
    assert Message.objects.get(pk=message.pk).content == "fixed"
