"""What a message may carry: each content type's ``content_attributes`` and who
may send it, checked on the way in by every API that takes messages
(Application API, public client API, widget API, conversation creation).

The shapes are the rich messages contract (Chatwoot's ``content_type`` and
``content_attributes``). A refusal is a DRF ``ValidationError`` naming the
field path, e.g. ``{"content_attributes": {"items": {"0": {"value": [...]}}}}``.
Checks that need the conversation (which message ``in_reply_to`` names) are
in ``conversations/rich.py``.
"""

import math
import unicodedata
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode, urlsplit

import regex

from django.core.validators import URLValidator
from django.utils.translation import gettext, gettext_lazy
from rest_framework import serializers

from conversations import lines
from conversations.models import Message

Type = Message.ContentType

# Written by the server only; refused in any client's content_attributes.
SERVER_KEYS = frozenset(
    {
        "submitted_values",
        "submitted_email",
        "answered",
        "reactions",
        "reply_to",
        "deleted",
        "edited_at",
        "external_error",
        "link_preview",
        "visibility",
        "is_reaction",
        "response_to",
        lines.KEY,
    }
)
# What a contact may send (and an agent relays as an incoming message).
CONTACT_TYPES = (Type.TEXT, Type.LOCATION, Type.CONTACTS, Type.REACTION)
# Questions and rich cards: agents' outgoing messages only, never notes.
OUTGOING_ONLY_TYPES = frozenset(
    {
        Type.INPUT_SELECT,
        Type.FORM,
        Type.CARDS,
        Type.ARTICLE,
        Type.INPUT_EMAIL,
        Type.INPUT_CSAT,
        Type.INPUT_TEXT,
        Type.INPUT_TEXTAREA,
    }
)
FORM_FIELD_TYPES = (
    "text",
    "text_area",
    "email",
    "number",
    "phone",
    "select",
    "checkbox",
    "date",
)
QUICK_REPLY_ITEMS = 3
REACTION_LENGTH = 16
# A form field's pattern is compiled and run with this time limit, as the
# custom attributes' patterns are (``accounts.attributes``).
PATTERN_TIMEOUT_SECONDS = 0.05
PATTERN_LENGTH = 200


### Fields and the strict base


class HttpUrlField(serializers.URLField):
    """An absolute http or https URL (never ``javascript:``, ``data:``, ...)."""

    default_error_messages = {"invalid": gettext_lazy("Enter an http or https URL.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 2048)
        super().__init__(**kwargs)
        # URLField's own validator also takes ftp: replace it.
        self.validators = [
            validator
            for validator in self.validators
            if not isinstance(validator, URLValidator)
        ]
        self.validators.append(
            URLValidator(
                schemes=["http", "https"], message=self.error_messages["invalid"]
            )
        )


class CoordinateField(serializers.FloatField):
    """A latitude or longitude: a finite number within its bounds."""

    def to_internal_value(self, data: Any) -> float:
        if isinstance(data, bool):
            self.fail("invalid")
        value = super().to_internal_value(data)
        if not math.isfinite(value):
            self.fail("invalid")
        return value


class StrictSerializer(serializers.Serializer):
    """A JSON object of declared keys only: an unknown key is refused, and a
    key the server writes (``answered``, ``reactions``, ...) is refused as such."""

    def to_internal_value(self, data: Any) -> dict:
        if isinstance(data, Mapping):
            errors = {
                key: [
                    gettext("Set by the server, not accepted.")
                    if key in SERVER_KEYS
                    else gettext("Unknown key.")
                ]
                for key in data
                if key not in self.fields
            }
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


def _text(max_length: int, **kwargs: Any) -> serializers.CharField:
    return serializers.CharField(max_length=max_length, **kwargs)


def _optional_text(max_length: int) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True
    )


def _items(child: serializers.Serializer, most: int) -> serializers.ListField:
    return serializers.ListField(child=child, min_length=1, max_length=most)


### content_attributes per content type


class Attributes(StrictSerializer):
    """What any content type may carry: the message it replies to."""

    in_reply_to = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, required=False
    )


KEY_NAME = r"^[A-Za-z0-9_.-]{1,40}$"


