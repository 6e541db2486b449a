"""What a contact session may send: one set of input serializers for the public
client API and the widget API alike.

Input validation only; wire shapes come from ``conversations/serializers.py`` and
``contacts/serializers.py``. A contact's message is
``conversations.serializers.MessageContentSerializer`` and a history page's
cursor ``MessageListQuerySerializer``, as for agents.
"""

import json
from collections.abc import Mapping
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from contacts.serializers import AttributesField, ContactDetailsSerializer
from conversations.models import Conversation
from conversations.serializers import (
    MessageContentSerializer,
    PublicConversationSerializer,
)
from routing.selectors import queue_place
from routing.serializers import queue_payload


class ContactIdentitySerializer(ContactDetailsSerializer):
    """A contact's details, and who the contact is on the website: an
    ``identifier`` with its HMAC ``identifier_hash``.

    Blank details mean "not given", never "erase what the contact has": a
    contact session may add to what agents know, not wipe it.
    """

    identifier = serializers.CharField(max_length=255, required=False)
    # Not trimmed: a hash of spaces is a wrong hash (401), not a missing one.
    identifier_hash = serializers.CharField(
        max_length=128, required=False, allow_blank=True, trim_whitespace=False
    )
    additional_attributes = None

    def validate(self, attrs: dict) -> dict:
        return {name: value for name, value in attrs.items() if value}


class SetUserSerializer(ContactIdentitySerializer):
    """``$onechat.setUser(identifier, {...})``: the identifier is required."""

    identifier = serializers.CharField(max_length=255)


class ContactConversationSerializer(serializers.Serializer):
    """A contact starts a conversation, with an optional first message."""

    custom_attributes = AttributesField(required=False)
    message = MessageContentSerializer(required=False)


class PreChatContactSerializer(ContactDetailsSerializer):
    """The contact's answers in a pre-chat form; blank ones are not given."""

    additional_attributes = None

    def validate(self, attrs: dict) -> dict:
        return {name: value for name, value in attrs.items() if value}


class PreChatConversationSerializer(serializers.Serializer):
    """``POST conversations`` (Chatwoot's widget): the pre-chat form's
    answers for the contact and the conversation, and the first message."""

    contact = PreChatContactSerializer(required=False)
    custom_attributes = AttributesField(required=False)
    message = MessageContentSerializer(required=False)


class ConversationAttributesSerializer(serializers.Serializer):
    """``$onechat.setConversationCustomAttributes``: merged into the
    conversation's custom attributes."""

    custom_attributes = AttributesField()


class ContactTypingSerializer(serializers.Serializer):
    """A contact started (``on``) or stopped (``off``) typing."""

    typing_status = serializers.ChoiceField(choices=["on", "off"])


class SubmittedValuesSerializer(serializers.Serializer):
    """Chatwoot's ``submitted_values`` of an input message; the email of an
    ``input_email`` message comes as ``email`` or as ``value``."""

    email = serializers.EmailField(max_length=254, required=False)
    value = serializers.EmailField(max_length=254, required=False)


class EmailAnswerSerializer(serializers.Serializer):
    """The email a visitor typed into an ``input_email`` message:
    ``submitted_email`` (the widget) or ``submitted_values`` (Chatwoot's
    public client API)."""

    submitted_email = serializers.EmailField(max_length=254, required=False)
    submitted_values = SubmittedValuesSerializer(required=False)

    def validate(self, attrs: dict) -> dict:
        values = attrs.get("submitted_values") or {}
        email = (
            attrs.get("submitted_email") or values.get("email") or values.get("value")
        )
        if not email:
            raise serializers.ValidationError(
                {
                    "submitted_email": _(
                        "Give submitted_email or submitted_values.email."
                    )
                }
            )
        return {"submitted_email": email}


class AnswerSerializer(serializers.Serializer):
    """A contact's answer to a question (``input_select``, ``form``,
    ``input_csat``, ``cards`` postback): Chatwoot's ``submitted_values``, also
    accepted inside ``message`` as Chatwoot's widget sends it. Its shape per
    question type is ``conversations.answers``'s to check."""

    submitted_values = serializers.JSONField()

    def to_internal_value(self, data: Any) -> dict:
        if isinstance(data, Mapping) and isinstance(data.get("message"), Mapping):
            data = data["message"]
        return super().to_internal_value(data)


class LabelSerializer(serializers.Serializer):
    """The widget's ``$onechat.setLabel(label)``: one of the account's labels."""

    label = serializers.CharField(max_length=255)


# The events a widget may send: Chatwoot's widget sends this one on opening.
WIDGET_EVENTS = ("webwidget.triggered",)
# An event's details reach every subscribed webhook: kept small.
MAX_EVENT_INFO_BYTES = 4 * 1024


class EventInfoField(AttributesField):
    """A widget event's ``event_info``: a JSON object of at most
    ``MAX_EVENT_INFO_BYTES``."""

    default_error_messages = {
        "too_large": format_lazy(
            gettext_lazy("Must be at most {limit} bytes as JSON."),
            limit=MAX_EVENT_INFO_BYTES,
        ),
    }

    def to_internal_value(self, data: Any) -> dict:
        value = super().to_internal_value(data)
        if len(json.dumps(value)) > MAX_EVENT_INFO_BYTES:
            self.fail("too_large")
        return value


class WidgetEventSerializer(serializers.Serializer):
    """``POST events``: the widget says what the visitor did (Chatwoot's
    ``{name, event_info}``)."""

    name = serializers.ChoiceField(choices=WIDGET_EVENTS)
    event_info = EventInfoField(required=False, default=dict)


class QueueSerializer(serializers.Serializer):
    """A waiting conversation's place in line; ``wait`` in seconds (null until
    the inbox has handed conversations over)."""

    position = serializers.IntegerField(allow_null=True)
    wait = serializers.IntegerField(allow_null=True)


class PublicConversationWithQueueSerializer(PublicConversationSerializer):
    """The public client API's conversation with its place in the queue
    (null when it does not wait)."""

    queue = serializers.SerializerMethodField()

    class Meta(PublicConversationSerializer.Meta):
        fields = [*PublicConversationSerializer.Meta.fields, "queue"]

    @extend_schema_field(QueueSerializer(allow_null=True))
    def get_queue(self, conversation: Conversation) -> dict | None:
        return conversation_queue(conversation)


def conversation_queue(conversation: Conversation) -> dict | None:
    """``{position, wait}`` while the conversation waits, else None."""
    place = queue_place(conversation)
    return queue_payload(place) if place.position is not None else None


class TranscriptSerializer(serializers.Serializer):
    """``POST conversations/transcript``: the address, when sent, must be the
    contact's."""

    email = serializers.EmailField(max_length=255, required=False)
