"""Conversations, their messages and attachments, and the account's labels."""

import secrets
import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Account, Inbox, Team
from agentbots.models import AgentBot
from common.tracking import TrackedFieldsModel
from contacts.models import Contact, ContactInbox


class Label(models.Model):
    """A tag agents put on conversations and contacts, unique by title within
    an account."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="labels"
    )
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    color = models.CharField(max_length=16, default="#1f93ff")
    show_on_sidebar = models.BooleanField(default=True)
    # Kept here, beside the conversations' labels, because contacts sit below
    # this app; ``contact.labels`` reads them back.
    contacts = models.ManyToManyField(Contact, blank=True, related_name="labels")

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "title"], name="unique_label_title"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Conversation(TrackedFieldsModel):
    """A thread between a contact session and the account's agents in one inbox."""

    class Status(models.TextChoices):
        OPEN = "open"
        RESOLVED = "resolved"
        PENDING = "pending"
        SNOOZED = "snoozed"

    class Priority(models.TextChoices):
        LOW = "low"
        MEDIUM = "medium"
        HIGH = "high"
        URGENT = "urgent"

    # Changes receivers tell apart (status_changed, assignee.changed, ...).
    tracked_fields = (
        "status",
        "assignee_id",
        "team_id",
        "contact_id",
        "contact_last_seen_at",
        "waiting_since",
    )

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="conversations"
    )
    inbox = models.ForeignKey(
        Inbox, on_delete=models.CASCADE, related_name="conversations"
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="conversations"
    )
    contact_inbox = models.ForeignKey(
        ContactInbox, on_delete=models.CASCADE, related_name="conversations"
    )
    # Per-account number shown to people and used in URLs; see Account.
    display_id = models.PositiveIntegerField(editable=False)
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.OPEN
    )
    snoozed_until = models.DateTimeField(null=True, blank=True)
    # Since when the conversation waits in its inbox's queue for an agent with
    # free capacity; None once assigned (see routing/).
    waiting_since = models.DateTimeField(null=True, blank=True)
    priority = models.CharField(
        max_length=16, choices=Priority.choices, null=True, blank=True
    )
    # Muted by an agent: the contact's new messages neither reopen it nor
    # notify anyone (``selectors.stays_quiet``).
    muted = models.BooleanField(default=False)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_conversations",
    )
    # The assignee who last left the conversation: routing never hands it back
    # to them while it waits (see routing/). Cleared when someone is assigned.
    left_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conversations",
    )
    labels = models.ManyToManyField(Label, blank=True, related_name="conversations")
    additional_attributes = models.JSONField(default=dict, blank=True)
    custom_attributes = models.JSONField(default=dict, blank=True)
    agent_last_seen_at = models.DateTimeField(null=True, blank=True)
    contact_last_seen_at = models.DateTimeField(null=True, blank=True)
    assignee_last_seen_at = models.DateTimeField(null=True, blank=True)
    first_reply_created_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "display_id"], name="unique_conversation_display_id"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "resolved", "pending", "snoozed"]),
                name="conversation_status_known",
            ),
        ]
        indexes = [
            models.Index(fields=["account", "status", "last_activity_at"]),
            models.Index(fields=["account", "updated_at"]),
            models.Index(
                fields=["inbox", "waiting_since"],
                condition=Q(waiting_since__isnull=False),
                name="conversation_queue",
            ),
        ]

    def __str__(self) -> str:
        return f"Conversation #{self.display_id}"

    def save(self, *args, **kwargs) -> None:
        if self.display_id is None:
            # Reserve the id and insert in one transaction so a failed insert
            # releases the account row lock with the reservation rolled back.
            with transaction.atomic(using=kwargs.get("using")):
                self.display_id = self.account.next_conversation_display_id()
                super().save(*args, **kwargs)
            return
        super().save(*args, **kwargs)


# What a message's payload reads beside the message: its conversation, its
# sender and the message it replies to with that one's sender.
MESSAGE_RELATIONS = (
    "conversation",
    "sender_user",
    "sender_contact",
    "sender_agent_bot",
    "reply_to",
    "reply_to__sender_user",
    "reply_to__sender_contact",
    "reply_to__sender_agent_bot",
)


class MessageQuerySet(models.QuerySet):
    def visible_to_contact(self) -> "MessageQuerySet":
        """Leave out private notes and the activity lines meant for agents
        only (``Message.is_visible_to_contact`` for one message)."""
        return self.filter(private=False).exclude(
            Q(message_type=Message.MessageType.ACTIVITY)
            & ~Q(content_attributes__visibility=Message.VISIBLE_TO_ALL)
        )


