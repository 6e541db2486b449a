"""Wire shapes of conversations, messages and attachments, shared by REST and /cable."""

import json
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from contacts.serializers import (
    AttributesField,
    ContactInboxSerializer,
    ContactSerializer,
)
from conversations.models import Attachment, Conversation, Message
from onechat.fields import EpochField, EpochFloatField, IsoTimestampField
from onechat.serializers import UserSerializer, id_field
from onechat.wire import epoch


class AttachmentSerializer(serializers.ModelSerializer):
    """An attachment as clients render it: type, URLs, size and extension."""

    data_url = serializers.SerializerMethodField()
    thumb_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "message_id",
            "file_type",
            "account_id",
            "extension",
            "data_url",
            "thumb_url",
            "file_size",
            "coordinates_lat",
            "coordinates_long",
            "fallback_title",
            "external_url",
        ]

    def get_data_url(self, attachment: Attachment) -> str:
        if not attachment.file:
            return attachment.external_url
        request = self.context.get("request")
        url = attachment.file.url
        return request.build_absolute_uri(url) if request else url

    def get_thumb_url(self, attachment: Attachment) -> str:
        if attachment.file_type != Attachment.FileType.IMAGE:
            return ""
        return self.get_data_url(attachment)


def sender_payload(sender: Any, *, account_id: int, context: dict) -> dict | None:
    """The push shape of a message or typing sender: a user, a contact, or None."""
    if sender is None:
        return None
    if getattr(sender, "USERNAME_FIELD", None):
        return UserSerializer(
            sender, context={**context, "account_id": account_id}
        ).data
    return ContactSerializer(sender, context=context).data


class MessageSerializer(serializers.ModelSerializer):
    """The message push shape; ``sender``, ``attachments``, ``echo_id`` when set."""

    conversation_id = serializers.IntegerField(source="conversation.display_id")
    created_at = EpochField()
    updated_at = IsoTimestampField()
    sender_type = serializers.SerializerMethodField()
    sender_id = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = [
            "id",
            "content",
            "account_id",
            "inbox_id",
            "conversation_id",
            "message_type",
            "created_at",
            "updated_at",
            "private",
            "status",
            "source_id",
            "content_type",
            "content_attributes",
            "sender_type",
            "sender_id",
            "external_source_ids",
        ]

    def get_sender_type(self, message: Message) -> str | None:
        if message.sender_user_id:
            return "User"
        if message.sender_contact_id:
            return "Contact"
        return None

    def get_sender_id(self, message: Message) -> int | None:
        return message.sender_user_id or message.sender_contact_id

    def to_representation(self, message: Message) -> dict:
        data = super().to_representation(message)
        sender = sender_payload(
            message.sender, account_id=message.account_id, context=self.context
        )
        if sender is not None:
            data["sender"] = sender
        attachments = message.attachments.all()
        if attachments:
            data["attachments"] = AttachmentSerializer(
                attachments, many=True, context=self.context
            ).data
        if message.echo_id:
            data["echo_id"] = message.echo_id
        return data


