"""Audit log jobs, run by the job worker (``manage.py db_worker``).

While entries are written, the trimming job is queued at most once per
``AUDIT_TRIM_INTERVAL_SECONDS``, as the webhooks' sweep is."""

from datetime import timedelta

from django_tasks import task

from django.conf import settings
from django.utils import timezone

from audit.models import AuditLog
from common.cache import first_claim

TRIM_KEY = "audit:trim-queued"


@task()
def trim_log() -> None:
    """Delete the entries older than ``AUDIT_LOG_DAYS`` days."""
    before = timezone.now() - timedelta(days=settings.ONECHAT_AUDIT_LOG_DAYS)
    AuditLog.objects.filter(created_at__lt=before).delete()


def trim_soon() -> None:
    """Queue ``trim_log`` unless it was queued within the interval."""
    interval = settings.ONECHAT_AUDIT_TRIM_INTERVAL_SECONDS
    if first_claim(TRIM_KEY, seconds=interval):
        trim_log.using(run_after=timezone.now() + timedelta(seconds=interval)).enqueue()
