"""Webhooks as Chatwoot has them (an account's URL subscribed to events,
optionally for one inbox) and the outbox of their deliveries: one row per
event and receiver, written in the transaction of the change that caused it.
"""

import uuid

from django.db import models

from accounts.models import Account, Inbox
from common.tokens import new_token

# Chatwoot's webhook events, in the order its settings list them.
EVENTS = (
    "conversation_created",
    "conversation_status_changed",
    "conversation_updated",
    "message_created",
    "message_updated",
    "contact_created",
    "contact_updated",
    "conversation_typing_on",
    "conversation_typing_off",
    "webwidget_triggered",
)


class Webhook(models.Model):
    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="webhooks"
    )
    # None: every inbox of the account (Chatwoot's account webhook).
    inbox = models.ForeignKey(
        Inbox, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=255, blank=True)
    url = models.URLField(max_length=2048)
    subscriptions = models.JSONField(default=list)
    # Private notes are sent only to the webhooks that ask (OneChat's choice;
    # Chatwoot sends them to every webhook).
    include_private_notes = models.BooleanField(default=False)
    # Signs the deliveries; answered once, when the webhook is created.
    secret = models.CharField(max_length=64, default=new_token, editable=False)
    enabled = models.BooleanField(default=True)
    disabled_reason = models.CharField(max_length=500, blank=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    # The current run of failed attempts: how many, since when (None: the
    # last attempt succeeded).
    consecutive_failures = models.PositiveIntegerField(default=0)
    failing_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["account", "enabled"])]

    def __str__(self) -> str:
        return self.name or self.url


class OutboxEvent(models.Model):
    """One event for its receivers, written in the transaction of its change
    (the chat path writes this one row whatever the number of receivers);
    a job expands it into a delivery per receiver and builds its body."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    event = models.CharField(max_length=64)
    conversation_id = models.BigIntegerField(null=True, blank=True)
    # Who is told: "webhook:<id>", "bot:<id>" or "url:<url>".
    targets = models.JSONField(default=list)
    # What the body is built from (``payloads.build``: the subject's kind and
    # id, what the change was), as Chatwoot builds it in its job; None once
    # built, or when the body was given.
    source = models.JSONField(null=True, blank=True)
    payload = models.JSONField(default=dict)
    expanded = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["expanded", "conversation_id", "id"])]

    def __str__(self) -> str:
        return f"{self.event} ({len(self.targets)} receivers)"


class WebhookDelivery(models.Model):
    """One event for one receiver: a webhook, an agent bot, or an ad hoc URL
    (``deliver_to_url``). Sent in event order per ``(target, conversation)``."""

    class Status(models.TextChoices):
        PENDING = "pending"
        RETRYING = "retrying"
        DELIVERED = "delivered"
        FAILED = "failed"

    OPEN = (Status.PENDING, Status.RETRYING)

    delivery_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    outbox_event = models.ForeignKey(
        OutboxEvent, on_delete=models.CASCADE, related_name="deliveries"
    )
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    webhook = models.ForeignKey(
        Webhook,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    agent_bot = models.ForeignKey(
        "agentbots.AgentBot",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # For an ad hoc delivery; a webhook's or bot's URL is read when sending.
    url = models.URLField(max_length=2048, blank=True)
    target = models.CharField(max_length=2100)
    conversation_id = models.BigIntegerField(null=True, blank=True)
    event = models.CharField(max_length=64)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    # A worker sending the row holds it until then; a crashed worker's hold
    # lapses and the row is sent again.
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_ms = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(
                fields=["target", "conversation_id", "status", "outbox_event"]
            ),
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["webhook", "id"]),
        ]

    def __str__(self) -> str:
        return f"{self.event} to {self.target} ({self.status})"
