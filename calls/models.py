"""A call between one agent and the contact of a conversation.

The media travel peer to peer (WebRTC); OneChat keeps who called whom, the
call's state as its two parties report it, and relays their signalling.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.models import Account
from contacts.models import Contact
from conversations.models import Conversation


class Call(models.Model):
    """One call of a conversation, from its request to its end."""

    class State(models.TextChoices):
        RINGING = "ringing"
        ACCEPTED = "accepted"
        ACTIVE = "active"
        INTERRUPTED = "interrupted"
        ENDED = "ended"
        REJECTED = "rejected"
        MISSED = "missed"

    class Side(models.TextChoices):
        AGENT = "agent"
        CONTACT = "contact"

    class EndedBy(models.TextChoices):
        AGENT = "agent"
        CONTACT = "contact"
        SYSTEM = "system"

    # A conversation has at most one call in these states.
    LIVE = (State.RINGING, State.ACCEPTED, State.ACTIVE, State.INTERRUPTED)

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="calls"
    )
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    # None while a contact's request rings: the first agent to accept takes it.
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_by = models.CharField(max_length=8, choices=Side.choices)
    audio = models.BooleanField(default=True)
    video = models.BooleanField(default=False)
    state = models.CharField(
        max_length=16, choices=State.choices, default=State.RINGING
    )
    # The side sharing its screen now, "" for none.
    screen_sharing = models.CharField(max_length=8, choices=Side.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # The first time the parties' connection came up.
    connected_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.CharField(max_length=8, choices=EndedBy.choices, blank=True)
    interrupted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation"],
                condition=Q(state__in=["ringing", "accepted", "active", "interrupted"]),
                name="one_live_call_per_conversation",
            )
        ]

    def __str__(self) -> str:
        return f"Call {self.pk} ({self.state})"

    @property
    def is_live(self) -> bool:
        return self.state in self.LIVE

    @property
    def duration(self) -> int | None:
        """Seconds between the first connection and the end, once both are known."""
        if self.connected_at is None or self.ended_at is None:
            return None
        return max(0, int((self.ended_at - self.connected_at).total_seconds()))
