"""Chatwoot's filter queries: conditions on attributes, joined by AND and OR.

A query is a list of conditions ``{attribute_key, filter_operator, values,
query_operator}``; each condition's ``query_operator`` joins it to the next.
AND binds tighter than OR, as in the SQL Chatwoot builds from the same list:
``a AND b OR c`` is ``(a AND b) OR c``.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Model, Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from common.errors import DomainError


class FilterError(DomainError):
    """A condition OneChat cannot run; ``field`` names the part that is wrong
    (a 400 on that field)."""

    code = "invalid_filter"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field=field)


# The operators each kind of attribute takes (Chatwoot's filter_operator names).
OPERATORS = {
    "text": (
        "equal_to",
        "not_equal_to",
        "contains",
        "does_not_contain",
        "starts_with",
        "is_present",
        "is_not_present",
    ),
    "id": ("equal_to", "not_equal_to", "is_present", "is_not_present"),
    "choice": ("equal_to", "not_equal_to", "is_present", "is_not_present"),
    "number": (
        "equal_to",
        "not_equal_to",
        "is_greater_than",
        "is_less_than",
        "is_present",
        "is_not_present",
    ),
    "date": ("is_greater_than", "is_less_than", "days_before"),
    "boolean": ("equal_to", "not_equal_to"),
    "labels": ("equal_to", "not_equal_to", "is_present", "is_not_present"),
}
ALL_OPERATORS = sorted({name for names in OPERATORS.values() for name in names})


@dataclass(frozen=True)
class Attribute:
    """What an ``attribute_key`` filters: an ORM path and a kind of value.

    ``json`` marks a key inside a JSON object (custom or additional
    attributes): its dates are compared as the ISO strings stored there.
    ``choices`` are the values a ``choice`` attribute takes.
    """

    lookup: str
    kind: str
    choices: tuple[str, ...] = ()
    json: bool = False


@dataclass(frozen=True)
class Condition:
    """One validated condition of a query, as the API received it."""

    attribute_key: str
    filter_operator: str
    values: Sequence[Any]
    query_operator: str | None = None


def build_query(
    conditions: Sequence[Condition],
    *,
    model: type[Model],
    attribute_of: Callable[[str], Attribute | None],
) -> Q:
    """The ``Q`` matching ``conditions`` on ``model``'s rows.

    ``attribute_of`` names an attribute key's lookup, or None when the key is
    unknown (a 400 naming it). Raises ``FilterError``.
    """
    groups: list[Q] = []
    current: Q | None = None
    joiner = "AND"
    for index, condition in enumerate(conditions):
        attribute = attribute_of(condition.attribute_key)
        where = f"payload[{index}]"
        if attribute is None:
            raise FilterError(
                f"{where}.attribute_key",
                f"Unknown attribute: {condition.attribute_key}",
            )
        matches = _condition(condition, attribute, model=model, where=where)
        if current is None:
            current = matches
        elif joiner == "AND":
            current &= matches
        else:
            groups.append(current)
            current = matches
        joiner = (condition.query_operator or "AND").upper()
    if current is not None:
        groups.append(current)
    query = Q()
    for group in groups:
        query = group if not query else query | group
    return query


def _condition(
    condition: Condition, attribute: Attribute, *, model: type[Model], where: str
) -> Q:
    operator = condition.filter_operator
    if operator not in OPERATORS[attribute.kind]:
        raise FilterError(
            f"{where}.filter_operator",
            f"{operator} does not apply to {condition.attribute_key}",
        )
    lookup = attribute.lookup
    if operator in ("is_present", "is_not_present"):
        present = _present(attribute, model)
        return present if operator == "is_present" else ~present
    values = _values(condition, attribute, where=f"{where}.values")
    if attribute.kind == "labels":
        tagged_rows = model.objects.filter(**{f"{lookup}__in": values})
        tagged = Q(pk__in=tagged_rows.values("pk"))
        return tagged if operator == "equal_to" else ~tagged
    if operator in ("equal_to", "not_equal_to"):
        if attribute.kind == "text":
            matches = _any(Q(**{f"{lookup}__iexact": value}) for value in values)
        else:
            matches = Q(**{f"{lookup}__in": values})
        return matches if operator == "equal_to" else ~matches
    if operator in ("contains", "does_not_contain"):
        matches = _any(Q(**{f"{lookup}__icontains": value}) for value in values)
        return matches if operator == "contains" else ~matches
    if operator == "starts_with":
        return _any(Q(**{f"{lookup}__istartswith": value}) for value in values)
    if operator == "days_before":
        return Q(**{f"{lookup}__lt": values[0]})
    comparison = "gt" if operator == "is_greater_than" else "lt"
    return Q(**{f"{lookup}__{comparison}": values[0]})


def _present(attribute: Attribute, model: type[Model]) -> Q:
    if attribute.kind == "labels":
        labelled = model.objects.filter(**{f"{attribute.lookup}__isnull": False})
        return Q(pk__in=labelled.values("pk"))
    present = Q(**{f"{attribute.lookup}__isnull": False})
    if attribute.kind == "text":
        present &= ~Q(**{attribute.lookup: ""})
    return present


def _any(queries: Iterable[Q]) -> Q:
    combined = Q()
    for query in queries:
        combined = query if not combined else combined | query
    return combined


def _values(condition: Condition, attribute: Attribute, *, where: str) -> list[Any]:
    """The condition's values in the attribute's type; a FilterError names a bad one."""
    values = list(condition.values)
    if not values:
        raise FilterError(where, "Give at least one value.")
    kind, operator = attribute.kind, condition.filter_operator
    if operator == "days_before":
        days = _integer(values[0], where)
        return [timezone.now() - timedelta(days=days)]
    if kind == "id":
        return [_integer(value, where) for value in values]
    if kind == "number":
        return [_number(value, where) for value in values]
    if kind == "boolean":
        return [_boolean(value, where) for value in values]
    if kind == "date":
        return [_date(value, attribute, where) for value in values]
    if kind == "choice":
        unknown = [value for value in values if value not in attribute.choices]
        if unknown:
            raise FilterError(
                where, f"{unknown[0]} is not one of {', '.join(attribute.choices)}"
            )
    return [str(value) for value in values]


def _integer(value: Any, where: str) -> int:
    if isinstance(value, bool) or not str(value).lstrip("-").isdigit():
        raise FilterError(where, f"{value} is not a whole number")
    return int(value)


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool):
        raise FilterError(where, f"{value} is not a number")
    try:
        return float(value)
    except (TypeError, ValueError) as error:
        raise FilterError(where, f"{value} is not a number") from error


def _boolean(value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    if str(value).lower() in ("true", "false"):
        return str(value).lower() == "true"
    raise FilterError(where, f"{value} is not true or false")


def _date(value: Any, attribute: Attribute, where: str) -> datetime | str:
    text = str(value)
    try:
        moment = parse_datetime(text) or parse_date(text)
    except ValueError:
        moment = None
    if moment is None:
        raise FilterError(where, f"{value} is not a date (YYYY-MM-DD)")
    if attribute.json:
        return text
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, datetime.min.time())
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment
