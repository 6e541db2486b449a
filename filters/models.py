"""Saved filters: a user's named filter queries in one account."""

from django.conf import settings
from django.db import models

from accounts.models import Account


class CustomFilter(models.Model):
    """A filter query a user saved under a name, for conversations or contacts.

    Each user sees only their own saved filters, in the account they saved
    them in.
    """

    class FilterType(models.IntegerChoices):
        CONVERSATION = 0, "conversation"
        CONTACT = 1, "contact"

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="custom_filters"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=255)
    filter_type = models.PositiveSmallIntegerField(
        choices=FilterType.choices, default=FilterType.CONVERSATION
    )
    # Chatwoot's shape, ``{"payload": [conditions]}``, as the client sent it.
    query = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["account", "user"])]

    def __str__(self) -> str:
        return self.name
