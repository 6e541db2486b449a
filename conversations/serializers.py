"""Wire shapes of conversations, messages and attachments, shared by REST and /cable."""

from typing import Any

from rest_framework import serializers

from contacts.serializers import ContactInboxSerializer, ContactSerializer
from conversations.models import Attachment, Conversation, Message
from onechat.serializers import UserSerializer
from onechat.wire import epoch, epoch_float, iso


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
    created_at = serializers.SerializerMethodField()
    updated_at = serializers.SerializerMethodField()
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

    def get_created_at(self, message: Message) -> int:
        return epoch(message.created_at)

    def get_updated_at(self, message: Message) -> str:
        return iso(message.updated_at)

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
    snoozed_until = serializers.SerializerMethodField()
    agent_last_seen_at = serializers.SerializerMethodField()
    contact_last_seen_at = serializers.SerializerMethodField()
    first_reply_created_at = serializers.SerializerMethodField()
    last_activity_at = serializers.SerializerMethodField()
    timestamp = serializers.SerializerMethodField()
    created_at = serializers.SerializerMethodField()
    updated_at = serializers.SerializerMethodField()

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
        last = (
            conversation.messages.filter(private=False)
            .exclude(message_type=Message.MessageType.ACTIVITY)
            .select_related("conversation", "sender_user", "sender_contact")
            .order_by("-id")
            .first()
        )
        return [MessageSerializer(last, context=self.context).data] if last else []

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
        unread = conversation.messages.filter(message_type=Message.MessageType.INCOMING)
        if conversation.agent_last_seen_at:
            unread = unread.filter(created_at__gt=conversation.agent_last_seen_at)
        return unread.count()

    def get_snoozed_until(self, conversation: Conversation) -> int | None:
        return epoch(conversation.snoozed_until) if conversation.snoozed_until else None

    def get_agent_last_seen_at(self, conversation: Conversation) -> int:
        return epoch(conversation.agent_last_seen_at)

    def get_contact_last_seen_at(self, conversation: Conversation) -> int:
        return epoch(conversation.contact_last_seen_at)

    def get_first_reply_created_at(self, conversation: Conversation) -> int:
        return epoch(conversation.first_reply_created_at)

    def get_last_activity_at(self, conversation: Conversation) -> int:
        return epoch(conversation.last_activity_at)

    def get_timestamp(self, conversation: Conversation) -> int:
        return epoch(conversation.last_activity_at)

    def get_created_at(self, conversation: Conversation) -> int:
        return epoch(conversation.created_at)

    def get_updated_at(self, conversation: Conversation) -> float:
        return epoch_float(conversation.updated_at)