def _key(**kwargs: Any) -> serializers.RegexField:
    return serializers.RegexField(
        KEY_NAME,
        error_messages={"invalid": gettext_lazy("Use 1 to 40 of A-Z, a-z, 0-9, _ . -")},
        **kwargs,
    )


class UrlParamSerializer(StrictSerializer):
    """One query parameter an option adds to the URL it opens."""

    name = _key()
    value = _text(200, allow_blank=True)


class SelectItemSerializer(StrictSerializer):
    """A menu option: its id (sent back with the answer), and for an option
    that opens a page the http(s) ``url`` with its query ``params``."""

    id = _key(required=False)
    title = _text(80)
    value = _text(200)
    url = HttpUrlField(required=False)
    params = serializers.ListField(
        child=UrlParamSerializer(), max_length=10, required=False
    )

    def validate(self, attrs: dict) -> dict:
        if "params" in attrs and "url" not in attrs:
            raise serializers.ValidationError(
                {"params": [gettext("Only an option that opens a URL has params.")]}
            )
        if "params" in attrs and len(opened_url(attrs)) > 2048:
            raise serializers.ValidationError(
                {"params": [gettext("The URL with its params is too long.")]}
            )
        return attrs


def opened_url(item: Mapping) -> str:
    """The address a menu option opens: its ``url`` with ``params`` added to
    the query."""
    url = item.get("url", "")
    params = item.get("params") or []
    if not url or not params:
        return url
    query = urlencode([(param["name"], param["value"]) for param in params])
    parts = urlsplit(url)
    joiner = "&" if parts.query else "?"
    base = url.split("#", 1)[0]
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f"{base}{joiner}{query}{fragment}"


class InputSelectAttributes(Attributes):
    """A menu, or with ``quick_reply`` up to three buttons."""

    items = _items(SelectItemSerializer(), 10)
    header = _optional_text(200)
    footer = _optional_text(200)
    quick_reply = serializers.BooleanField(required=False)

    def validate(self, attrs: dict) -> dict:
        if attrs.get("quick_reply") and len(attrs["items"]) > QUICK_REPLY_ITEMS:
            raise serializers.ValidationError(
                {
                    "items": [
                        gettext("Quick replies offer at most %(count)s items.")
                        % {"count": QUICK_REPLY_ITEMS}
                    ]
                }
            )
        seen: set[str] = set()
        for index, item in enumerate(attrs["items"]):
            if "id" not in item:
                continue
            if item["id"] in seen:
                raise serializers.ValidationError(
                    {"items": {index: {"id": [gettext("Used by another option.")]}}}
                )
            seen.add(item["id"])
        return attrs


class OptionSerializer(StrictSerializer):
    title = _text(120)
    value = _text(200)


class FormItemSerializer(StrictSerializer):
    name = serializers.RegexField(
        r"^[a-z0-9_]{1,40}$",
        error_messages={
            "invalid": gettext_lazy("Use 1 to 40 of a-z, 0-9 and _."),
        },
    )
    label = _text(120)
    type = serializers.ChoiceField(choices=FORM_FIELD_TYPES)
    required = serializers.BooleanField(required=False)
    placeholder = _optional_text(120)
    options = serializers.ListField(
        child=OptionSerializer(), min_length=1, max_length=50, required=False
    )
    pattern = _optional_text(PATTERN_LENGTH)
    error_text = _optional_text(200)
    hidden = serializers.BooleanField(required=False)
    read_only = serializers.BooleanField(required=False)
    value = serializers.CharField(max_length=1000, required=False, allow_blank=True)

    def validate(self, attrs: dict) -> dict:
        if attrs.get("pattern"):
            if attrs["type"] in ("select", "checkbox", "date"):
                raise serializers.ValidationError(
                    {"pattern": [gettext("This type of field takes no pattern.")]}
                )
            try:
                regex.compile(attrs["pattern"])
            except regex.error:
                raise serializers.ValidationError(
                    {"pattern": [gettext("Not a valid pattern.")]}
                ) from None
        if attrs.get("hidden") or attrs.get("read_only"):
            self._check_preset(attrs)
        elif "value" in attrs:
            raise serializers.ValidationError(
                {"value": [gettext("Only a hidden or read-only field has a value.")]}
            )
        if attrs["type"] == "select" and not attrs.get("options"):
            raise serializers.ValidationError(
                {"options": [gettext("A select field needs options.")]}
            )
        if attrs["type"] != "select" and "options" in attrs:
            raise serializers.ValidationError(
                {"options": [gettext("Only a select field has options.")]}
            )
        return attrs

    @staticmethod
    def _check_preset(attrs: dict) -> None:
        """A hidden or read-only field's value: given, and one the field takes."""
        if attrs["type"] == "checkbox":
            raise serializers.ValidationError(
                {"type": [gettext("A checkbox cannot be hidden or read-only.")]}
            )
        value = attrs.get("value")
        if not value:
            raise serializers.ValidationError(
                {"value": [gettext("A hidden or read-only field needs its value.")]}
            )
        if attrs["type"] == "select" and value not in {
            option["value"] for option in attrs.get("options") or []
        }:
            raise serializers.ValidationError(
                {"value": [gettext("Not one of the choices offered.")]}
            )


