"""Canned responses: an account's saved answers, called up in the composer by
their short code, with the files they carry."""

from django.db import models

from accounts.models import Account
from conversations.models import Attachment, attachment_path


class CannedResponse(models.Model):
    """A saved answer of an account: its ``short_code`` (unique in the account)
    and its ``content``, Markdown with ``{{contact.name}}``-style variables
    the composer fills in."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="canned_responses"
    )
    short_code = models.CharField(max_length=255)
    content = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["short_code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "short_code"], name="unique_canned_short_code"
            )
        ]

    def __str__(self) -> str:
        return self.short_code


class CannedResponseAttachment(models.Model):
    """A file a canned response carries: the composer adds it to the message
    the response is inserted into."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    canned_response = models.ForeignKey(
        CannedResponse, on_delete=models.CASCADE, related_name="attachments"
    )
    file_type = models.CharField(max_length=16, choices=Attachment.FileType.choices)
    file = models.FileField(upload_to=attachment_path, max_length=255)
    file_name = models.CharField(max_length=255)
    file_size = models.PositiveBigIntegerField(default=0)
    extension = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.file_name} of canned response {self.canned_response_id}"
