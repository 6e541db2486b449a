"""Custom attribute values are checked against their definitions by every API
that sets them: a JSON 400 naming ``custom_attributes.<key>``, nothing saved."""

import pytest

from django.test import Client

from accounts.models import CustomAttributeDefinition
from contacts.models import Contact
from conversations.models import Conversation
from tests import factories

pytestmark = pytest.mark.django_db

CONTACT = CustomAttributeDefinition.Model.CONTACT
CONVERSATION = CustomAttributeDefinition.Model.CONVERSATION
Type = CustomAttributeDefinition.DisplayType
MARKUP = "<img src=x onerror=alert(1)>"

# (display type, extra definition fields, good value -> stored, bad values)
CASES = [
    (Type.TEXT, {}, ("Gold", "Gold"), [["a"], {"a": 1}, True]),
    (Type.NUMBER, {}, ("42", 42), ["forty", True, "NaN", [1]]),
    (Type.CURRENCY, {}, (9.5, 9.5), ["9,50 EUR", False]),
    (Type.PERCENT, {}, (12, 12), ["12%"]),
    (
        Type.LINK,
        {},
        ("https://example.com/a?b=1", "https://example.com/a?b=1"),
        ["javascript:alert(1)", "ftp://example.com", "example.com", "http:// x", 3],
    ),
    (
        Type.DATE,
        {},
        ("2026-12-07", "2026-12-07"),
        ["07/12/2026", "2026-13-01", 20261207],
    ),
    (
        Type.LIST,
        {"attribute_values": ["free", "pro"]},
        ("pro", "pro"),
        ["gold", "", ["pro"]],
    ),
    (Type.CHECKBOX, {}, (True, True), ["true", 1, "yes"]),
    (
        Type.TEXT,
        {"regex_pattern": r"^[A-Z]{2}-\d{3}$", "regex_cue": "Like AB-123"},
        ("AB-123", "AB-123"),
        ["ab-123", "AB-1234"],
    ),
]


def define(account, model, kind, **fields):
    return CustomAttributeDefinition.objects.create(
        account=account,
        attribute_model=model,
        attribute_key="field",
        attribute_display_name="Field",
        attribute_display_type=kind,
        **fields,
    )


def assert_refused(response, key="field"):
    assert response.status_code == 400, response.content
    body = response.json()
    assert f"custom_attributes.{key}" in body["errors"]
    assert body["error"].startswith(f"custom_attributes.{key}: ")


@pytest.mark.parametrize(("kind", "fields", "good", "bads"), CASES)
def test_contact_values_follow_their_definition(
    as_admin, base, account, kind, fields, good, bads
):
    """Create and update a contact: a good value is stored (cleaned), each bad
    one is a 400 naming the key; the regex cue is the message."""
    define(account, CONTACT, kind, **fields)
    sent, stored = good
    created = as_admin.post(
        f"{base}/contacts",
        {"name": "Vera", "custom_attributes": {"field": sent, "free": MARKUP}},
        format="json",
    )
    assert created.status_code == 200, created.content
    contact = Contact.objects.get(account=account)
    # Undefined keys are kept as they came, as Chatwoot keeps them.
    assert contact.custom_attributes == {"field": stored, "free": MARKUP}
    for bad in bads:
        response = as_admin.patch(
            f"{base}/contacts/{contact.pk}",
            {"custom_attributes": {"field": bad}},
            format="json",
        )
        assert_refused(response)
        if fields.get("regex_cue"):
            assert response.json()["error"].endswith("Like AB-123")
    contact.refresh_from_db()
    assert contact.custom_attributes["field"] == stored
    cleared = as_admin.patch(
        f"{base}/contacts/{contact.pk}",
        {"custom_attributes": {"field": None}},
        format="json",
    )
    assert cleared.status_code == 200