class FormAttributes(Attributes):
    """A form of up to 20 fields, each named once."""

    items = _items(FormItemSerializer(), 20)
    title = _optional_text(200)

    def validate(self, attrs: dict) -> dict:
        seen: set[str] = set()
        for index, item in enumerate(attrs["items"]):
            if item["name"] in seen:
                raise serializers.ValidationError(
                    {"items": {index: {"name": [gettext("Used by another field.")]}}}
                )
            seen.add(item["name"])
        return attrs


class CardActionSerializer(StrictSerializer):
    type = serializers.ChoiceField(choices=["link", "postback"])
    text = _text(40)
    uri = HttpUrlField(required=False)
    payload = _text(200, required=False)

    def validate(self, attrs: dict) -> dict:
        needed, other = (
            ("uri", "payload") if attrs["type"] == "link" else ("payload", "uri")
        )
        if needed not in attrs:
            raise serializers.ValidationError(
                {needed: [gettext("This field is required.")]}
            )
        if other in attrs:
            raise serializers.ValidationError(
                {other: [gettext("Not taken by this type of action.")]}
            )
        return attrs


class CardSerializer(StrictSerializer):
    title = _text(120)
    description = _optional_text(500)
    media_url = HttpUrlField(required=False)
    actions = serializers.ListField(
        child=CardActionSerializer(), max_length=3, required=False
    )


class CardsAttributes(Attributes):
    items = _items(CardSerializer(), 10)


class ArticleSerializer(StrictSerializer):
    title = _text(200)
    description = _optional_text(500)
    link = HttpUrlField()


class ArticleAttributes(Attributes):
    items = _items(ArticleSerializer(), 10)


class LocationAttributes(Attributes):
    latitude = CoordinateField(min_value=-90, max_value=90)
    longitude = CoordinateField(min_value=-180, max_value=180)
    name = _optional_text(200)
    address = _optional_text(300)
    url = HttpUrlField(required=False)


class PersonNameSerializer(StrictSerializer):
    """A structured name (WhatsApp's contact name): at least a formatted or
    first name."""

    formatted_name = _optional_text(120)
    first_name = _optional_text(60)
    middle_name = _optional_text(60)
    last_name = _optional_text(60)
    prefix = _optional_text(20)
    suffix = _optional_text(20)

    def validate(self, attrs: dict) -> dict:
        if not (attrs.get("formatted_name") or attrs.get("first_name")):
            raise serializers.ValidationError(
                {"formatted_name": [gettext("A name needs a formatted or first name.")]}
            )
        return attrs


class PhoneSerializer(StrictSerializer):
    """A number with its kind ("Mobile", "Home", ...) and WhatsApp id."""

    phone = _text(40)
    type = _optional_text(40)
    wa_id = serializers.RegexField(r"^[0-9]{1,20}$", required=False, allow_blank=True)


class NameField(serializers.Field):
    """A contact card's name: plain text, or a structured name."""

    def to_internal_value(self, data: Any) -> str | dict:
        if isinstance(data, Mapping):
            return PersonNameSerializer().run_validation(data)
        return _text(120).run_validation(data)

    def to_representation(self, value: Any) -> Any:
        return value


class PhoneField(serializers.Field):
    """A contact card's phone: the number alone, or number, type and wa_id."""

    def to_internal_value(self, data: Any) -> str | dict:
        if isinstance(data, Mapping):
            return PhoneSerializer().run_validation(data)
        return _text(40).run_validation(data)

    def to_representation(self, value: Any) -> Any:
        return value


