"""The audit log: who changed what in an account's settings, who signed in,
which messages were edited or deleted (Chatwoot's ``audits`` shape)."""

from django.conf import settings
from django.db import models

from accounts.models import Account


class AuditLog(models.Model):
    """One thing done in an account: its subject (``auditable``), who did it
    (``user``, None for OneChat itself or a person since removed, whose
    ``username`` stays), and what changed (``audited_changes``: ``{field:
    [old, new]}``, secrets masked)."""

    class Action(models.TextChoices):
        CREATE = "create"
        UPDATE = "update"
        DESTROY = "destroy"
        SIGN_IN = "sign_in"
        SIGN_OUT = "sign_out"
        SIGN_IN_FAILED = "sign_in_failed"
        EXPORT = "export"
        ERASE = "erase"

    # Chatwoot's ``associated``: always the account.
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    auditable_type = models.CharField(max_length=64)
    auditable_id = models.BigIntegerField(null=True)
    # What the subject was called when this was recorded ("Website").
    auditable_name = models.CharField(max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    username = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    audited_changes = models.JSONField(default=dict, blank=True)
    remote_address = models.CharField(max_length=64, blank=True)
    request_uuid = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["account", "-created_at"]),
            models.Index(fields=["account", "action", "-created_at"]),
            models.Index(fields=["account", "auditable_type", "-created_at"]),
            models.Index(fields=["account", "user", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.auditable_type} {self.auditable_id}"
