"""The wire shapes of notifications (Chatwoot's ``push_event_data``) and of
notification settings (Chatwoot's ``selected_*_flags``), for REST and /cable."""

import re
from datetime import UTC, datetime
from typing import Any

from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from rest_framework import serializers

from common.fields import EpochField, IsoTimestampField
from conversations.models import Conversation, Message
from conversations.serializers import ConversationSerializer, sender_payload
from notifications.models import Channel, Kind, Notification, NotificationSetting

# A mention as the editor writes it, shown as its words.
MENTION_LINK = re.compile(r"\[(@[^\]]*)\]\(mention://[^)]*\)")
BODY_LENGTH = 200


def title_of(notification: Notification) -> str:
    """The one-line title of a notification, in the current language."""
    number = {"display_id": notification.conversation.display_id}
    titles = {
        Kind.CONVERSATION_ASSIGNMENT: _(
            "Conversation #%(display_id)s was assigned to you"
        ),
        Kind.CONVERSATION_MENTION: _(
            "You were mentioned in conversation #%(display_id)s"
        ),
        Kind.ASSIGNED_CONVERSATION_NEW_MESSAGE: _(
            "New message in your conversation #%(display_id)s"
        ),
        Kind.PARTICIPATING_CONVERSATION_NEW_MESSAGE: _(
            "New message in conversation #%(display_id)s"
        ),
        Kind.CONVERSATION_WAITING: _(
            "Conversation #%(display_id)s is waiting for an agent"
        ),
    }
    return titles[notification.notification_type] % number


def body_of(notification: Notification) -> str:
    """What the notification is about: the message's words, else the contact."""
    message = notification.secondary_message
    if message is not None and not message.content_attributes.get("deleted"):
        text = MENTION_LINK.sub(r"\1", message.content or "")
        return " ".join(text.split())[:BODY_LENGTH]
    return notification.conversation.contact.name or ""


def message_summary(message: Message, *, conversation: Conversation) -> dict:
    """A message of ``conversation`` as a notification's secondary actor."""
    deleted = bool(message.content_attributes.get("deleted"))
    return {
        "id": message.pk,
        "content": "" if deleted else message.content,
        "message_type": message.message_type,
        "private": message.private,
        "created_at": int(message.created_at.timestamp()),
        "sender": sender_payload(
            message.sender_user or message.sender_contact,
            account_id=conversation.account_id,
            context={"contact_inbox": conversation.contact_inbox},
        ),
    }


def primary_actor(conversation: Conversation) -> dict:
    """The conversation as a notification's primary actor (id: display id)."""
    return {
        "id": conversation.display_id,
        "inbox_id": conversation.inbox_id,
        "status": conversation.status,
        "meta": ConversationSerializer(conversation).get_meta(conversation),
    }


class NotificationSerializer(serializers.ModelSerializer):
    """One notification, as Chatwoot's list and ``notification.*`` events show it."""

    primary_actor_type = serializers.SerializerMethodField()
    primary_actor_id = serializers.IntegerField(source="conversation.display_id")
    primary_actor = serializers.SerializerMethodField()
    secondary_actor = serializers.SerializerMethodField()
    user = serializers.SerializerMethodField()
    push_message_title = serializers.SerializerMethodField()
    push_message_body = serializers.SerializerMethodField()
    read_at = IsoTimestampField(allow_null=True)
    snoozed_until = IsoTimestampField(allow_null=True)
    created_at = EpochField()
    last_activity_at = EpochField()

    class Meta:
        model = Notification
        fields = [
            "id",
            "notification_type",
            "push_message_title",
            "push_message_body",
            "primary_actor_type",
            "primary_actor_id",
            "primary_actor",
            "read_at",
            "secondary_actor",
            "user",
            "created_at",
            "last_activity_at",
            "snoozed_until",
            "meta",
            "account_id",
        ]

    def get_primary_actor_type(self, notification: Notification) -> str:
        return "Conversation"

    def get_primary_actor(self, notification: Notification) -> dict:
        return primary_actor(notification.conversation)

    def get_secondary_actor(self, notification: Notification) -> dict | None:
        if notification.secondary_message is not None:
            return message_summary(
                notification.secondary_message, conversation=notification.conversation
            )
        return sender_payload(
            notification.secondary_user, account_id=notification.account_id, context={}
        )

    def get_user(self, notification: Notification) -> dict | None:
        return sender_payload(
            notification.user, account_id=notification.account_id, context={}
        )

    def get_push_message_title(self, notification: Notification) -> str:
        # In the user's chosen language, else the one active (the reader's).
        if not notification.user.locale:
            return title_of(notification)
        with translation.override(notification.user.locale):
            return title_of(notification)

    def get_push_message_body(self, notification: Notification) -> str:
        return body_of(notification)


