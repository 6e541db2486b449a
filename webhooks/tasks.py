"""Webhook jobs, run by the job worker (``manage.py db_worker``)."""

from datetime import timedelta

from django_tasks import task

from django.conf import settings
from django.utils import timezone

from webhooks import engine, outbox
from webhooks.models import OutboxEvent, WebhookDelivery


@task()
def deliver(*, delivery_id: int) -> None:
    """Send one delivery, in its queue's order (see ``engine.deliver``)."""
    engine.deliver(delivery_id)


@task()
def expand(*, event_id: int) -> None:
    """Write an outbox event's deliveries and enqueue them (see
    ``outbox.expand``)."""
    outbox.expand(event_id)


@task()
def send_due() -> None:
    """Send every open delivery that is due: the recovery path after a crash
    or a stopped worker (see ``engine.send_due``)."""
    engine.send_due()


@task()
def trim_log() -> None:
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
