"""Wire shapes of contacts and contact sessions."""

from rest_framework import serializers

from contacts.models import Contact, ContactInbox
from onechat.tokens import gravatar_url
from onechat.wire import epoch, iso


class ContactSerializer(serializers.ModelSerializer):
    """The contact push shape of the reference, plus activity timestamps.

    ``pubsub_token`` is the token of the session in context (``contact_inbox``),
    else of the contact's latest session, else null.
    """

    pubsub_token = serializers.SerializerMethodField()
    thumbnail = serializers.SerializerMethodField()
    type = serializers.SerializerMethodField()
    created_at = serializers.SerializerMethodField()
    last_activity_at = serializers.SerializerMethodField()

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
            "created_at",
            "last_activity_at",
        ]

    def get_pubsub_token(self, contact: Contact) -> str | None:
        session = self.context.get("contact_inbox")
        if session is None or session.contact_id != contact.pk:
            session = contact.contact_inboxes.order_by("-id").first()
        return session.pubsub_token if session else None

    def get_thumbnail(self, contact: Contact) -> str:
        return gravatar_url(contact.email)

    def get_type(self, contact: Contact) -> str:
        return "contact"

    def get_created_at(self, contact: Contact) -> int:
        return epoch(contact.created_at)

    def get_last_activity_at(self, contact: Contact) -> int:
        return epoch(contact.last_activity_at)


class ContactInboxSerializer(serializers.ModelSerializer):
    """The full contact session record carried in conversation payloads."""

    created_at = serializers.SerializerMethodField()
    updated_at = serializers.SerializerMethodField()

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

    def get_created_at(self, session: ContactInbox) -> str:
        return iso(session.created_at)

    def get_updated_at(self, session: ContactInbox) -> str:
        return iso(session.updated_at)
