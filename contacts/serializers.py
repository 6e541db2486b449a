"""Wire shapes of contacts and contact sessions, and their inputs."""

import json

from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy
from rest_framework import serializers

from accounts.models import Inbox
from accounts.serializers import id_field
from common.fields import EpochField, IsoTimestampField
from common.tokens import gravatar_url, reference_token
from contacts import selectors
from contacts.models import Contact, ContactInbox


class ContactSerializer(serializers.ModelSerializer):
    """The contact push shape of the reference, plus activity timestamps.

    ``pubsub_token`` stands for the session in context (``contact_inbox``),
    else the contact's latest session, else is null. This shape reaches
    agents who may not see that session's conversations, so it carries the
    session's reference token (``common.tokens.reference_token``), never the
    credential /cable accepts: a contact session gets its own token only from
    the public API and the widget's session answer.
    """

    pubsub_token = serializers.SerializerMethodField()
    thumbnail = serializers.SerializerMethodField()
    type = serializers.SerializerMethodField()
    blocked = serializers.SerializerMethodField()
    created_at = EpochField()
    last_activity_at = EpochField()

    class Meta:
        model = Contact
        fields = [
            "additional_attributes",
            "custom_attributes",
            "email",
            "id",
            "identifier",
            "name",
            "phone_number",
            "pubsub_token",
            "thumbnail",
            "type",
            "blocked",
            "created_at",
            "last_activity_at",
        ]

    def get_pubsub_token(self, contact: Contact) -> str | None:
        session = self.context.get("contact_inbox")
        if session is None or session.contact_id != contact.pk:
            prefetched = getattr(contact, "_prefetched_objects_cache", {})
            if "contact_inboxes" in prefetched:
                # Lists prefetch the sessions (contacts.selectors.account_contacts).
                sessions = prefetched["contact_inboxes"]
                session = max(sessions, key=lambda s: s.pk, default=None)
            else:
                session = contact.contact_inboxes.order_by("-id").first()
        return reference_token(session.pubsub_token) if session else None

    def get_thumbnail(self, contact: Contact) -> str:
        return gravatar_url(contact.email)

    def get_type(self, contact: Contact) -> str:
        return "contact"

    def get_blocked(self, contact: Contact) -> bool:
        # OneChat has no blocking of contacts: no contact is blocked.
        return False


class SessionInboxSerializer(serializers.ModelSerializer):
    """The inbox of a contact's session, as a contact's ``contact_inboxes`` name it.

    An inbox is its own channel in OneChat: ``channel_id`` is the inbox's id.
    """

    channel_id = serializers.IntegerField(source="pk")
    channel_type = serializers.CharField(source="channel_name")
    avatar_url = serializers.SerializerMethodField()
    provider = serializers.SerializerMethodField()

    class Meta:
        model = Inbox
        fields = ["id", "avatar_url", "channel_id", "name", "channel_type", "provider"]

    def get_avatar_url(self, inbox: Inbox) -> str:
        # Inboxes have no avatar in OneChat; Chatwoot sends "" for none.
        return ""

    def get_provider(self, inbox: Inbox) -> str | None:
        return None


class ContactSessionSerializer(serializers.ModelSerializer):
    """One of a contact's sessions: the handle (``source_id``) and its inbox."""

    inbox = SessionInboxSerializer()

    class Meta:
        model = ContactInbox
        fields = ["source_id", "inbox"]


class ContactDetailSerializer(ContactSerializer):
    """A contact as the Application API's contact endpoints answer it: with its
    sessions (``contact_inboxes``) and ``availability_status`` (``online``
    when the contact's id is in the context's ``present_contact_ids``, which
    the views read from /cable's presence)."""

    contact_inboxes = ContactSessionSerializer(many=True)
    availability_status = serializers.SerializerMethodField()

    class Meta(ContactSerializer.Meta):
        fields = [
            *ContactSerializer.Meta.fields,
            "contact_inboxes",
            "availability_status",
        ]

    def get_availability_status(self, contact: Contact) -> str:
        return contact_availability(contact, self.context)


def contact_availability(contact: Contact, context: dict) -> str:
    """``online`` when the contact is in the context's ``present_contact_ids``
    (the Application API's views read them from /cable's presence)."""
    present = context.get("present_contact_ids", ())
    return "online" if contact.pk in present else "offline"


class ContactInboxSerializer(serializers.ModelSerializer):
    """The full contact session record carried in conversation payloads."""

    created_at = IsoTimestampField()
    updated_at = IsoTimestampField()

    class Meta:
        model = ContactInbox
        fields = [
            "id",
            "contact_id",
            "inbox_id",
            "source_id",
            "created_at",
            "updated_at",
            "hmac_verified",
        ]


