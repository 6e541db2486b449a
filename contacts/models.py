"""Contacts (the account's customers) and their sessions in inboxes."""

import uuid

from django.db import models
from django.db.models import Q

from accounts.models import Account, Inbox
from common.tokens import new_token


class Contact(models.Model):
    """A customer of the account, known by email, phone or the site's own identifier."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=255, blank=True)
    email = models.EmailField(null=True, blank=True)
    phone_number = models.CharField(max_length=32, null=True, blank=True)
    # The customer's own user id, as their website knows it (HMAC-signed).
    identifier = models.CharField(max_length=255, null=True, blank=True)
    # Set when a visitor claimed the identifier without its HMAC: a verified
    # identification never joins such a contact, it takes the identifier away.
    identifier_unverified = models.BooleanField(default=False)
    additional_attributes = models.JSONField(default=dict, blank=True)
    custom_attributes = models.JSONField(default=dict, blank=True)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    # When the contact's personal data was erased (on request or by the
    # account's retention); the contact stays so its messages keep a sender.
    erased_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "email"],
                condition=Q(email__isnull=False),
                name="unique_contact_email",
            ),
            models.UniqueConstraint(
                fields=["account", "identifier"],
                condition=Q(identifier__isnull=False),
                name="unique_contact_identifier",
            ),
        ]
        indexes = [models.Index(fields=["account", "last_activity_at"])]

    def __str__(self) -> str:
        return self.name or self.email or f"Contact {self.pk}"

    def save(self, *args, **kwargs) -> None:
        # Empty strings would collide in the uniqueness constraints; store NULL.
        self.email = self.email.lower() if self.email else None
        self.identifier = self.identifier or None
        self.phone_number = self.phone_number or None
        super().save(*args, **kwargs)


class ContactInbox(models.Model):
    """A contact's session in one inbox: the widget visitor's or API client's handle."""

    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="contact_inboxes"
    )
    inbox = models.ForeignKey(
        Inbox, on_delete=models.CASCADE, related_name="contact_inboxes"
    )
    # Public session id of the client API (the reference's `source_id`).
    source_id = models.CharField(max_length=255, default=uuid.uuid4)
    # Bearer capability for the contact's /cable subscription.
    pubsub_token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False
    )
    hmac_verified = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "contact session"
        constraints = [
            models.UniqueConstraint(
                fields=["inbox", "source_id"], name="unique_contact_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contact} in {self.inbox}"
