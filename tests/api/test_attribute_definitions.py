"""Custom attribute definitions: administrators manage them, agents read them."""

import pytest

from accounts.models import CustomAttributeDefinition
from tests import factories

pytestmark = pytest.mark.django_db

MARKUP = "<svg onload=alert(1)>"


def definition_body(**fields) -> dict:
    return {
        "attribute_display_name": "Plan",
        "attribute_key": "plan",
        "attribute_model": "contact_attribute",
        "attribute_display_type": "list",
        "attribute_values": ["free", "pro"],
        **fields,
    }


def test_administrator_manages_definitions(as_admin, base, account):
    """Create (names or numbers), list by model, read, change and delete."""
    created = as_admin.post(
        f"{base}/custom_attribute_definitions", definition_body(), format="json"
    )
    assert created.status_code == 200
    shown = created.json()
    assert shown["attribute_model"] == "contact_attribute"
    assert shown["attribute_display_type"] == "list"
    assert shown["attribute_values"] == ["free", "pro"]
    numbered = as_admin.post(
        f"{base}/custom_attribute_definitions",
        definition_body(
            attribute_key="order_id", attribute_model=0, attribute_values=[]
        ),
        format="json",
    )
    assert numbered.json()["attribute_model"] == "conversation_attribute"
    contact_ones = as_admin.get(
        f"{base}/custom_attribute_definitions?attribute_model=1"
    )
    assert [row["attribute_key"] for row in contact_ones.json()] == ["plan"]
    assert len(as_admin.get(f"{base}/custom_attribute_definitions").json()) == 2
    url = f"{base}/custom_attribute_definitions/{shown['id']}"
    changed = as_admin.patch(url, {"attribute_description": MARKUP}, format="json")
    assert changed.json()["attribute_description"] == MARKUP
    assert as_admin.get(url).json()["attribute_key"] == "plan"
    assert as_admin.delete(url).status_code == 200
    assert CustomAttributeDefinition.objects.filter(account=account).count() == 1


def test_agents_read_definitions_but_cannot_change_them(as_agent, base, account):
    """Agents list and read; writes are JSON 403s."""
    definition = CustomAttributeDefinition.objects.create(
        account=account, attribute_model=1, attribute_key="plan"
    )
    url = f"{base}/custom_attribute_definitions"
    assert as_agent.get(url).status_code == 200
    assert as_agent.get(f"{url}/{definition.pk}").status_code == 200
    for response in (
        as_agent.post(url, definition_body(attribute_key="x"), format="json"),
        as_agent.patch(f"{url}/{definition.pk}", {"regex_cue": "x"}, format="json"),
        as_agent.delete(f"{url}/{definition.pk}"),
    ):
        assert response.status_code == 403
        assert response.json()["error"]
    assert CustomAttributeDefinition.objects.filter(pk=definition.pk).exists()


def test_another_accounts_definition_is_not_found(as_admin, base, as_stranger):
    """Another account's definition id is a JSON 404, and stays as it was."""
    theirs = CustomAttributeDefinition.objects.create(
        account=factories.AccountFactory(), attribute_model=1, attribute_key="plan"
    )
    url = f"{base}/custom_attribute_definitions/{theirs.pk}"
    for response in (
        as_admin.get(url),
        as_admin.patch(url, {"attribute_display_name": "x"}, format="json"),
        as_admin.delete(url),
        as_stranger.get(f"{base}/custom_attribute_definitions"),
    ):
        assert response.status_code == 404
        assert response.json()["error"]
    assert CustomAttributeDefinition.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"attribute_key": "a__b"}, "attribute_key"),
        ({"attribute_key": MARKUP}, "attribute_key"),
        ({"attribute_key": "taken"}, "attribute_key"),
        ({"attribute_model": "report_attribute"}, "attribute_model"),
        ({"attribute_display_type": 42}, "attribute_display_type"),
        ({"regex_pattern": "(unclosed"}, "regex_pattern"),
        ({"attribute_values": "free"}, "attribute_values"),
    ],
)
def test_definition_input_is_checked(as_admin, base, account, fields, named):
    """A malformed or taken key, an unknown model or type, a pattern that does
    not compile: a 400 naming the field."""
    CustomAttributeDefinition.objects.create(
        account=account, attribute_model=1, attribute_key="taken"
    )
    response = as_admin.post(
        f"{base}/custom_attribute_definitions", definition_body(**fields), format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"].startswith(named)


def test_defining_an_attribute_keeps_stored_values(as_admin, base, contact):
    """Contacts keep the custom attributes they had, defined or not, and can
    still be given any."""
    contact.custom_attributes = {"plan": "legacy"}
    contact.save()
    as_admin.post(
        f"{base}/custom_attribute_definitions", definition_body(), format="json"
    )
    updated = as_admin.put(
        f"{base}/contacts/{contact.pk}",
        {"custom_attributes": {"seats": 3}},
        format="json",
    )
    assert updated.status_code == 200
    assert updated.json()["payload"]["custom_attributes"] == {
        "plan": "legacy",
        "seats": 3,
    }
