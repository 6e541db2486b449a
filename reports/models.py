"""What happened in a conversation, measured when it happened: Chatwoot's
reporting events, the rows every report aggregates."""

from django.conf import settings
from django.db import models

from accounts.models import Account, Inbox
from conversations.models import Conversation


class ReportingEvent(models.Model):
    """One measured moment: ``value`` seconds between ``event_start_time``
    and ``event_end_time``, ``value_in_business_hours`` of them within the
    inbox's business hours."""

    class Name(models.TextChoices):
        FIRST_RESPONSE = "first_response"
        REPLY_TIME = "reply_time"
        CONVERSATION_RESOLVED = "conversation_resolved"
        CONVERSATION_OPENED = "conversation_opened"
        QUEUE_WAIT = "queue_wait"
        CONVERSATION_BOT_HANDOFF = "conversation_bot_handoff"
        CONVERSATION_AGENT_HANDOFF = "conversation_agent_handoff"

    name = models.CharField(max_length=40, choices=Name.choices)
    value = models.FloatField(default=0)
    value_in_business_hours = models.FloatField(default=0)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    inbox = models.ForeignKey(
        Inbox, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    conversation = models.ForeignKey(
        Conversation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reporting_events",
    )
    event_start_time = models.DateTimeField(null=True, blank=True)
    event_end_time = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["account", "name", "created_at"]),
            models.Index(fields=["account", "name", "inbox", "created_at"]),
            models.Index(fields=["account", "name", "user", "created_at"]),
            models.Index(fields=["conversation", "name", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.value:.0f}s"
