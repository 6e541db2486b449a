"""Serializer fields for the wire format's timestamps (encodings in onechat/wire.py)."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.wire import epoch, epoch_float, iso


class TimestampField(serializers.ReadOnlyField):
    """A read-only datetime in one wire encoding; with ``allow_null``, unset is null."""

    encode: Callable[[datetime | None], Any]

    def get_attribute(self, instance: Any) -> Any:
        # Encoded here, not in to_representation, which DRF skips for None:
        # "never" is 0 in the epoch encodings.
        moment = super().get_attribute(instance)
        if moment is None and self.allow_null:
            return None
        return type(self).encode(moment)

    def to_representation(self, value: Any) -> Any:
        return value


@extend_schema_field(OpenApiTypes.INT)
class EpochField(TimestampField):
    """Integer epoch seconds, 0 for never."""

    encode = staticmethod(epoch)


@extend_schema_field(OpenApiTypes.FLOAT)
class EpochFloatField(TimestampField):
    """Float epoch seconds, for fields clients compare below the second."""

    encode = staticmethod(epoch_float)


@extend_schema_field(OpenApiTypes.DATETIME)
class IsoTimestampField(TimestampField):
    """ISO-8601 in UTC with milliseconds and a ``Z``."""

    encode = staticmethod(iso)


@extend_schema_field(OpenApiTypes.STR)
class EnumField(serializers.Field):
    """An ``IntegerChoices`` value as Rails enums take it: the name
    (``"contact_attribute"``) or the number (``1``, ``"1"``); it reads back as
    the name."""

    def __init__(self, choices: type, **kwargs: Any) -> None:
        self.choices = choices
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> int:
        by_label = {label: value for value, label in self.choices.choices}
        if isinstance(data, str) and data in by_label:
            return by_label[data]
        digits = not isinstance(data, bool) and str(data).isdigit()
        if digits and int(data) in self.choices.values:
            return int(data)
        names = ", ".join(by_label)
        raise serializers.ValidationError(f"{data} is not one of {names}.")

    def to_representation(self, value: int) -> str:
        return self.choices(value).label
