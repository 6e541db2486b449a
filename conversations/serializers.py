"""Wire shapes of conversations, messages and attachments, shared by REST and /cable."""

from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from accounts.serializers import UserSerializer, id_field
from agentbots.models import AgentBot
from common.fields import EpochField, EpochFloatField, IsoTimestampField
from common.json_input import load_json
from common.markdown import render_markdown
from common.wire import epoch
from contacts.serializers import (
    AttributesField,
    ContactInboxSerializer,
    ContactSerializer,
    contact_availability,
)
from conversations import content as content_rules
from conversations.attachments import AttachmentListField
from conversations.models import (
    MESSAGE_RELATIONS,
    Attachment,
    Conversation,
    Label,
    Message,
    MessageRevision,
)
from conversations.selectors import DEFAULT_SORT, SORT_CHOICES


class AttachmentSerializer(serializers.ModelSerializer):
    """An attachment as clients render it: type, URLs, size and extension."""

    data_url = serializers.SerializerMethodField()
    thumb_url = serializers.SerializerMethodField()
    file_name = serializers.SerializerMethodField()

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
            "file_name",
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

    def get_file_name(self, attachment: Attachment) -> str:
        # Files stored before the name was kept show their stored name.
        if attachment.file_name or not attachment.file:
            return attachment.file_name
        return attachment.file.name.rsplit("/", 1)[-1]

    def get_thumb_url(self, attachment: Attachment) -> str:
        if attachment.file_type != Attachment.FileType.IMAGE:
            return ""
        return self.get_data_url(attachment)


def sender_payload(sender: Any, *, account_id: int, context: dict) -> dict | None:
    """The push shape of a message or typing sender: a user, a contact, an
    agent bot (Chatwoot's ``AgentBot#push_event_data``), or None."""
    if sender is None:
        return None
    if isinstance(sender, AgentBot):
        return agent_bot_payload(sender)
    if getattr(sender, "USERNAME_FIELD", None):
        return UserSerializer(
            sender, context={**context, "account_id": account_id}
        ).data
    return ContactSerializer(sender, context=context).data


def agent_bot_payload(bot: AgentBot) -> dict:
    """An agent bot as a message's or typing's sender."""
    return {
        "id": bot.pk,
        "name": bot.name,
        "avatar_url": bot.avatar_url,
        "type": "agent_bot",
    }


QUOTE_LENGTH = 200


def reply_quote(message: Message) -> dict:
    """``content_attributes.reply_to`` of a reply: the quoted message as it is
    now (its text cut to 200 characters, none once deleted)."""
    deleted = bool(message.content_attributes.get("deleted"))
    if message.sender_user_id:
        sender_name = message.sender_user.available_name
    elif message.sender_contact_id:
        sender_name = message.sender_contact.name or ""
    elif message.sender_agent_bot_id:
        sender_name = message.sender_agent_bot.name
    else:
        sender_name = ""
    return {
        "id": message.pk,
        "content": "" if deleted else (message.content or "")[:QUOTE_LENGTH],
        "content_type": message.content_type,
        "sender_name": sender_name,
        "message_type": message.message_type,
        "deleted": deleted,
    }


