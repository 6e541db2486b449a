"""Agents taking part in a conversation beside its assignee."""

from django.conf import settings
from django.db import models

from accounts.models import Account
from conversations.models import Conversation


class Participant(models.Model):
    """An agent brought into a conversation: invited (replies visibly, the
    contact is told) or consulting (private notes only, unseen by the contact)."""

    class Kind(models.TextChoices):
        INVITED = "invited"
        CONSULTING = "consulting"

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="conversation_participations",
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"], name="unique_conversation_participant"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["invited", "consulting"]),
                name="participant_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.conversation} ({self.kind})"

    @property
    def is_visible_to_contact(self) -> bool:
        """An invited agent joins in the open; a consultant never shows."""
        return self.kind == self.Kind.INVITED
