"""The inbox's pre-chat form: set through the inbox API from the account's
definitions, checked again by the server when the widget opens the
conversation, written to the contact and the conversation."""

import json

import pytest

from django.test import Client

from accounts.models import CustomAttributeDefinition
from contacts.models import Contact
from conversations.models import Conversation
from tests import factories

pytestmark = pytest.mark.django_db

Type = CustomAttributeDefinition.DisplayType
MARKUP = "<img src=x onerror=alert(1)>"

FIELDS = [
    {"name": "emailAddress", "field_type": "standard", "required": True},
    {"name": "name", "field_type": "standard", "label": MARKUP},
    {"name": "phone_number", "field_type": "standard", "enabled": False},
    {"name": "plan", "field_type": "contact_attribute", "required": True},
    {"name": "order_id", "field_type": "conversation_attribute", "required": True},
]


@pytest.fixture
def definitions(account):
    CustomAttributeDefinition.objects.create(
        account=account,
        attribute_model=CustomAttributeDefinition.Model.CONTACT,
        attribute_key="plan",
        attribute_display_name=MARKUP,
        attribute_display_type=Type.LIST,
        attribute_values=["free", "pro"],
    )
    CustomAttributeDefinition.objects.create(
        account=account,
        attribute_model=CustomAttributeDefinition.Model.CONVERSATION,
        attribute_key="order_id",
        attribute_display_name="Order",
        attribute_display_type=Type.TEXT,
        regex_pattern=r"^\d{4}$",
        regex_cue="Four digits",
    )


@pytest.fixture
def form_inbox(as_admin, base, inbox, definitions):
    response = as_admin.patch(
        f"{base}/inboxes/{inbox.pk}",
        {
            "pre_chat_form_enabled": True,
            "pre_chat_form_options": {
                "pre_chat_message": "Tell us who you are",
                "pre_chat_fields": FIELDS,
            },
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    inbox.refresh_from_db()
    return inbox


class Widget:
    def __init__(self, inbox):
        self.client = Client()
        self.inbox = inbox
        response = self.call("session")
        self.token = response.json()["session_token"]

    def call(self, path, data=None):
        token = getattr(self, "token", None)
        return self.client.post(
            f"/api/v1/widget/{path}?website_token={self.inbox.website_token}",
            json.dumps(data or {}),
            content_type="application/json",
            headers={"X-Widget-Session": token} if token else {},
        )


def test_inbox_api_keeps_the_form_with_its_definitions(as_admin, base, form_inbox):
    """Chatwoot's names are read, each attribute field carries its
    definition's type, values and pattern."""
    shown = as_admin.get(f"{base}/inboxes/{form_inbox.pk}").json()
    assert shown["pre_chat_form_enabled"] is True
    options = shown["pre_chat_form_options"]
    assert options["pre_chat_message"] == "Tell us who you are"
    fields = {field["name"]: field for field in options["pre_chat_fields"]}
    assert fields["email"]["type"] == "email"
    assert fields["plan"]["type"] == "list"
    assert fields["plan"]["values"] == ["free", "pro"]
    assert fields["plan"]["label"] == MARKUP
    assert fields["order_id"]["regex_cue"] == "Four digits"
    assert fields["phone_number"]["enabled"] is False


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ([{"name": "age", "field_type": "standard"}], "pre_chat_fields.0.name"),
        ([{"name": "nope", "field_type": "contact_attribute"}], "pre_chat_fields"),
        ([{"name": "plan", "field_type": "conversation_attribute"}], "pre_chat_fields"),
        ([{"name": "x", "field_type": "other"}], "pre_chat_fields.0.field_type"),
        ([{"name": "email", "field_type": "standard"}] * 2, "pre_chat_fields"),
    ],
)
def test_inbox_api_refuses_fields_the_account_does_not_define(
    as_admin, base, inbox, definitions, fields, error
):
    response = as_admin.patch(
        f"{base}/inboxes/{inbox.pk}",
        {"pre_chat_form_options": {"pre_chat_fields": fields}},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"].startswith(f"pre_chat_form_options.{error}")


def test_another_accounts_definitions_are_no_fields_here(as_admin, base, inbox):
    """A key only another account defines is refused."""
    CustomAttributeDefinition.objects.create(
        account=factories.AccountFactory(), attribute_model=1, attribute_key="plan"
    )
    response = as_admin.patch(
        f"{base}/inboxes/{inbox.pk}",
        {
            "pre_chat_form_options": {
                "pre_chat_fields": [{"name": "plan", "field_type": "contact_attribute"}]
            }
        },
        format="json",
    )
    assert response.status_code == 400


def test_agents_cannot_change_the_form(as_agent, base, inbox, definitions):
    response = as_agent.patch(
        f"{base}/inboxes/{inbox.pk}", {"pre_chat_form_enabled": True}, format="json"
    )
    assert response.status_code == 403


def test_widget_page_carries_the_enabled_fields(form_inbox):
    """Only the form's fields reach visitors: no other definition of the
    account, and markup stays data."""
    CustomAttributeDefinition.objects.create(
        account=form_inbox.account,
        attribute_model=CustomAttributeDefinition.Model.CONTACT,
        attribute_key="secret_score",
        attribute_display_name="Internal score",
    )
    page = Client().get(f"/widget?website_token={form_inbox.website_token}")
    text = page.content.decode()
    assert "Tell us who you are" in text
    assert "order_id" in text
    assert "secret_score" not in text
    assert "Internal score" not in text
    # Markup in labels reaches the page only as JSON data, never as tags.
    assert MARKUP not in text


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        (
            {"contact": {"email": "", "custom_attributes": {"plan": "pro"}}},
            "contact.email",
        ),
        ({"contact": {"email": "not-an-email"}}, "contact.email"),
        ({"contact": {"email": "v@example.com"}}, "contact.custom_attributes.plan"),
        (
            {"contact": {"email": "v@example.com", "custom_attributes": {"plan": "x"}}},
            "contact.custom_attributes.plan",
        ),
        (
            {
                "contact": {
                    "email": "v@example.com",
                    "custom_attributes": {"plan": "pro"},
                }
            },
            "custom_attributes.order_id",
        ),
        (
            {
                "contact": {
                    "email": "v@example.com",
                    "phone_number": "call me",
                    "custom_attributes": {"plan": "pro"},
                },
                "custom_attributes": {"order_id": "1234"},
            },
            "contact.phone_number",
        ),
        (
            {
                "contact": {
                    "email": "v@example.com",
                    "custom_attributes": {"plan": "pro"},
                },
                "custom_attributes": {"order_id": "12"},
            },
            "custom_attributes.order_id",
        ),
    ],
)
def test_server_refuses_missing_or_bad_answers(form_inbox, answers, field):
    """Each refusal is a JSON 400 naming the field; nothing opens."""
    widget = Widget(form_inbox)
    response = widget.call(
        "conversations", {**answers, "message": {"content": "Hello"}}
    )
    assert response.status_code == 400, response.content
    assert response.json()["error"].startswith(f"{field}:")
    assert not Conversation.objects.exists()


