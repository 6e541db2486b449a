"""Chats between agents of one account: one-to-one or a small group."""

from django.conf import settings
from django.db import models

from accounts.models import Account
from conversations.models import Conversation


class AgentChat(models.Model):
    """A chat between agents, optionally about one conversation ("#42")."""

    class State(models.TextChoices):
        ACTIVE = "active"
        COMPLETED = "completed"

    # Members of one chat, the starter included.
    MAX_MEMBERS = 10

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="agent_chats"
    )
    topic = models.CharField(max_length=255, blank=True)
    conversation = models.ForeignKey(
        Conversation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agent_chats",
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.ACTIVE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="AgentChatMember", related_name="agent_chats"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=["active", "completed"]),
                name="agent_chat_state_known",
            )
        ]

    def __str__(self) -> str:
        return self.topic or f"Agent chat {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE


class AgentChatMember(models.Model):
    """An agent in a chat and how far they have read it."""

    chat = models.ForeignKey(AgentChat, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    last_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["chat", "user"], name="unique_agent_chat_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.chat}"


class AgentChatMessage(models.Model):
    """One message of an agent chat."""

    chat = models.ForeignKey(
        AgentChat, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    content = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["chat", "id"])]

    def __str__(self) -> str:
        return f"Message {self.pk} in {self.chat}"
