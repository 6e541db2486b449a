"""Wire shapes of the filters app: filter queries and saved filters."""

import json
from typing import Any

from rest_framework import serializers

from common.fields import EnumField, IsoTimestampField
from conversations.selectors import DEFAULT_SORT, SORT_CHOICES
from filters.models import CustomFilter
from filters.query import ALL_OPERATORS, Condition

# Bounds of one filter query, so a request cannot ask for an unbounded query.
MAX_CONDITIONS = 50
MAX_VALUES = 100
# A saved query's size as JSON.
MAX_SAVED_QUERY = 10_000


class FilterQuerySerializer(serializers.Serializer):
    """Chatwoot's filter body: ``{"payload": [{attribute_key, filter_operator,
    values, query_operator}, ...]}``; ``validated_data["payload"]`` is a list of
    ``filters.query.Condition``. A 400 names the condition and part that is
    wrong (``payload[1].filter_operator``)."""

    payload = serializers.ListField(
        child=serializers.DictField(), min_length=1, max_length=MAX_CONDITIONS
    )

    def validate_payload(self, value: list[dict]) -> list[Condition]:
        return [condition_of(item, index) for index, item in enumerate(value)]


def condition_of(item: dict, index: int) -> Condition:
    """One condition of a filter body, checked; a 400 names what is wrong."""
    where = f"payload[{index}]"

    def refuse(part: str, message: str):
        return serializers.ValidationError({f"{where}.{part}": message})

    key = item.get("attribute_key")
    if not isinstance(key, str) or not key:
        raise refuse("attribute_key", "Give the attribute to filter on.")
    operator = item.get("filter_operator")
    if operator not in ALL_OPERATORS:
        raise refuse("filter_operator", f"Unknown operator: {operator}")
    values = item.get("values", [])
    if not isinstance(values, list):
        values = [values]
    if len(values) > MAX_VALUES:
        raise refuse("values", f"At most {MAX_VALUES} values.")
    if any(
        isinstance(value, dict | list) or value is None or len(str(value)) > 255
        for value in values
    ):
        raise refuse("values", "Values are strings, numbers or booleans.")
    joiner = item.get("query_operator")
    if joiner is not None and str(joiner).upper() not in ("AND", "OR"):
        raise refuse("query_operator", f"Unknown query operator: {joiner}")
    return Condition(
        attribute_key=key,
        filter_operator=operator,
        values=values,
        query_operator=str(joiner).upper() if joiner is not None else None,
    )


class PageSerializer(serializers.Serializer):
    """``?page=`` of a filter request (from 1) and, for conversations, the
    list's ``sort_by``."""

    page = serializers.IntegerField(min_value=1, max_value=100_000, default=1)
    sort_by = serializers.ChoiceField(choices=SORT_CHOICES, default=DEFAULT_SORT)


class CustomFilterListQuerySerializer(serializers.Serializer):
    """``GET custom_filters?filter_type=conversation``: one type only."""

    filter_type = EnumField(CustomFilter.FilterType, required=False)


class CustomFilterSerializer(serializers.ModelSerializer):
    """A saved filter, as Chatwoot's ``custom_filter`` partial renders it."""

    filter_type = EnumField(CustomFilter.FilterType)
    created_at = IsoTimestampField()
    updated_at = IsoTimestampField()

    class Meta:
        model = CustomFilter
        fields = ["id", "name", "filter_type", "query", "created_at", "updated_at"]


class CustomFilterInputSerializer(serializers.Serializer):
    """``POST``/``PATCH custom_filters``: name, ``filter_type`` (Chatwoot's
    OpenAPI file calls it ``type``) and ``query``, bare or under
    ``custom_filter``."""

    name = serializers.CharField(max_length=255)
    filter_type = EnumField(CustomFilter.FilterType, required=False)
    query = serializers.DictField()

    def to_internal_value(self, data: Any) -> dict:
        if isinstance(data, dict) and isinstance(data.get("custom_filter"), dict):
            data = data["custom_filter"]
        if isinstance(data, dict) and "type" in data and "filter_type" not in data:
            data = {**data, "filter_type": data["type"]}
        return super().to_internal_value(data)

    def validate_query(self, value: dict) -> dict:
        if len(json.dumps(value)) > MAX_SAVED_QUERY:
            raise serializers.ValidationError(
                f"Must be at most {MAX_SAVED_QUERY} characters as JSON."
            )
        return value
