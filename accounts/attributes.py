"""Custom attribute values checked against the account's definitions: the one
rule every writer of ``custom_attributes`` (contacts, conversations, the
widget, the public client API, the pre-chat form) goes through.

A key the account defines must hold a value of its display type: a number
(currency and percent too; a numeric string is stored as the number), an
ISO-8601 date, an http(s) link, one of a list's ``attribute_values``, a
checkbox's true or false, text; a string matching ``regex_pattern`` when the
definition has one (``regex_cue`` is the refusal). ``null`` clears any value.
A key the account does not define is kept as it came, as Chatwoot keeps it:
websites set attributes through the SDK before anyone defines them.
"""

import math
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

import regex

from django.utils.translation import gettext as _

from accounts.models import Account, CustomAttributeDefinition
from common.errors import DomainError

DisplayType = CustomAttributeDefinition.DisplayType

# An administrator's pattern meets a visitor's value: a pattern that takes
# longer than this on one value refuses the value rather than hold a worker.
PATTERN_TIMEOUT_SECONDS = 0.05
NUMERIC_TYPES = (DisplayType.NUMBER, DisplayType.CURRENCY, DisplayType.PERCENT)


class InvalidAttributeValue(DomainError):
    """A custom attribute's value does not fit its definition (400 naming
    ``<field>.<key>``)."""

    code = "invalid_attribute"
    reported = False


def check_values(
    *,
    account: Account | int,
    attribute_model: int,
    values: dict[str, Any],
    field: str = "custom_attributes",
) -> dict[str, Any]:
    """``values`` with each defined key's value checked and cleaned against
    the account's definition for ``attribute_model``; undefined keys kept.
    Raises InvalidAttributeValue naming ``<field>.<key>``."""
    if not values:
        return values
    definitions = {
        definition.attribute_key: definition
        for definition in CustomAttributeDefinition.objects.filter(
            account=account,
            attribute_model=attribute_model,
            attribute_key__in=list(values),
        )
    }
    cleaned = dict(values)
    for key, definition in definitions.items():
        try:
            cleaned[key] = clean_value(definition, values[key])
        except ValueError as error:
            raise InvalidAttributeValue(str(error), field=f"{field}.{key}") from None
    return cleaned


def clean_value(definition: CustomAttributeDefinition, value: Any) -> Any:
    """The value stored for ``definition``; ValueError with the reason."""
    if value is None:
        return None
    kind = definition.attribute_display_type
    if kind in NUMERIC_TYPES:
        value = _number(value)
    elif kind == DisplayType.CHECKBOX:
        if not isinstance(value, bool):
            raise ValueError(_("Must be true or false."))
    elif kind == DisplayType.DATE:
        _check_date(value)
    elif kind == DisplayType.LINK:
        _check_link(value)
    elif kind == DisplayType.LIST:
        if value not in (definition.attribute_values or []):
            raise ValueError(
                _("Must be one of: %(values)s.")
                % {"values": ", ".join(definition.attribute_values or [])}
            )
    elif not isinstance(value, str | int | float) or isinstance(value, bool):
        raise ValueError(_("Must be text."))
    if definition.regex_pattern and isinstance(value, str):
        _check_pattern(definition, value)
    return value


def _number(value: Any) -> int | float:
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise ValueError(_("Must be a number.")) from None
        if value.is_integer() and abs(value) < 2**53:
            value = int(value)
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
    ):
        raise ValueError(_("Must be a number."))
    return value


def _check_date(value: Any) -> None:
    error = ValueError(_("Must be an ISO-8601 date (YYYY-MM-DD)."))
    if not isinstance(value, str):
        raise error
    try:
        if len(value) == 10:
            date.fromisoformat(value)
        else:
            datetime.fromisoformat(value)
    except ValueError:
        raise error from None


def _check_link(value: Any) -> None:
    error = ValueError(_("Must be an http or https link."))
    if not isinstance(value, str) or any(ch.isspace() for ch in value):
        raise error
    try:
        parts = urlsplit(value)
    except ValueError:
        raise error from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise error


def _check_pattern(definition: CustomAttributeDefinition, value: str) -> None:
    refusal = ValueError(
        definition.regex_cue or _("Does not match the expected format.")
    )
    try:
        matched = regex.search(
            definition.regex_pattern, value, timeout=PATTERN_TIMEOUT_SECONDS
        )
    except (regex.error, TimeoutError):
        raise refusal from None
    if matched is None:
        raise refusal