@pytest.mark.parametrize(("kind", "fields", "good", "bads"), CASES)
def test_conversation_values_follow_their_definition(
    as_admin, base, account, conversation, kind, fields, good, bads
):
    """PATCH and POST custom_attributes check the conversation's definitions."""
    define(account, CONVERSATION, kind, **fields)
    sent, stored = good
    url = f"{base}/conversations/{conversation.display_id}"
    patched = as_admin.patch(url, {"custom_attributes": {"field": sent}}, format="json")
    assert patched.status_code == 200, patched.content
    conversation.refresh_from_db()
    assert conversation.custom_attributes == {"field": stored}
    for bad in bads:
        assert_refused(
            as_admin.patch(url, {"custom_attributes": {"field": bad}}, format="json")
        )
        assert_refused(
            as_admin.post(
                f"{url}/custom_attributes",
                {"custom_attributes": {"field": bad}},
                format="json",
            )
        )
    conversation.refresh_from_db()
    assert conversation.custom_attributes == {"field": stored}


def test_a_contact_definition_does_not_check_conversations(
    as_admin, base, account, conversation
):
    """The same key defined for contacts leaves conversations alone."""
    define(account, CONTACT, Type.NUMBER)
    response = as_admin.post(
        f"{base}/conversations/{conversation.display_id}/custom_attributes",
        {"custom_attributes": {"field": "not a number"}},
        format="json",
    )
    assert response.status_code == 200


def test_another_accounts_definitions_check_nothing_here(as_admin, base, account):
    """Only the account's own definitions apply."""
    define(factories.AccountFactory(), CONTACT, Type.NUMBER)
    response = as_admin.post(
        f"{base}/contacts",
        {"name": "Vera", "custom_attributes": {"field": "free text"}},
        format="json",
    )
    assert response.status_code == 200


def test_a_refused_patch_leaves_the_assignment_alone(
    as_admin, base, account, conversation, agent
):
    """A PATCH with a bad value assigns nobody."""
    define(account, CONVERSATION, Type.NUMBER)
    response = as_admin.patch(
        f"{base}/conversations/{conversation.display_id}",
        {"assignee_id": agent.pk, "custom_attributes": {"field": "x"}},
        format="json",
    )
    assert_refused(response)
    conversation.refresh_from_db()
    assert conversation.assignee_id is None


def test_starting_a_conversation_checks_its_values(
    as_admin, base, account, inbox, contact
):
    """POST conversations refuses a bad value and opens nothing."""
    define(account, CONVERSATION, Type.DATE)
    response = as_admin.post(
        f"{base}/conversations",
        {
            "inbox_id": inbox.pk,
            "contact_id": contact.pk,
            "custom_attributes": {"field": "tomorrow"},
        },
        format="json",
    )
    assert_refused(response)
    assert not Conversation.objects.exists()


def test_a_catastrophic_pattern_refuses_instead_of_hanging(as_admin, base, account):
    """An administrator's backtracking pattern times out on a long value."""
    define(account, CONTACT, Type.TEXT, regex_pattern=r"^(a+)+$", regex_cue="No")
    response = as_admin.post(
        f"{base}/contacts",
        {"name": "Vera", "custom_attributes": {"field": "a" * 40 + "!"}},
        format="json",
    )
    assert_refused(response)


def test_widget_and_public_api_values_are_checked(account, inbox):
    """setCustomAttributes (widget) and the public client API's contact and
    conversation calls answer the same 400."""
    define(account, CONTACT, Type.CHECKBOX)
    define(account, CONVERSATION, Type.LIST, attribute_values=["a", "b"])
    client = Client()
    widget = f"/api/v1/widget/{{}}?website_token={inbox.website_token}"
    token = client.post(widget.format("session")).json()["session_token"]
    headers = {"X-Widget-Session": token}
    refused = client.post(
        widget.format("contact/custom_attributes"),
        {"custom_attributes": {"field": "yes"}},
        content_type="application/json",
        headers=headers,
    )
    assert_refused(refused)
    kept = client.post(
        widget.format("contact/custom_attributes"),
        {"custom_attributes": {"field": False}},
        content_type="application/json",
        headers=headers,
    )
    assert kept.status_code == 200
    assert kept.json()["custom_attributes"] == {"field": False}
    public = f"/public/api/v1/inboxes/{inbox.identifier}/contacts"
    made = client.post(public, {"name": "P"}, content_type="application/json")
    source_id = made.json()["source_id"]
    assert_refused(
        client.post(
            f"{public}/{source_id}/conversations",
            {"custom_attributes": {"field": "c"}},
            content_type="application/json",
        )
    )
    assert not Conversation.objects.exists()
