"""Whether a rule's conditions match a conversation (and, for
``message_created``, the message): the conditions are a filter query run by
``filters.query`` over that one row, conversation, contact and message
attributes side by side, as Chatwoot's conditions filter joins them."""

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from django.db.models import Model

from accounts.models import Account, CustomAttributeDefinition
from conversations.models import Conversation, Message
from filters.attributes import attribute_finder
from filters.query import Attribute, Condition, FilterError, build_query

# Attributes of the message that made the event (``message_created`` only).
MESSAGE_ATTRIBUTES = {
    "content": Attribute("content", "text"),
    "message_type": Attribute("message_type", "id"),
}
# Chatwoot names message types; the rows keep numbers.
MESSAGE_TYPES = {
    "incoming": Message.MessageType.INCOMING,
    "outgoing": Message.MessageType.OUTGOING,
}
# Conversation attributes whose values are ids of the account's rows.
ID_ATTRIBUTES = ("assignee_id", "team_id", "inbox_id")


def attributes_for(
    *, account: Account, with_message: bool
) -> Callable[[str], Attribute | None]:
    """The attribute keys a rule may name: the conversation's (standard, then
    custom), the contact's (standard, then custom) and, with a message, the
    message's. Lookups start at the message when there is one."""
    conversation_of = attribute_finder(
        account=account, attribute_model=CustomAttributeDefinition.Model.CONVERSATION
    )
    contact_of = attribute_finder(
        account=account, attribute_model=CustomAttributeDefinition.Model.CONTACT
    )
    base = "conversation__" if with_message else ""

    def find(key: str) -> Attribute | None:
        if with_message and key in MESSAGE_ATTRIBUTES:
            return MESSAGE_ATTRIBUTES[key]
        found = conversation_of(key)
        if found is not None:
            return replace(found, lookup=base + found.lookup)
        found = contact_of(key)
        if found is not None:
            return replace(found, lookup=f"{base}contact__{found.lookup}")
        return None

    return find


def parsed(conditions: Sequence[dict[str, Any]]) -> list[Condition]:
    """The stored conditions as the filter engine takes them, message types
    named as Chatwoot names them turned into numbers (an unknown name is a
    ``FilterError``)."""
    found = []
    for index, raw in enumerate(conditions):
        values = list(raw.get("values") or [])
        if raw.get("attribute_key") == "message_type":
            unknown = [value for value in values if value not in MESSAGE_TYPES]
            if unknown:
                raise FilterError(
                    f"conditions[{index}].values",
                    f"{unknown[0]} is not one of {', '.join(MESSAGE_TYPES)}",
                )
            values = [int(MESSAGE_TYPES[value]) for value in values]
        found.append(
            Condition(
                attribute_key=raw.get("attribute_key", ""),
                filter_operator=raw.get("filter_operator", ""),
                values=values,
                query_operator=raw.get("query_operator"),
            )
        )
    return found


def check(*, account: Account, conditions: Sequence[dict], with_message: bool) -> None:
    """Raise ``FilterError`` (naming ``conditions[i]``) unless the conditions
    run on the event's rows."""
    model: type[Model] = Message if with_message else Conversation
    try:
        build_query(
            parsed(conditions),
            model=model,
            attribute_of=attributes_for(account=account, with_message=with_message),
        )
    except FilterError as error:
        raise FilterError(
            (error.field or "conditions").replace("payload", "conditions"),
            error.message,
        ) from error


def matches(
    *,
    conditions: Sequence[dict],
    conversation: Conversation,
    message: Message | None = None,
) -> bool:
    """Whether the conditions hold for the conversation (and the message)
    now. No conditions match everything (a macro's case)."""
    if not conditions:
        return True
    row: Model = message if message is not None else conversation
    query = build_query(
        parsed(conditions),
        model=type(row),
        attribute_of=attributes_for(
            account=conversation.account, with_message=message is not None
        ),
    )
    return type(row).objects.filter(pk=row.pk).filter(query).exists()