### Input


class PageSerializer(serializers.Serializer):
    """``?page=`` of the notification list (1 is the first)."""

    page = serializers.IntegerField(min_value=1, max_value=100_000, default=1)


class SnoozeTimeField(serializers.Field):
    """A time to come: epoch seconds (Chatwoot's clients) or ISO 8601."""

    default_error_messages = {
        "invalid": _("Give a time as epoch seconds or ISO 8601."),
        "past": _("The time must be in the future."),
    }

    def to_internal_value(self, data: Any) -> datetime:
        moment = None
        if isinstance(data, int | float) and not isinstance(data, bool):
            if 0 < data < 1e11:
                moment = datetime.fromtimestamp(data, tz=UTC)
        elif isinstance(data, str) and data.strip():
            text = data.strip()
            if text.isdigit() and len(text) < 12:
                moment = datetime.fromtimestamp(int(text), tz=UTC)
            else:
                try:
                    moment = parse_datetime(text)
                except ValueError:
                    moment = None
                if moment is not None and timezone.is_naive(moment):
                    moment = timezone.make_aware(moment, UTC)
        if moment is None:
            self.fail("invalid")
        if moment <= timezone.now():
            self.fail("past")
        return moment

    def to_representation(self, value: datetime) -> str:
        return value.isoformat()


class SnoozeSerializer(serializers.Serializer):
    """``POST notifications/{id}/snooze {snoozed_until}``."""

    snoozed_until = SnoozeTimeField()


class ReadAllSerializer(serializers.Serializer):
    """``POST notifications/read_all``, optionally for one conversation only
    (Chatwoot's ``primary_actor_type`` and ``primary_actor_id``, its display id)."""

    primary_actor_type = serializers.ChoiceField(
        choices=["Conversation"], required=False
    )
    primary_actor_id = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, required=False
    )


class DestroyAllSerializer(serializers.Serializer):
    """``POST notifications/destroy_all {type}``: ``read`` or ``all``."""

    type = serializers.ChoiceField(choices=["read", "all"], default="all")


### Settings

# Chatwoot's flag prefix of each channel (``push`` is the desktop one).
FLAG_FIELDS = {
    Channel.EMAIL: "selected_email_flags",
    Channel.DESKTOP: "selected_push_flags",
    Channel.IN_APP: "selected_in_app_flags",
    Channel.SOUND: "selected_sound_flags",
}


def flags_of(setting: NotificationSetting, channel: str) -> list[str]:
    """The channel's flags (``email_conversation_assignment``, ...)."""
    return [f"{channel}_{kind}" for kind in Kind.values if setting.wants(kind, channel)]


class NotificationSettingSerializer(serializers.Serializer):
    """A user's notification settings in an account."""

    id = serializers.IntegerField(allow_null=True, source="pk")
    user_id = serializers.IntegerField()
    account_id = serializers.IntegerField()

    def to_representation(self, setting: NotificationSetting) -> dict:
        data = super().to_representation(setting)
        for channel, field in FLAG_FIELDS.items():
            data[field] = flags_of(setting, channel)
        return data


def flag_list(channel: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.ChoiceField(
            choices=[f"{channel}_{kind}" for kind in Kind.values]
        ),
        max_length=len(Kind.values) * 2,
        required=False,
    )


class SettingFlagsSerializer(serializers.Serializer):
    """The flags a client sends; channels left out keep theirs."""

    selected_email_flags = flag_list(Channel.EMAIL)
    selected_push_flags = flag_list(Channel.DESKTOP)
    selected_in_app_flags = flag_list(Channel.IN_APP)
    selected_sound_flags = flag_list(Channel.SOUND)


class SettingsInputSerializer(serializers.Serializer):
    """``PATCH notification_settings {notification_settings: {...flags}}``."""

    notification_settings = SettingFlagsSerializer()


def channels_of(flags: dict[str, list[str]]) -> dict[str, list[str]]:
    """Validated flags as ``{channel: [kind, ...]}``, for the channels sent."""
    return {
        channel: [flag.removeprefix(f"{channel}_") for flag in flags[field]]
        for channel, field in FLAG_FIELDS.items()
        if field in flags
    }
