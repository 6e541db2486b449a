"""What continuity mailed, so a reply is mailed once and each mail threads
under the conversation's earlier ones."""

from django.db import models

from accounts.models import Account
from conversations.models import Conversation


class ReplyQueue(models.Model):
    """A conversation's place in the reply mailing: the last reply handled
    (mailed, or read on the page first) and when the next mail is due."""

    conversation = models.OneToOneField(
        Conversation, on_delete=models.CASCADE, related_name="+"
    )
    last_message_id = models.BigIntegerField(default=0)
    # Set while a mailing job waits; a new reply then joins it.
    due_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"replies of {self.conversation_id} after {self.last_message_id}"


class ConversationMail(models.Model):
    """One mail sent about a conversation: a batch of replies or a transcript."""

    class Kind(models.TextChoices):
        REPLIES = "replies"
        TRANSCRIPT = "transcript"

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # The Message-ID header, angle brackets included.
    message_id = models.CharField(max_length=255, unique=True)
    to_email = models.EmailField(max_length=255)
    # The messages the mail carried (their ids).
    message_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind} mail {self.message_id}"