class PublicContactSerializer(serializers.ModelSerializer):
    """A contact session as the public client API returns it."""

    id = serializers.IntegerField(source="contact.id")
    name = serializers.CharField(source="contact.name")
    email = serializers.EmailField(source="contact.email", allow_null=True)
    phone_number = serializers.CharField(source="contact.phone_number", allow_null=True)

    class Meta:
        model = ContactInbox
        fields = ["id", "source_id", "pubsub_token", "name", "email", "phone_number"]


# Input serializers: validate what clients send, never build wire shapes.

# Largest JSON object a client may store in an attributes field.
MAX_ATTRIBUTES_BYTES = 16 * 1024


class AttributesField(serializers.JSONField):
    """A JSON object of attributes, at most ``MAX_ATTRIBUTES_BYTES`` as JSON."""

    default_error_messages = {
        "not_object": gettext_lazy("Must be a JSON object."),
        "too_large": format_lazy(
            gettext_lazy("Must be at most {limit} bytes as JSON."),
            limit=MAX_ATTRIBUTES_BYTES,
        ),
        "null_character": gettext_lazy("Must not contain NUL characters."),
    }

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not isinstance(value, dict):
            self.fail("not_object")
        encoded = json.dumps(value)
        if len(encoded) > MAX_ATTRIBUTES_BYTES:
            self.fail("too_large")
        if "\\u0000" in encoded:
            # PostgreSQL's jsonb cannot store NUL characters.
            self.fail("null_character")
        return value


PHONE_NUMBER = r"^\+?[0-9][0-9 ()./-]{2,30}$"


class ContactDetailsSerializer(serializers.Serializer):
    """The details a client may set on a contact."""

    name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    email = serializers.EmailField(
        max_length=254, required=False, allow_null=True, allow_blank=True
    )
    phone_number = serializers.RegexField(
        PHONE_NUMBER,
        max_length=32,
        required=False,
        allow_null=True,
        allow_blank=True,
        error_messages={"invalid": "Use digits, spaces and an optional leading +."},
    )
    additional_attributes = AttributesField(required=False)
    custom_attributes = AttributesField(required=False)


class ContactInputSerializer(ContactDetailsSerializer):
    """``POST contacts`` and ``PATCH|PUT contacts/<id>``: details and the
    identifier, each unique within the account; on create, ``inbox_id`` opens
    a session in that inbox."""

    inbox_id = id_field(required=False)
    identifier = serializers.CharField(
        max_length=255, required=False, allow_null=True, allow_blank=True
    )

    def validate(self, attrs: dict) -> dict:
        for field in ("email", "identifier"):
            if attrs.get(field) and selectors.contact_with_field(
                account=self.context["account"],
                field=field,
                value=attrs[field],
                exclude=self.instance,
            ):
                raise serializers.ValidationError(
                    {field: gettext("Another contact of this account has it.")}
                )
        return attrs


class PublicContactInputSerializer(ContactDetailsSerializer):
    """Public ``POST|PATCH contacts``: details, and an identity with its HMAC."""

    identifier = serializers.CharField(max_length=255, required=False)
    identifier_hash = serializers.CharField(max_length=128, required=False)
    additional_attributes = None


class ContactSessionInputSerializer(serializers.Serializer):
    """``POST contacts/<id>/contact_inboxes``: an inbox, and a ``source_id``
    (generated when not given)."""

    inbox_id = id_field()
    source_id = serializers.CharField(max_length=255, required=False)


class CustomAttributeKeysSerializer(serializers.Serializer):
    """``POST contacts/<id>/destroy_custom_attributes``: the keys to remove."""

    custom_attributes = serializers.ListField(
        child=serializers.CharField(max_length=255), max_length=100
    )


class ContactListQuerySerializer(serializers.Serializer):
    """Query of ``GET contacts`` and ``GET contacts/search``."""

    page = serializers.IntegerField(min_value=1, max_value=100_000, default=1)
    sort = serializers.ChoiceField(
        choices=list(selectors.CONTACT_ORDERINGS), default="-last_activity_at"
    )
    q = serializers.CharField(max_length=200, required=False, allow_blank=True)


class ContactMergeSerializer(serializers.Serializer):
    """``POST contacts/merge``: fold the mergee into the base contact."""

    base_contact_id = id_field()
    mergee_contact_id = id_field()

    def validate(self, attrs: dict) -> dict:
        if attrs["base_contact_id"] == attrs["mergee_contact_id"]:
            raise serializers.ValidationError(
                gettext("A contact cannot merge with itself.")
            )
        return attrs