def test_answered_form_opens_the_conversation(form_inbox):
    widget = Widget(form_inbox)
    response = widget.call(
        "conversations",
        {
            "contact": {
                "email": "vera@example.com",
                "name": MARKUP,
                "custom_attributes": {"plan": "pro"},
            },
            "custom_attributes": {"order_id": "1234"},
            "message": {"content": "Hello"},
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["conversation"]["id"]
    contact = Contact.objects.get(email="vera@example.com")
    assert contact.name == MARKUP
    assert contact.custom_attributes == {"plan": "pro"}
    conversation = Conversation.objects.get()
    assert conversation.custom_attributes == {"order_id": "1234"}
    assert conversation.messages.filter(content="Hello").exists()
    again = widget.call("conversations", {"message": {"content": "Again"}})
    assert again.status_code == 409
    assert Conversation.objects.count() == 1


def test_another_contacts_email_is_not_claimed(form_inbox):
    """The form is answered, but the visitor does not take over a contact."""
    factories.ContactFactory(account=form_inbox.account, email="boss@example.com")
    widget = Widget(form_inbox)
    response = widget.call(
        "conversations",
        {
            "contact": {
                "email": "boss@example.com",
                "custom_attributes": {"plan": "free"},
            },
            "custom_attributes": {"order_id": "0001"},
            "message": {"content": "Hi"},
        },
    )
    assert response.status_code == 200
    assert response.json()["contact"]["email"] is None


def test_a_plain_first_message_cannot_skip_the_form(form_inbox):
    """Posting a message without the form is refused while answers are
    required; a known contact's answers count."""
    widget = Widget(form_inbox)
    response = widget.call("messages", {"content": "skip"})
    assert response.status_code == 400
    assert response.json()["error"].startswith("contact.email:")
    assert not Conversation.objects.exists()


def test_set_conversation_custom_attributes_is_checked(inbox, definitions):
    widget = Widget(inbox)
    assert widget.call("messages", {"content": "Hi"}).status_code == 200
    refused = widget.call(
        "conversations/set_custom_attributes",
        {"custom_attributes": {"order_id": "abc"}},
    )
    assert refused.status_code == 400
    assert refused.json()["error"] == "custom_attributes.order_id: Four digits"
    kept = widget.call(
        "conversations/set_custom_attributes",
        {"custom_attributes": {"order_id": "4321", "note": MARKUP}},
    )
    assert kept.json() == {"custom_attributes": {"order_id": "4321", "note": MARKUP}}