class MessageSerializer(serializers.ModelSerializer):
    """The message push shape; ``sender``, ``attachments``, ``echo_id`` when set.

    ``processed_message_content`` is ``content`` drawn from Markdown as sanitised
    HTML (``common.markdown``), what both front ends put on the page. A reply
    carries the quoted message in ``content_attributes.reply_to``
    (``reply_quote``), loaded with the message by the selectors.
    """

    conversation_id = serializers.IntegerField(source="conversation.display_id")
    created_at = EpochField()
    updated_at = IsoTimestampField()
    seen_at = EpochField(allow_null=True)
    sender_type = serializers.SerializerMethodField()
    sender_id = serializers.SerializerMethodField()
    processed_message_content = serializers.SerializerMethodField()
    additional_attributes = serializers.SerializerMethodField()
    sentiment = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = [
            "id",
            "content",
            "processed_message_content",
            "account_id",
            "inbox_id",
            "conversation_id",
            "message_type",
            "created_at",
            "updated_at",
            "private",
            "status",
            "seen_at",
            "source_id",
            "content_type",
            "content_attributes",
            "sender_type",
            "sender_id",
            "external_source_ids",
            "additional_attributes",
            "sentiment",
        ]

    def get_sentiment(self, message: Message) -> dict:
        # Chatwoot's column for a sentiment analysis of the message, {} until
        # one ran; OneChat runs none.
        return {}

    def get_additional_attributes(self, message: Message) -> dict:
        # Chatwoot keeps channel data (email headers, ...) here; OneChat's
        # website and API channels have none.
        return {}

    def get_sender_type(self, message: Message) -> str | None:
        if message.sender_user_id:
            return "User"
        if message.sender_contact_id:
            return "Contact"
        if message.sender_agent_bot_id:
            return "AgentBot"
        return None

    def get_sender_id(self, message: Message) -> int | None:
        return (
            message.sender_user_id
            or message.sender_contact_id
            or message.sender_agent_bot_id
        )

    def get_processed_message_content(self, message: Message) -> str:
        return render_markdown(message.content or "")

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
        if message.reply_to_id:
            data["content_attributes"] = {
                **data["content_attributes"],
                "reply_to": reply_quote(message.reply_to),
            }
        return data


def message_conversation(conversation: Conversation, *, unread_count: int) -> dict:
    """The ``conversation`` a message of a conversation payload carries, as
    Chatwoot's message push data has it: assignee, unread count, last
    activity and the contact's session."""
    return {
        "assignee_id": conversation.assignee_id,
        "unread_count": unread_count,
        "last_activity_at": epoch(conversation.last_activity_at),
        "contact_inbox": {"source_id": str(conversation.contact_inbox.source_id)},
    }


class ConversationSerializer(serializers.ModelSerializer):
    """The conversation push shape; ``id`` is the display id. Its messages
    carry ``conversation`` (``message_conversation``)."""

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
    assignee_last_seen_at = EpochField()
    contact_last_seen_at = EpochField()
    first_reply_created_at = EpochField()
    last_activity_at = EpochField()
    timestamp = EpochField(source="last_activity_at")
    # Since when the conversation waits in its inbox's queue; null once an
    # agent has it (see routing/).
    waiting_since = EpochField(allow_null=True)
    created_at = EpochField()
    updated_at = EpochFloatField()

    class Meta:
        model = Conversation
        fields = [
            "additional_attributes",
            "can_reply",
            "muted",
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
            "assignee_last_seen_at",
            "contact_last_seen_at",
            "last_activity_at",
            "timestamp",
            "waiting_since",
            "created_at",
            "updated_at",
            "account_id",
        ]

    def get_can_reply(self, conversation: Conversation) -> bool:
        # The conversation's part, shared by every reader (OneChat's channels
        # have no reply window); an agent's own answer is in the Application
        # API's payloads (collaboration.serializers) and in /cable's
        # conversation.capabilities_changed.
        return True

    def get_messages(self, conversation: Conversation) -> list[dict]:
        # Lists prefetch ``last_visible_messages`` (conversations.selectors).
        prefetched = getattr(conversation, "last_visible_messages", None)
        if prefetched is not None:
            last = prefetched[0] if prefetched else None
        else:
            last = (
                conversation.messages.visible_to_contact()
                .select_related(*MESSAGE_RELATIONS)
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
            "channel": conversation.inbox.channel_name,
            "hmac_verified": conversation.contact_inbox.hmac_verified,
        }

    def get_labels(self, conversation: Conversation) -> list[str]:
        return [label.title for label in conversation.labels.all()]

    def to_representation(self, conversation: Conversation) -> dict:
        data = super().to_representation(conversation)
        digest = message_conversation(conversation, unread_count=data["unread_count"])
        for message in data["messages"]:
            message["conversation"] = dict(digest)
        last = data.get("last_non_activity_message")
        if last:
            last["conversation"] = dict(digest)
        return data

    def get_unread_count(self, conversation: Conversation) -> int:
        # Lists annotate the count (conversations.selectors.with_list_data).
        annotated = getattr(conversation, "unread_incoming_count", None)
        if annotated is not None:
            return annotated
        unread = conversation.messages.filter(message_type=Message.MessageType.INCOMING)
        if conversation.agent_last_seen_at:
            unread = unread.filter(created_at__gt=conversation.agent_last_seen_at)
        return unread.count()


