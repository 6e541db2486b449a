"""An inbox's pre-chat form (Chatwoot's ``pre_chat_form_options``): the
fields a visitor fills in before the first message, and the check of the
answers when the conversation opens.

A field is a contact's standard detail (``name``, ``email``,
``phone_number``) or one of the account's custom attribute definitions
(``contact_attribute``, ``conversation_attribute``, named by its key). Each
field carries its definition's ``type``, ``values``, ``regex_pattern`` and
``regex_cue`` as Chatwoot's clients read them; they are copied from the
definition when the form is saved and again whenever it is shown, so a
changed definition changes the form. A field whose definition was deleted
drops out.
"""

from typing import Any

from django.utils.translation import gettext as _

from accounts.attributes import InvalidAttributeValue, check_values
from accounts.models import Account, CustomAttributeDefinition, Inbox

STANDARD = "standard"
CONTACT_ATTRIBUTE = "contact_attribute"
CONVERSATION_ATTRIBUTE = "conversation_attribute"
FIELD_TYPES = (STANDARD, CONTACT_ATTRIBUTE, CONVERSATION_ATTRIBUTE)
# The contact's own details a form may ask for, with their input type.
STANDARD_FIELDS = {"name": "text", "email": "email", "phone_number": "text"}
# Chatwoot's names of the standard fields.
CHATWOOT_NAMES = {
    "fullName": "name",
    "emailAddress": "email",
    "phoneNumber": "phone_number",
}
MODEL_OF = {
    CONTACT_ATTRIBUTE: CustomAttributeDefinition.Model.CONTACT,
    CONVERSATION_ATTRIBUTE: CustomAttributeDefinition.Model.CONVERSATION,
}


def described_fields(*, account: Account | int, fields: list[dict]) -> list[dict]:
    """``fields`` with each one's type, values and pattern from the
    account's definitions (standard fields from ``STANDARD_FIELDS``);
    attribute fields without a definition left out."""
    definitions = {
        (definition.attribute_model, definition.attribute_key): definition
        for definition in CustomAttributeDefinition.objects.filter(account=account)
    }
    described = []
    for field in fields:
        kind = field.get("field_type")
        if kind == STANDARD:
            if field.get("name") not in STANDARD_FIELDS:
                continue
            details = {
                "type": STANDARD_FIELDS[field["name"]],
                "values": [],
                "regex_pattern": None,
                "regex_cue": None,
            }
        else:
            definition = definitions.get((MODEL_OF.get(kind), field.get("name")))
            if definition is None:
                continue
            details = {
                "type": definition.get_attribute_display_type_display(),
                "values": list(definition.attribute_values or []),
                "regex_pattern": definition.regex_pattern,
                "regex_cue": definition.regex_cue,
            }
            field = {
                **field,
                "label": field.get("label") or definition.attribute_display_name,
            }
        described.append({**field, **details})
    return described


def form_of(inbox: Inbox) -> dict | None:
    """The form the widget shows before the first message, None when off."""
    if not inbox.pre_chat_form_enabled:
        return None
    options = inbox.pre_chat_form_options or {}
    fields = described_fields(
        account=inbox.account_id, fields=options.get("pre_chat_fields") or []
    )
    return {
        "pre_chat_message": options.get("pre_chat_message") or "",
        "pre_chat_fields": [field for field in fields if field.get("enabled")],
    }


def check_answers(
    *,
    inbox: Inbox,
    known: dict[str, Any],
    contact: dict[str, Any],
    custom_attributes: dict[str, Any],
) -> tuple[dict, dict]:
    """Check a visitor's answers before their conversation opens: each
    required field of the inbox's form answered now (``contact``'s details
    and ``custom_attributes``, the conversation's ``custom_attributes``) or
    already ``known`` of the contact (the same shape as ``contact``), each
    attribute of its definition's type. The cleaned contact and conversation
    attributes; raises InvalidAttributeValue naming the field
    (``contact.email``, ``contact.custom_attributes.<key>``,
    ``custom_attributes.<key>``)."""
    contact_attributes = check_values(
        account=inbox.account_id,
        attribute_model=CustomAttributeDefinition.Model.CONTACT,
        values=contact.get("custom_attributes") or {},
        field="contact.custom_attributes",
    )
    conversation_attributes = check_values(
        account=inbox.account_id,
        attribute_model=CustomAttributeDefinition.Model.CONVERSATION,
        values=custom_attributes,
    )
    form = form_of(inbox)
    for field in form["pre_chat_fields"] if form else []:
        if not field.get("required"):
            continue
        name, kind = field["name"], field["field_type"]
        if kind == STANDARD:
            path = f"contact.{name}"
            answers = [contact.get(name), known.get(name)]
        elif kind == CONTACT_ATTRIBUTE:
            path = f"contact.custom_attributes.{name}"
            answers = [
                contact_attributes.get(name),
                (known.get("custom_attributes") or {}).get(name),
            ]
        else:
            path = f"custom_attributes.{name}"
            answers = [conversation_attributes.get(name)]
        if all(answer in (None, "", False) for answer in answers):
            raise InvalidAttributeValue(_("This field is required."), field=path)
    return contact_attributes, conversation_attributes
