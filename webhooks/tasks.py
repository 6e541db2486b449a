"""Webhook jobs, run by the job worker (``manage.py db_worker``)."""

from datetime import timedelta

from django_tasks import task

from django.conf import settings
from django.utils import timezone

from webhooks import engine
from webhooks.models import WebhookDelivery


@task()
def deliver(*, delivery_id: int) -> None:
    """Send one delivery, in its queue's order (see ``engine.deliver``)."""
    engine.deliver(delivery_id)


@task()
def deliver_each(*, delivery_ids: list[int]) -> None:
    """Give each delivery of one event its own job, so a slow receiver
    delays no other."""
    for delivery_id in delivery_ids:
        deliver.enqueue(delivery_id=delivery_id)


@task()
def send_due() -> None:
    """Send every open delivery that is due: the recovery path after a crash
    or a stopped worker (see ``engine.send_due``)."""
    engine.send_due()


@task()
def trim_log() -> None:
    """Delete finished deliveries older than ``WEBHOOK_LOG_DAYS`` days."""
    before = timezone.now() - timedelta(days=settings.ONECHAT_WEBHOOK_LOG_DAYS)
    WebhookDelivery.objects.filter(
        status__in=[WebhookDelivery.Status.DELIVERED, WebhookDelivery.Status.FAILED],
        created_at__lt=before,
    ).delete()
