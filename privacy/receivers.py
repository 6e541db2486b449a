"""Saving an account with a retention setting makes sure the daily sweep
is queued."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import Account
from privacy.tasks import sweep_soon


@receiver(post_save, sender=Account, dispatch_uid="privacy.retention")
def queue_retention_sweep(sender, instance: Account, **kwargs) -> None:
    if (
        instance.contact_retention_days is not None
        or instance.attachment_retention_days is not None
    ):
        transaction.on_commit(sweep_soon)