class ContactCardSerializer(StrictSerializer):
    name = NameField()
    phones = serializers.ListField(child=PhoneField(), max_length=5, required=False)
    emails = serializers.ListField(
        child=serializers.EmailField(max_length=254), max_length=5, required=False
    )
    organization = _optional_text(120)


class ContactsAttributes(Attributes):
    contacts = _items(ContactCardSerializer(), 10)


class ReactionAttributes(Attributes):
    """The message reacted to; ``is_reaction`` is the server's to write."""

    in_reply_to = serializers.IntegerField(min_value=1, max_value=2**63 - 1)


class FreeAttributes(serializers.Serializer):
    """Types outside the contract (``input_text``, ``integrations``, ...): any
    keys but the server's, and a numeric ``in_reply_to``."""

    def to_internal_value(self, data: Any) -> dict:
        errors = {
            key: [gettext("Set by the server, not accepted.")]
            for key in data
            if key in SERVER_KEYS
        }
        if errors:
            raise serializers.ValidationError(errors)
        if "in_reply_to" in data:
            data = {
                **data,
                **Attributes().run_validation({"in_reply_to": data["in_reply_to"]}),
            }
        return dict(data)


ATTRIBUTES: dict[str, type[serializers.Serializer]] = {
    Type.TEXT: Attributes,
    Type.INPUT_SELECT: InputSelectAttributes,
    Type.FORM: FormAttributes,
    Type.CARDS: CardsAttributes,
    Type.ARTICLE: ArticleAttributes,
    Type.INPUT_EMAIL: Attributes,
    Type.INPUT_CSAT: Attributes,
    Type.LOCATION: LocationAttributes,
    Type.CONTACTS: ContactsAttributes,
    Type.REACTION: ReactionAttributes,
}


### The message as a whole


def is_reaction_emoji(content: str) -> bool:
    """One emoji (a short run of symbols): no letters, digits, spaces, ASCII
    or control characters, so no markup either."""
    return 0 < len(content) <= REACTION_LENGTH and not any(
        character.isascii()
        or unicodedata.category(character)[0] in ("L", "N", "Z")
        or unicodedata.category(character) == "Cc"
        for character in content
    )


def check_message(attrs: dict, *, from_contact: bool) -> dict:
    """The validated fields of a new message, its ``content_attributes``
    checked against its ``content_type`` and the sender's rights.

    ``from_contact`` for the contact APIs and for incoming messages relayed
    through the Application API. Raises ``ValidationError`` naming the field.
    """
    content_type = attrs.get("content_type", Type.TEXT)
    content = attrs.get("content", "")
    incoming = from_contact or attrs.get("message_type") == Message.MessageType.INCOMING
    if incoming and content_type not in CONTACT_TYPES:
        raise serializers.ValidationError(
            {
                "content_type": gettext(
                    "A contact's message is text, location, contacts or reaction."
                )
            }
        )
    if content_type in OUTGOING_ONLY_TYPES and attrs.get("private"):
        raise serializers.ValidationError(
            {"content_type": gettext("Questions and cards cannot be private notes.")}
        )
    if content_type != Type.TEXT and attrs.get("attachments"):
        raise serializers.ValidationError(
            {"attachments": gettext("Only text messages carry attachments.")}
        )
    if (
        content_type == Type.TEXT
        and not content.strip()
        and not attrs.get("attachments")
    ):
        raise serializers.ValidationError(
            {"content": gettext("A message needs some text or an attachment.")}
        )
    if content_type == Type.REACTION and content and not is_reaction_emoji(content):
        raise serializers.ValidationError(
            {"content": gettext("A reaction is one emoji, or empty to take it back.")}
        )
    shape = ATTRIBUTES.get(content_type, FreeAttributes)
    given = attrs.get("content_attributes") or {}
    if not given and shape is Attributes:
        # Plain text, most of the chat: nothing to check.
        return {**attrs, "content_type": content_type, "content_attributes": {}}
    checker = shape(data=given)
    if not checker.is_valid():
        raise serializers.ValidationError({"content_attributes": checker.errors})
    return {
        **attrs,
        "content_type": content_type,
        "content_attributes": checker.validated_data,
    }