class ConversationSerializer(serializers.ModelSerializer):
    """The conversation push shape; ``id`` is the display id."""

    id = serializers.IntegerField(source="display_id")
    channel = serializers.CharField(source="inbox.channel_name")
    can_reply = serializers.SerializerMethodField()
    contact_inbox = ContactInboxSerializer()
    messages = serializers.SerializerMethodField()
    meta = serializers.SerializerMethodField()
    labels = serializers.SerializerMethodField()
    unread_count = serializers.SerializerMethodField()
    snoozed_until = EpochField(allow_null=True)
    agent_last_seen_at = EpochField()
    contact_last_seen_at = EpochField()
    first_reply_created_at = EpochField()
    last_activity_at = EpochField()
    timestamp = EpochField(source="last_activity_at")
    created_at = EpochField()
    updated_at = EpochFloatField()

    class Meta:
        model = Conversation
        fields = [
            "additional_attributes",
            "can_reply",
            "channel",
            "id",
            "uuid",
            "inbox_id",
            "contact_inbox",
            "messages",
            "meta",
            "labels",
            "status",
            "priority",
            "custom_attributes",
            "snoozed_until",
            "unread_count",
            "first_reply_created_at",
            "agent_last_seen_at",
            "contact_last_seen_at",
            "last_activity_at",
            "timestamp",
            "created_at",
            "updated_at",
            "account_id",
        ]

    def get_can_reply(self, conversation: Conversation) -> bool:
        return True

    def get_messages(self, conversation: Conversation) -> list[dict]:
        # Lists prefetch ``last_visible_messages`` (conversations.selectors).
        prefetched = getattr(conversation, "last_visible_messages", None)
        if prefetched is not None:
            last = prefetched[0] if prefetched else None
        else:
            last = (
                conversation.messages.filter(private=False)
                .exclude(message_type=Message.MessageType.ACTIVITY)
                .select_related("conversation", "sender_user", "sender_contact")
                .order_by("-id")
                .first()
            )
        if last is None:
            return []
        context = {**self.context, "contact_inbox": conversation.contact_inbox}
        return [MessageSerializer(last, context=context).data]

    def get_meta(self, conversation: Conversation) -> dict:
        context = {**self.context, "contact_inbox": conversation.contact_inbox}
        assignee = conversation.assignee
        team = conversation.team
        return {
            "sender": ContactSerializer(conversation.contact, context=context).data,
            "assignee": (
                UserSerializer(
                    assignee, context={**context, "account_id": conversation.account_id}
                ).data
                if assignee
                else None
            ),
            "team": {"id": team.pk, "name": team.name} if team else None,
        }

    def get_labels(self, conversation: Conversation) -> list[str]:
        return [label.title for label in conversation.labels.all()]

    def get_unread_count(self, conversation: Conversation) -> int:
        # Lists annotate the count (conversations.selectors.with_list_data).
        annotated = getattr(conversation, "unread_incoming_count", None)
        if annotated is not None:
            return annotated
        unread = conversation.messages.filter(message_type=Message.MessageType.INCOMING)
        if conversation.agent_last_seen_at:
            unread = unread.filter(created_at__gt=conversation.agent_last_seen_at)
        return unread.count()


class PublicConversationSerializer(serializers.ModelSerializer):
    """A conversation as the public client API shows it to its contact.

    ``messages`` holds the latest messages the contact may see, oldest first.
    """

    PUBLIC_MESSAGES = 20

    id = serializers.IntegerField(source="display_id")
    contact_last_seen_at = EpochField()
    agent_last_seen_at = EpochField()
    messages = serializers.SerializerMethodField()
    contact = serializers.SerializerMethodField()

    class Meta:
        model = Conversation
        fields = [
            "id",
            "uuid",
            "inbox_id",
            "status",
            "contact_last_seen_at",
            "agent_last_seen_at",
            "messages",
            "contact",
        ]

    @extend_schema_field(MessageSerializer(many=True))
    def get_messages(self, conversation: Conversation) -> list[dict]:
        latest = (
            conversation.messages.filter(private=False)
            .exclude(message_type=Message.MessageType.ACTIVITY)
            .select_related("conversation", "sender_user", "sender_contact")
            .prefetch_related("attachments", "sender_user__memberships")
            .order_by("-id")[: self.PUBLIC_MESSAGES]
        )
        context = {**self.context, "contact_inbox": conversation.contact_inbox}
        return MessageSerializer(latest[::-1], many=True, context=context).data

    @extend_schema_field(
        inline_serializer(
            "PublicConversationContact",
            {
                "id": serializers.IntegerField(),
                "name": serializers.CharField(),
                "email": serializers.CharField(allow_null=True),
                "phone_number": serializers.CharField(allow_null=True),
            },
        )
    )
    def get_contact(self, conversation: Conversation) -> dict:
        contact = conversation.contact
        return {
            "id": contact.pk,
            "name": contact.name,
            "email": contact.email,
            "phone_number": contact.phone_number,
        }


# Input serializers: validate what clients send, never build wire shapes.

# Files a message may carry; script-capable types (HTML, SVG) are left out.
ALLOWED_ATTACHMENT_TYPES = (
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/bmp",
    "audio/",
    "video/",
    "application/pdf",
    "text/plain",
    "text/csv",
    "application/json",
    "application/zip",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.",
    "application/vnd.ms-excel",
    "application/vnd.oasis.opendocument.",
)


class JSONObjectField(AttributesField):
    """A JSON object, also accepted as a JSON string (as multipart forms send it)."""

    def to_internal_value(self, data: Any) -> dict:
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError:
                self.fail("invalid")
        return super().to_internal_value(data)