class Message(models.Model):
    """One entry in a conversation: a message, a private note or an activity line."""

    class MessageType(models.IntegerChoices):
        INCOMING = 0
        OUTGOING = 1
        ACTIVITY = 2
        TEMPLATE = 3

    class ContentType(models.TextChoices):
        TEXT = "text"
        INPUT_TEXT = "input_text"
        INPUT_TEXTAREA = "input_textarea"
        INPUT_EMAIL = "input_email"
        INPUT_SELECT = "input_select"
        CARDS = "cards"
        FORM = "form"
        ARTICLE = "article"
        INCOMING_EMAIL = "incoming_email"
        INPUT_CSAT = "input_csat"
        INTEGRATIONS = "integrations"
        LOCATION = "location"
        CONTACTS = "contacts"
        REACTION = "reaction"

    class Status(models.TextChoices):
        SENT = "sent"
        DELIVERED = "delivered"
        READ = "read"
        FAILED = "failed"

    # ``content_attributes["visibility"]`` of an activity line the contact sees
    # too ("Anna joined the chat"); other activity lines are for agents only.
    VISIBLE_TO_ALL = "all"

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    inbox = models.ForeignKey(Inbox, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    message_type = models.PositiveSmallIntegerField(choices=MessageType.choices)
    content = models.TextField(blank=True)
    content_type = models.CharField(
        max_length=32, choices=ContentType.choices, default=ContentType.TEXT
    )
    content_attributes = models.JSONField(default=dict, blank=True)
    # A private note is for agents only and never reaches a contact.
    private = models.BooleanField(default=False)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.SENT
    )
    # Id of the message in an external system it was relayed from.
    source_id = models.CharField(max_length=255, null=True, blank=True)
    # The sender's client-side id, echoed back so optimistic UIs can match it.
    echo_id = models.CharField(max_length=64, blank=True)
    external_source_ids = models.JSONField(default=dict, blank=True)
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sender_contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # An agent bot's answer, sent with the bot's access token.
    sender_agent_bot = models.ForeignKey(
        AgentBot, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The message ``content_attributes.in_reply_to`` names, kept as a relation
    # so that lists load the quotes they show with the messages (a join, not
    # a query per message).
    reply_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # When the other side read it (``status`` became read), for the payload's
    # ``seen_at``; null until then.
    seen_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sender_user__isnull=True) | Q(sender_contact__isnull=True),
                name="message_has_one_sender",
            ),
            models.CheckConstraint(
                condition=Q(message_type__in=[0, 1, 2, 3]), name="message_type_known"
            ),
        ]
        indexes = [models.Index(fields=["conversation", "id"])]

    def __str__(self) -> str:
        return f"Message {self.pk} in {self.conversation}"

    @property
    def sender(self):
        """The user, contact or agent bot who sent the message, or None for
        system messages."""
        return self.sender_user or self.sender_contact or self.sender_agent_bot

    @property
    def is_visible_to_contact(self) -> bool:
        """Neither a private note nor an activity line for agents only (the
        queryset's ``visible_to_contact()`` for many)."""
        if self.private:
            return False
        return (
            self.message_type != self.MessageType.ACTIVITY
            or self.content_attributes.get("visibility") == self.VISIBLE_TO_ALL
        )

    @property
    def is_agent_reply(self) -> bool:
        """An agent's answer the contact sees: what counts as a first reply."""
        return (
            self.message_type == self.MessageType.OUTGOING
            and self.sender_user_id is not None
            and not self.private
        )


def attachment_path(attachment: "Attachment", filename: str) -> str:
    """Where an uploaded file is stored: in a folder of its own with a random
    name. /media is served without a session (widgets and integrators fetch
    files by URL), so the URL itself must be impossible to guess."""
    return f"attachments/{secrets.token_hex(16)}/{filename}"


class Attachment(models.Model):
    """A file, location or contact card carried by a message."""

    class FileType(models.TextChoices):
        IMAGE = "image"
        AUDIO = "audio"
        VIDEO = "video"
        FILE = "file"
        LOCATION = "location"
        FALLBACK = "fallback"
        CONTACT = "contact"

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="attachments"
    )
    file_type = models.CharField(max_length=16, choices=FileType.choices)
    file = models.FileField(upload_to=attachment_path, max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(default=0)
    extension = models.CharField(max_length=16, blank=True)
    external_url = models.URLField(blank=True)
    coordinates_lat = models.FloatField(null=True, blank=True)
    coordinates_long = models.FloatField(null=True, blank=True)
    fallback_title = models.CharField(max_length=255, blank=True)
    # The name the file was uploaded with (its last path part, no control
    # characters): storage may rename the file itself.
    file_name = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.file_type} on message {self.message_id}"


class MessageRevision(models.Model):
    """A message as it was before an edit or a delete: the audit trail that
    administrators read (``GET …/messages/<id>/revisions``), never contacts."""

    class Action(models.TextChoices):
        EDIT = "edit"
        DELETE = "delete"

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="revisions"
    )
    action = models.CharField(max_length=8, choices=Action.choices)
    content = models.TextField(blank=True)
    content_attributes = models.JSONField(default=dict, blank=True)
    # What the message's attachments were (type, name, size), kept after a
    # delete takes them off the message.
    attachments = models.JSONField(default=list, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.action} of message {self.message_id}"
