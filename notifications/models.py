"""Notifications of an agent in one account, and how each kind reaches them."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import Account
from conversations.models import Conversation, Message


class Kind(models.TextChoices):
    """What a notification tells, named as Chatwoot names them."""

    CONVERSATION_ASSIGNMENT = "conversation_assignment"
    CONVERSATION_MENTION = "conversation_mention"
    ASSIGNED_CONVERSATION_NEW_MESSAGE = "assigned_conversation_new_message"
    PARTICIPATING_CONVERSATION_NEW_MESSAGE = "participating_conversation_new_message"
    CONVERSATION_WAITING = "conversation_waiting"


class Channel(models.TextChoices):
    """Where a notification reaches its user: the bell's list, a sound, a
    desktop notification (Chatwoot's push) and the email digest."""

    IN_APP = "in_app"
    SOUND = "sound"
    DESKTOP = "push"
    EMAIL = "email"


class Notification(models.Model):
    """One thing an agent should know about a conversation (the primary
    actor); the message or the user behind it is the secondary actor."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    notification_type = models.CharField(max_length=48, choices=Kind.choices)
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="+"
    )
    secondary_message = models.ForeignKey(
        Message, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    secondary_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    read_at = models.DateTimeField(null=True, blank=True)
    snoozed_until = models.DateTimeField(null=True, blank=True)
    # Moves when the same news comes again (another new message): the list's order.
    last_activity_at = models.DateTimeField(default=timezone.now)
    meta = models.JSONField(default=dict, blank=True)
    # Waiting for the user's next email digest, and when one told it.
    email_due = models.BooleanField(default=False)
    emailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        indexes = [
            models.Index(
                fields=["user", "account", "-last_activity_at"],
                name="notification_list",
            ),
            models.Index(
                fields=["user", "email_due", "emailed_at"], name="notification_email"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(notification_type__in=Kind.values),
                name="notification_type_known",
            )
        ]

    def __str__(self) -> str:
        return f"{self.notification_type} for {self.user_id} on {self.conversation_id}"


def default_channels() -> dict[str, list[str]]:
    """The kinds each channel carries until the user chooses: every kind in
    the list; sound and desktop for what is theirs to answer; email for
    assignments and mentions."""
    theirs = [
        Kind.CONVERSATION_ASSIGNMENT.value,
        Kind.CONVERSATION_MENTION.value,
        Kind.ASSIGNED_CONVERSATION_NEW_MESSAGE.value,
    ]
    # Plain strings throughout: an enum member is keyed by its name.
    return {
        Channel.IN_APP.value: list(Kind.values),
        Channel.SOUND.value: list(theirs),
        Channel.DESKTOP.value: list(theirs),
        Channel.EMAIL.value: theirs[:2],
    }


class NotificationSetting(models.Model):
    """Which kinds reach one user of one account through each channel."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # ``{channel: [kind, ...]}`` for every ``Channel``.
    channels = models.JSONField(default=default_channels)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["account", "user"], name="unique_notification_setting"
            )
        ]

    def __str__(self) -> str:
        return f"Notification settings of {self.user_id} in {self.account_id}"

    def wants(self, kind: str, channel: str) -> bool:
        """Whether ``kind`` reaches the user through ``channel``."""
        return str(kind) in self.channels.get(str(channel), ())
