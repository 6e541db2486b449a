"""Retention jobs, run by the job worker (``manage.py db_worker``).

The daily sweep queues its next run itself; saving an account with a
retention setting queues one when none is waiting (see ``sweep_soon``)."""

from datetime import timedelta

from django_tasks import task

from django.db.models import Q
from django.utils import timezone

from accounts.models import Account
from common.cache import first_claim
from privacy import services

SWEEP_KEY = "privacy:retention-sweep-queued"
SWEEP_EVERY = timedelta(days=1)


@task()
def sweep_retention() -> None:
    """Erase inactive contacts and delete old attachments of every account
    with a retention setting, a batch per transaction, and queue tomorrow's
    sweep."""
    now = timezone.now()
    accounts = Account.objects.filter(
        Q(contact_retention_days__isnull=False)
        | Q(attachment_retention_days__isnull=False)
    )
    for account in accounts.iterator():
        for step in (services.erase_inactive_contacts, services.delete_old_attachments):
            # A full batch may leave more behind; a short one was the last.
            done = services.BATCH_SIZE
            while done == services.BATCH_SIZE:
                done = step(account=account, now=now)
    if accounts.exists():
        sweep_soon(force=True)


def sweep_soon(*, force: bool = False) -> None:
    """Queue the sweep for a day from now, unless one is already waiting."""
    if first_claim(SWEEP_KEY, seconds=SWEEP_EVERY.total_seconds()) or force:
        sweep_retention.using(run_after=timezone.now() + SWEEP_EVERY).enqueue()
