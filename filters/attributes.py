"""The attributes a filter query may name: Chatwoot's standard keys of
conversations and contacts, then the account's custom attribute definitions."""

from collections.abc import Callable

from accounts.models import Account, CustomAttributeDefinition
from conversations.models import Conversation
from filters.query import Attribute

CONVERSATION_ATTRIBUTES = {
    "status": Attribute("status", "choice", tuple(Conversation.Status.values)),
    "priority": Attribute("priority", "choice", tuple(Conversation.Priority.values)),
    "assignee_id": Attribute("assignee_id", "id"),
    "inbox_id": Attribute("inbox_id", "id"),
    "team_id": Attribute("team_id", "id"),
    "display_id": Attribute("display_id", "id"),
    "contact_id": Attribute("contact_id", "id"),
    "labels": Attribute("labels__title", "labels"),
    "browser_language": Attribute(
        "additional_attributes__browser_language", "text", json=True
    ),
    "country_code": Attribute("additional_attributes__country_code", "text", json=True),
    "referer": Attribute("additional_attributes__referer", "text", json=True),
    "created_at": Attribute("created_at", "date"),
    "last_activity_at": Attribute("last_activity_at", "date"),
}

CONTACT_ATTRIBUTES = {
    "name": Attribute("name", "text"),
    "email": Attribute("email", "text"),
    "phone_number": Attribute("phone_number", "text"),
    "identifier": Attribute("identifier", "text"),
    "country_code": Attribute("additional_attributes__country_code", "text", json=True),
    "city": Attribute("additional_attributes__city", "text", json=True),
    "company": Attribute("additional_attributes__company_name", "text", json=True),
    "referer": Attribute("additional_attributes__referer", "text", json=True),
    "created_at": Attribute("created_at", "date"),
    "last_activity_at": Attribute("last_activity_at", "date"),
    # Contact labels are kept beside the conversations' (conversations.Label).
    "labels": Attribute("labels__title", "labels"),
}

# How a custom attribute's display type is compared.
KIND_OF_DISPLAY_TYPE = {
    CustomAttributeDefinition.DisplayType.NUMBER: "number",
    CustomAttributeDefinition.DisplayType.CURRENCY: "number",
    CustomAttributeDefinition.DisplayType.PERCENT: "number",
    CustomAttributeDefinition.DisplayType.DATE: "date",
    CustomAttributeDefinition.DisplayType.CHECKBOX: "boolean",
}


def attribute_finder(
    *, account: Account, attribute_model: int
) -> Callable[[str], Attribute | None]:
    """A lookup of attribute keys for ``attribute_model``'s filters: the
    standard key of that name, else the account's custom attribute of that key."""
    standard = (
        CONVERSATION_ATTRIBUTES
        if attribute_model == CustomAttributeDefinition.Model.CONVERSATION
        else CONTACT_ATTRIBUTES
    )
    custom = {
        definition.attribute_key: Attribute(
            f"custom_attributes__{definition.attribute_key}",
            KIND_OF_DISPLAY_TYPE.get(definition.attribute_display_type, "text"),
            json=True,
        )
        for definition in CustomAttributeDefinition.objects.filter(
            account=account, attribute_model=attribute_model
        )
    }
    return lambda key: standard.get(key) or custom.get(key)