class AgentConversationSerializer(ConversationSerializer):
    """A conversation as the Application API answers agents: the push shape
    with ``last_non_activity_message``, the latest message that is not an
    activity line, and the sender's ``availability_status``. The message may
    be a private note, so this shape never reaches a contact (the widget and
    /cable's contact streams use the push shape)."""

    last_non_activity_message = serializers.SerializerMethodField()

    class Meta(ConversationSerializer.Meta):
        fields = [*ConversationSerializer.Meta.fields, "last_non_activity_message"]

    def get_meta(self, conversation: Conversation) -> dict:
        meta = super().get_meta(conversation)
        meta["sender"]["availability_status"] = contact_availability(
            conversation.contact, self.context
        )
        return meta

    @extend_schema_field(MessageSerializer(allow_null=True))
    def get_last_non_activity_message(self, conversation: Conversation) -> dict | None:
        # Lists prefetch ``last_non_activity_messages`` (conversations.selectors).
        prefetched = getattr(conversation, "last_non_activity_messages", None)
        if prefetched is not None:
            last = prefetched[0] if prefetched else None
        else:
            last = (
                conversation.messages.exclude(message_type=Message.MessageType.ACTIVITY)
                .select_related(*MESSAGE_RELATIONS)
                .order_by("-id")
                .first()
            )
        if last is None:
            return None
        context = {**self.context, "contact_inbox": conversation.contact_inbox}
        return MessageSerializer(last, context=context).data


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
            conversation.messages.visible_to_contact()
            .select_related(*MESSAGE_RELATIONS)
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


class JSONObjectField(AttributesField):
    """A JSON object, also accepted as a JSON string (as multipart forms send it)."""

    def to_internal_value(self, data: Any) -> dict:
        if isinstance(data, str):
            try:
                data = load_json(data)
            except ValueError:
                self.fail("invalid")
        return super().to_internal_value(data)


@extend_schema_field({"oneOf": [{"type": "integer", "minimum": 0}, {"type": "string"}]})
class MomentField(serializers.Field):
    """A point in time as integer epoch seconds (the reference's form) or ISO-8601."""

    default_error_messages = {
        "invalid": gettext_lazy("Use epoch seconds or an ISO-8601 time.")
    }

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
    sort_by = serializers.ChoiceField(choices=SORT_CHOICES, default=DEFAULT_SORT)

    def to_internal_value(self, data: Any) -> dict:
        if hasattr(data, "getlist"):
            # ``labels[]=a&labels[]=b`` as the reference's clients send it.
            labels = data.getlist("labels[]") or data.getlist("labels")
            data = {key: data.get(key) for key in data}
            data.pop("labels[]", None)
            if labels:
                data["labels"] = labels
        return super().to_internal_value(data)


class WrapUpSerializer(serializers.Serializer):
    """A resolve's wrap-up: labels to add and a private note."""

    labels = serializers.ListField(
        child=serializers.CharField(max_length=255), max_length=100, default=list
    )
    note = serializers.CharField(max_length=150_000, allow_blank=True, default="")