@extend_schema_field({"oneOf": [{"type": "integer", "minimum": 0}, {"type": "string"}]})
class MomentField(serializers.Field):
    """A point in time as integer epoch seconds (the reference's form) or ISO-8601."""

    default_error_messages = {"invalid": "Use epoch seconds or an ISO-8601 time."}

    def to_internal_value(self, data: Any) -> datetime:
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, int | float) or (isinstance(data, str) and data.isdigit()):
            try:
                return datetime.fromtimestamp(int(data), tz=UTC)
            except (OverflowError, OSError, ValueError):
                self.fail("invalid")
        moment = parse_datetime(data) if isinstance(data, str) else None
        if moment is None:
            self.fail("invalid")
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, UTC)
        return moment

    def to_representation(self, value: datetime) -> int:
        return epoch(value)


class ConversationListQuerySerializer(serializers.Serializer):
    """Query of ``GET conversations``: filters, page, catch-up window."""

    status = serializers.ChoiceField(
        choices=[*Conversation.Status.values, "all"], required=False
    )
    assignee_type = serializers.ChoiceField(
        choices=["me", "unassigned", "assigned", "all"], default="all"
    )
    inbox_id = id_field(required=False)
    team_id = id_field(required=False)
    labels = serializers.ListField(
        child=serializers.CharField(max_length=255), required=False, max_length=50
    )
    q = serializers.CharField(max_length=200, required=False, allow_blank=True)
    page = serializers.IntegerField(min_value=1, max_value=100_000, default=1)
    updated_within = serializers.IntegerField(
        min_value=1, max_value=30 * 24 * 3600, required=False
    )

    def to_internal_value(self, data: Any) -> dict:
        if hasattr(data, "getlist"):
            # ``labels[]=a&labels[]=b`` as the reference's clients send it.
            labels = data.getlist("labels[]") or data.getlist("labels")
            data = {key: data.get(key) for key in data}
            data.pop("labels[]", None)
            if labels:
                data["labels"] = labels
        return super().to_internal_value(data)


class ConversationCreateSerializer(serializers.Serializer):
    """``POST conversations``."""

    inbox_id = id_field()
    contact_id = id_field()
    source_id = serializers.CharField(max_length=255, required=False)
    status = serializers.ChoiceField(
        choices=Conversation.Status.choices, default=Conversation.Status.OPEN
    )
    assignee_id = id_field(required=False, allow_null=True)
    team_id = id_field(required=False, allow_null=True)
    additional_attributes = JSONObjectField(required=False)
    custom_attributes = JSONObjectField(required=False)
    message = inline_serializer(
        "ConversationCreateMessage",
        {"content": serializers.CharField(max_length=10_000)},
        required=False,
    )


class ToggleStatusSerializer(serializers.Serializer):
    """``POST conversations/<id>/toggle_status``; no status toggles open/resolved."""

    status = serializers.ChoiceField(
        choices=Conversation.Status.choices, required=False
    )
    snoozed_until = MomentField(required=False, allow_null=True)


class TypingSerializer(serializers.Serializer):
    """``toggle_typing_status`` (and the public ``toggle_typing``)."""

    typing_status = serializers.ChoiceField(choices=["on", "off"])
    is_private = serializers.BooleanField(default=False)


class AssignmentSerializer(serializers.Serializer):
    """``POST conversations/<id>/assignments``: an agent, a team, or null for none."""

    assignee_id = id_field(required=False, allow_null=True)
    team_id = id_field(required=False, allow_null=True)

    def validate(self, attrs: dict) -> dict:
        if not attrs:
            raise serializers.ValidationError("Give assignee_id or team_id.")
        return attrs


class LabelsSerializer(serializers.Serializer):
    """``POST conversations/<id>/labels {labels: [...]}`` replaces the labels."""

    labels = serializers.ListField(
        child=serializers.CharField(max_length=255), max_length=100
    )


class ConversationUpdateSerializer(serializers.Serializer):
    """``PATCH conversations/<id>``: priority and custom attributes."""

    priority = serializers.ChoiceField(
        choices=Conversation.Priority.choices, required=False, allow_null=True
    )
    custom_attributes = JSONObjectField(required=False)


class MessageListQuerySerializer(serializers.Serializer):
    """A message list's query: ``before=<id>`` pages back, ``after=<id>`` catches
    up after a reconnect."""

    before = id_field(required=False)
    after = serializers.IntegerField(min_value=0, max_value=2**63 - 1, required=False)

    def validate(self, attrs: dict) -> dict:
        if "before" in attrs and "after" in attrs:
            raise serializers.ValidationError("Give before or after, not both.")
        return attrs


