"""A contact's answer to a conversation's satisfaction survey."""

from django.conf import settings
from django.db import models

from accounts.models import Account
from contacts.models import Contact
from conversations.models import Conversation, Message


class CsatSurveyResponse(models.Model):
    """Chatwoot's CSAT survey response: the rating (1 to 5) and comment a
    contact gave a conversation, crediting the agent it was assigned to when
    the survey was sent. One per conversation."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="csat_survey_responses"
    )
    conversation = models.OneToOneField(
        Conversation, on_delete=models.CASCADE, related_name="csat_survey_response"
    )
    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="+")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    assigned_agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    rating = models.PositiveSmallIntegerField()
    feedback_message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5),
                name="csat_rating_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5 for conversation {self.conversation_id}"