class ToggleStatusSerializer(serializers.Serializer):
    """``POST conversations/<id>/toggle_status``; no status toggles open/resolved.
    A resolve may carry its ``wrap_up`` (``conversations.wrap_up``)."""

    status = serializers.ChoiceField(
        choices=Conversation.Status.choices, required=False
    )
    snoozed_until = MomentField(required=False, allow_null=True)
    wrap_up = WrapUpSerializer(required=False)


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
            raise serializers.ValidationError(gettext("Give assignee_id or team_id."))
        return attrs


class LabelSerializer(serializers.ModelSerializer):
    """An account's label as Chatwoot's label partial renders it; ``title`` is
    lowercase letters, digits, ``-`` and ``_`` (Chatwoot's rule), ``color`` a
    ``#rrggbb`` colour."""

    title = serializers.RegexField(
        r"^[\w-]+$",
        max_length=255,
        error_messages={"invalid": "Use letters, digits, - and _ only."},
    )
    color = serializers.RegexField(
        r"^#[0-9a-fA-F]{6}$",
        required=False,
        error_messages={"invalid": "A colour is #rrggbb."},
    )

    class Meta:
        model = Label
        fields = ["id", "title", "description", "color", "show_on_sidebar"]
        extra_kwargs = {"description": {"max_length": 1000}}
        # Uniqueness is checked in validate_title, naming the field.
        validators = []

    def to_internal_value(self, data: Any) -> dict:
        # The reference's clients may wrap the fields in ``label``.
        if isinstance(data, dict) and isinstance(data.get("label"), dict):
            data = data["label"]
        return super().to_internal_value(data)

    def validate_title(self, value: str) -> str:
        title = value.lower()
        taken = Label.objects.filter(account=self.context["account"], title=title)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise serializers.ValidationError("The account has a label of this title.")
        return title


class LabelsSerializer(serializers.Serializer):
    """``POST conversations/<id>/labels {labels: [...]}`` replaces the labels."""

    labels = serializers.ListField(
        child=serializers.CharField(max_length=255), max_length=100
    )


class ConversationUpdateSerializer(serializers.Serializer):
    """``PATCH conversations/<id>``: priority, custom attributes, and the
    assignee or team (as ``POST assignments`` takes them)."""

    priority = serializers.ChoiceField(
        choices=Conversation.Priority.choices, required=False, allow_null=True
    )
    custom_attributes = JSONObjectField(required=False)
    assignee_id = id_field(required=False, allow_null=True)
    team_id = id_field(required=False, allow_null=True)


class CustomAttributesSerializer(serializers.Serializer):
    """``POST conversations/<id>/custom_attributes``: the whole new object."""

    custom_attributes = JSONObjectField()


class PrioritySerializer(serializers.Serializer):
    """``POST conversations/<id>/toggle_priority``: a priority, or null for none."""

    priority = serializers.ChoiceField(
        choices=Conversation.Priority.choices, allow_null=True
    )


class MessageListQuerySerializer(serializers.Serializer):
    """A message list's query: ``before=<id>`` pages back, ``after=<id>`` catches
    up after a reconnect."""

    before = id_field(required=False)
    after = serializers.IntegerField(min_value=0, max_value=2**63 - 1, required=False)

    def validate(self, attrs: dict) -> dict:
        if "before" in attrs and "after" in attrs:
            raise serializers.ValidationError(
                gettext("Give before or after, not both.")
            )
        return attrs


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


CONTENT_TYPE_HELP = (
    "A contact sends text (with attachments), location, contacts or reaction; "
    "agents also input_select, form, cards, article, input_email and input_csat "
    "(outgoing, not private)."
)


