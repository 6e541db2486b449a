"""Webhook jobs, run by the job worker (``manage.py db_worker``).

While deliveries flow, each worker queues the recovery sweep (``send_due``)
once per hold period: rows a crashed worker held are sent even when their
conversation stays quiet, and the sweep trims the delivery log."""

from datetime import timedelta

from django_tasks import task

from django.conf import settings
from django.utils import timezone

from common.cache import first_claim
from webhooks import engine, outbox
from webhooks.models import OutboxEvent, WebhookDelivery

SWEEP_KEY = "webhooks:sweep-queued"


@task()
def deliver(*, delivery_id: int) -> None:
    """Send one delivery, in its queue's order (see ``engine.deliver``)."""
    engine.deliver(delivery_id)
    _sweep_soon()


@task()
def expand(*, event_id: int) -> None:
    """Write an outbox event's deliveries and enqueue them (see
    ``outbox.expand``)."""
    outbox.expand(event_id)
    _sweep_soon()


@task()
def send_due() -> None:
    """Send every open delivery that is due, and trim the log: the recovery
    path after a crash or a stopped worker (see ``engine.send_due``)."""
    engine.send_due()
    trim()


@task()
def trim_log() -> None:
    """Trim the delivery log (see ``trim``)."""
    trim()


def trim() -> None:
    """Delete finished deliveries older than ``WEBHOOK_LOG_DAYS`` days, and
    the events left with none."""
    before = timezone.now() - timedelta(days=settings.ONECHAT_WEBHOOK_LOG_DAYS)
    WebhookDelivery.objects.filter(
        status__in=[WebhookDelivery.Status.DELIVERED, WebhookDelivery.Status.FAILED],
        created_at__lt=before,
    ).delete()
    OutboxEvent.objects.filter(
        expanded=True, created_at__lt=before, deliveries__isnull=True
    ).delete()


def _sweep_soon() -> None:
    hold = settings.ONECHAT_WEBHOOK_CLAIM_SECONDS
    if first_claim(SWEEP_KEY, seconds=hold):
        run_after = timezone.now() + timedelta(seconds=hold * 1.5)
        send_due.using(run_after=run_after).enqueue()