class AttachmentListField(serializers.ListField):
    """Uploaded files under ``attachments[]`` (or ``attachments``), each checked
    against the size limit and the allowed types."""

    child = serializers.FileField()

    def get_value(self, dictionary: Any) -> Any:
        if hasattr(dictionary, "getlist"):
            files = dictionary.getlist("attachments[]") or dictionary.getlist(
                "attachments"
            )
            return files or serializers.empty
        return super().get_value(dictionary)

    def to_internal_value(self, data: Any) -> list:
        files = super().to_internal_value(data)
        limit = settings.MAX_ATTACHMENT_BYTES
        for upload in files:
            if upload.size > limit:
                raise serializers.ValidationError(
                    f"{upload.name} is larger than {limit} bytes."
                )
            kind = (upload.content_type or "").lower()
            if not kind.startswith(ALLOWED_ATTACHMENT_TYPES):
                raise serializers.ValidationError(
                    f"{upload.name}: files of type {kind or 'unknown'} are not allowed."
                )
        return files


@extend_schema_field(
    {
        "oneOf": [
            {"type": "integer", "enum": [0, 1, 3]},
            {"type": "string", "enum": ["incoming", "outgoing", "template"]},
        ]
    }
)
class MessageTypeField(serializers.ChoiceField):
    """``message_type`` as its integer or its name; activity lines are not sent."""

    NAMES = {"incoming": 0, "outgoing": 1, "template": 3}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=[0, 1, 3, *self.NAMES], **kwargs)

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool):
            self.fail("invalid_choice", input=data)
        if isinstance(data, str) and data.isdigit():
            data = int(data)
        value = super().to_internal_value(data)
        return self.NAMES.get(value, value)


class MessageCreateSerializer(serializers.Serializer):
    """``POST conversations/<id>/messages`` (JSON or multipart with files)."""

    content = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False
    )
    private = serializers.BooleanField(default=False)
    message_type = MessageTypeField(default=Message.MessageType.OUTGOING)
    content_type = serializers.ChoiceField(
        choices=Message.ContentType.choices, default=Message.ContentType.TEXT
    )
    content_attributes = JSONObjectField(required=False)
    echo_id = serializers.CharField(max_length=64, required=False, allow_blank=True)
    attachments = AttachmentListField(required=False, max_length=10)

    def validate_content(self, value: str) -> str:
        limit = settings.MAX_MESSAGE_LENGTH
        if len(value) > limit:
            raise serializers.ValidationError(f"Must be at most {limit} characters.")
        return value

    def validate(self, attrs: dict) -> dict:
        if not attrs.get("content", "").strip() and not attrs.get("attachments"):
            raise serializers.ValidationError(
                {"content": "A message needs content or an attachment."}
            )
        return attrs


class PublicMessageCreateSerializer(MessageCreateSerializer):
    """A contact's message through the public client API: content, echo id, files."""

    private = None
    message_type = None
    content_type = None
    content_attributes = None


class PublicConversationCreateSerializer(serializers.Serializer):
    """``POST contacts/<source_id>/conversations``, with an optional first message."""

    custom_attributes = JSONObjectField(required=False)
    message = PublicMessageCreateSerializer(required=False)


class SubmitEmailSerializer(serializers.Serializer):
    """The email a visitor typed into an ``input_email`` message."""

    submitted_email = serializers.EmailField(max_length=254)


class MessageListMetaSerializer(serializers.ModelSerializer):
    """``meta`` of a message list: the conversation's people, labels, read marks,
    and ``has_more`` (from the context) when older or newer messages remain."""

    contact = serializers.SerializerMethodField()
    assignee = serializers.SerializerMethodField()
    labels = serializers.SerializerMethodField()
    agent_last_seen_at = EpochField()
    assignee_last_seen_at = EpochField()
    has_more = serializers.SerializerMethodField()

    class Meta:
        model = Conversation
        fields = [
            "contact",
            "assignee",
            "labels",
            "additional_attributes",
            "agent_last_seen_at",
            "assignee_last_seen_at",
            "has_more",
        ]

    @extend_schema_field(ContactSerializer)
    def get_contact(self, conversation: Conversation) -> dict:
        context = {**self.context, "contact_inbox": conversation.contact_inbox}
        return ContactSerializer(conversation.contact, context=context).data

    @extend_schema_field(UserSerializer(allow_null=True))
    def get_assignee(self, conversation: Conversation) -> dict | None:
        if conversation.assignee is None:
            return None
        context = {**self.context, "account_id": conversation.account_id}
        return UserSerializer(conversation.assignee, context=context).data

    def get_labels(self, conversation: Conversation) -> list[str]:
        return [label.title for label in conversation.labels.all()]

    def get_has_more(self, conversation: Conversation) -> bool:
        return bool(self.context.get("has_more"))