class MessageContentSerializer(serializers.Serializer):
    """What any sender's message carries: text, attachments or both, a
    ``content_type`` with its ``content_attributes`` (``conversations.content``)
    and an optional echo id. A contact's message through the public client API
    and the widget API is exactly this: text, location, contacts or a reaction,
    any of them replying to a message (``in_reply_to``)."""

    content = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False
    )
    echo_id = serializers.CharField(max_length=64, required=False, allow_blank=True)
    attachments = AttachmentListField(required=False)
    content_type = serializers.ChoiceField(
        choices=content_rules.CONTACT_TYPES,
        default=Message.ContentType.TEXT,
        # Schema documentation (English, as the rest of /api/schema/).
        help_text=CONTENT_TYPE_HELP,
    )
    content_attributes = JSONObjectField(
        required=False,
        help_text=(
            "The content type's attributes (README, Rich messages), e.g. "
            '{"items": [{"title", "value"}]} for input_select, {"latitude", '
            '"longitude"} for location, {"in_reply_to": <message id>} on any.'
        ),
    )

    def validate_content(self, value: str) -> str:
        limit = settings.MAX_MESSAGE_LENGTH
        if len(value) > limit:
            raise serializers.ValidationError(
                gettext("Must be at most %(limit)s characters.") % {"limit": limit}
            )
        return value

    def validate(self, attrs: dict) -> dict:
        return content_rules.check_message(attrs, from_contact=True)


class MessageCreateSerializer(MessageContentSerializer):
    """``POST conversations/<id>/messages`` (JSON or multipart with files): any
    content type of ``conversations.content``; questions and cards only as
    outgoing messages."""

    private = serializers.BooleanField(default=False)
    message_type = MessageTypeField(default=Message.MessageType.OUTGOING)
    content_type = serializers.ChoiceField(
        choices=Message.ContentType.choices,
        default=Message.ContentType.TEXT,
        help_text=CONTENT_TYPE_HELP,
    )

    def validate(self, attrs: dict) -> dict:
        return content_rules.check_message(attrs, from_contact=False)


class ConversationMessageSerializer(MessageCreateSerializer):
    """The first message of ``POST conversations``: an agent's outgoing
    message (no attachments, no notes)."""

    attachments = None
    private = None
    message_type = None
    echo_id = None

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        if attrs["content_attributes"].get("in_reply_to"):
            raise serializers.ValidationError(
                {
                    "content_attributes": {
                        "in_reply_to": [gettext("A first message replies to none.")]
                    }
                }
            )
        return attrs


class ConversationCreateSerializer(serializers.Serializer):
    """``POST conversations``: the contact by ``contact_id``, or by the
    ``source_id`` of its session in the inbox."""

    inbox_id = id_field()
    contact_id = id_field(required=False)
    source_id = serializers.CharField(max_length=255, required=False)
    status = serializers.ChoiceField(
        choices=Conversation.Status.choices, default=Conversation.Status.OPEN
    )
    assignee_id = id_field(required=False, allow_null=True)
    team_id = id_field(required=False, allow_null=True)
    additional_attributes = JSONObjectField(required=False)
    custom_attributes = JSONObjectField(required=False)
    message = ConversationMessageSerializer(required=False)

    def validate(self, attrs: dict) -> dict:
        if "contact_id" not in attrs and "source_id" not in attrs:
            raise serializers.ValidationError(
                {
                    "contact_id": gettext(
                        "Give contact_id or the source_id of a session."
                    )
                }
            )
        return attrs


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


class MessageEditSerializer(serializers.Serializer):
    """``PATCH conversations/<id>/messages/<id>``: the new text of the message."""

    content = serializers.CharField(trim_whitespace=False)

    def validate_content(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError(gettext("A message needs some text."))
        return MessageContentSerializer().validate_content(value)


class MessageRevisionSerializer(serializers.ModelSerializer):
    """A message as it was before an edit or delete, for administrators."""

    actor = UserSerializer(allow_null=True)
    created_at = EpochField()

    class Meta:
        model = MessageRevision
        fields = [
            "id",
            "message_id",
            "action",
            "content",
            "content_attributes",
            "attachments",
            "actor",
            "created_at",
        ]
