"""Automation rules, macros, and the record of each rule's run."""

from django.conf import settings
from django.db import models

from accounts.models import Account
from conversations.models import Conversation


class AutomationRule(models.Model):
    """Chatwoot's automation rule: on ``event_name``, when ``conditions`` match
    a conversation (and the message, for ``message_created``), run ``actions``.

    ``conditions`` is a filter query (``filters.query``); ``actions`` a list of
    ``{action_name, action_params}`` (``automation.vocabulary``)."""

    class Event(models.TextChoices):
        CONVERSATION_CREATED = "conversation_created"
        CONVERSATION_UPDATED = "conversation_updated"
        CONVERSATION_OPENED = "conversation_opened"
        MESSAGE_CREATED = "message_created"

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="automation_rules"
    )
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    event_name = models.CharField(max_length=32, choices=Event.choices)
    conditions = models.JSONField(default=list)
    actions = models.JSONField(default=list)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["account", "event_name", "active"])]

    def __str__(self) -> str:
        return self.name


class Macro(models.Model):
    """Chatwoot's macro: actions an agent runs on conversations with one click.

    A personal macro is its creator's alone; a global one is every member's,
    and only administrators change it."""

    class Visibility(models.TextChoices):
        PERSONAL = "personal"
        GLOBAL = "global"

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="macros"
    )
    name = models.CharField(max_length=255)
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.PERSONAL
    )
    actions = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class AutomationRun(models.Model):
    """One rule checked against one conversation after one event: whether its
    conditions matched, the actions taken, and the error that stopped it."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    rule = models.ForeignKey(
        AutomationRule, on_delete=models.CASCADE, related_name="runs"
    )
    conversation = models.ForeignKey(
        Conversation, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    event_name = models.CharField(max_length=32)
    matched = models.BooleanField(default=False)
    actions_taken = models.JSONField(default=list)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["account", "rule", "-id"])]

    def __str__(self) -> str:
        return f"{self.rule_id} on {self.conversation_id}"
