"""Sending the outbox to a real receiver on 127.0.0.1: signed as Chatwoot
signs, once per delivery id, in order per conversation, retried on 5xx,
timeouts and refused connections, failed at once on other 4xx, a webhook
failing for long disabled with an email to its administrators; refused at
delivery time when the address is not allowed."""

from datetime import timedelta

import pytest

from django.core import mail
from django.utils import timezone

from conversations import services
from conversations.models import Message
from tests.webhooks.conftest import jobs, run_jobs
from webhooks import outbox, tasks
from webhooks.models import OutboxEvent, Webhook, WebhookDelivery
from webhooks.services import (
    create_webhook,
    delete_webhook,
    deliver_to_url,
    resend_delivery,
)

pytestmark = pytest.mark.django_db


def incoming(conversation, content) -> Message:
    return services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        content=content,
        sender=conversation.contact,
    )


def test_a_delivery_arrives_signed_with_its_delivery_id(
    webhook, conversation, receiver
):
    incoming(conversation, "Hi")
    run_jobs()
    row = WebhookDelivery.objects.get()
    [request] = receiver.received
    assert request.delivery_id == str(row.delivery_id)
    assert request.signed_by(webhook.secret)
    assert not request.signed_by("another secret")
    assert request.headers["Content-Type"] == "application/json"
    assert request.json["content"] == "Hi"
    assert row.status == "delivered" and row.attempts == 1
    assert row.response_status == 200 and row.response_ms is not None
    assert row.sent_at is not None
    # The worker queued its recovery sweep, for later.
    assert [job.task_path for job in jobs()] == ["webhooks.tasks.send_due"]


def test_5xx_and_timeouts_are_retried_in_order(webhook, conversation, receiver):
    """The first message fails twice (a 500, then a stall past the timeout);
    the second waits for it, then both arrive once each, in order."""
    answers = iter([500, 0])
    receiver.stall_seconds = 0.5
    receiver.answer = lambda request: next(answers, 200)
    first = incoming(conversation, "first")
    incoming(conversation, "second")
    run_jobs()
    contents = [request.json["content"] for request in receiver.received]
    assert contents == ["first", "first", "first", "second"]
    rows = WebhookDelivery.objects.order_by("outbox_event_id")
    assert [(row.status, row.attempts) for row in rows] == [
        ("delivered", 3),
        ("delivered", 1),
    ]
    assert len(set(receiver.ids())) == 2
    assert rows[0].outbox_event.payload["id"] == first.pk
    webhook.refresh_from_db()
    assert webhook.consecutive_failures == 0 and webhook.failing_since is None


def test_a_4xx_fails_at_once_and_does_not_block_the_next(
    webhook, conversation, receiver
):
    answers = iter([404])
    receiver.answer = lambda request: next(answers, 200)
    incoming(conversation, "lost")
    incoming(conversation, "kept")
    run_jobs()
    rows = WebhookDelivery.objects.order_by("outbox_event_id")
    assert [(row.status, row.attempts, row.last_error) for row in rows] == [
        ("failed", 1, "HTTP 404"),
        ("delivered", 1, ""),
    ]


def test_a_429_is_retried(webhook, conversation, receiver):
    answers = iter([429])
    receiver.answer = lambda request: next(answers, 200)
    incoming(conversation, "busy")
    run_jobs()
    assert WebhookDelivery.objects.get().attempts == 2


def test_a_day_of_failures_disables_the_webhook_and_tells_administrators(
    webhook, conversation, receiver, administrator, agent, settings
):
    settings.ONECHAT_WEBHOOK_RETRY_SECONDS = 0.2
    settings.ONECHAT_WEBHOOK_DISABLE_AFTER_SECONDS = 0.02
    receiver.answer = lambda request: 503
    incoming(conversation, "nobody home")
    run_jobs()
    webhook.refresh_from_db()
    row = WebhookDelivery.objects.get()
    assert row.status == "failed" and row.attempts >= 1
    assert not webhook.enabled
    assert "HTTP 503" in webhook.disabled_reason
    [notice] = mail.outbox
    assert notice.to == [administrator.email]
    assert webhook.url in notice.body
    incoming(conversation, "after")
    assert WebhookDelivery.objects.count() == 1


def test_an_address_not_allowed_is_refused_when_sending(
    webhook, conversation, receiver, settings
):
    """Allowed at creation, refused when sent: the check runs again on the
    resolved address."""
    settings.ONECHAT_WEBHOOK_ALLOWED_NETWORKS = []
    incoming(conversation, "Hi")
    run_jobs()
    row = WebhookDelivery.objects.get()
    assert row.status == "failed"
    assert "not a public address" in row.last_error
    assert not receiver.received


def test_a_held_row_waits_and_a_lapsed_hold_is_taken_over(
    webhook, conversation, receiver
):
    """A worker that died sending the first row holds it; the second row's
    job does not overtake it, and sends both once the hold lapsed."""
    incoming(conversation, "first")
    incoming(conversation, "second")
    for job in jobs():
        job.delete()
    for outbox_event in OutboxEvent.objects.order_by("id"):
        outbox.expand(outbox_event.pk)
    first, second = WebhookDelivery.objects.order_by("id")
    WebhookDelivery.objects.filter(pk=first.pk).update(
        claimed_until=timezone.now() + timedelta(seconds=60)
    )
    for job in jobs():
        job.delete()
    tasks.deliver.call(delivery_id=second.pk)
    assert not receiver.received
    WebhookDelivery.objects.filter(pk=first.pk).update(
        claimed_until=timezone.now() - timedelta(seconds=1)
    )
    for job in jobs():
        job.delete()
    tasks.send_due.call()
    assert [request.json["content"] for request in receiver.received] == [
        "first",
        "second",
    ]


def test_resend_sends_again_with_a_new_delivery_id(webhook, conversation, receiver):
    incoming(conversation, "again")
    run_jobs()
    resent = resend_delivery(delivery=WebhookDelivery.objects.get())
    run_jobs()
    assert len(receiver.received) == 2
    assert receiver.received[1].delivery_id == str(resent.delivery_id)
    assert receiver.received[0].body == receiver.received[1].body


def test_deliver_to_url_sends_unsigned_to_the_url(account, conversation, receiver):
    deliver_to_url(
        account_id=account.pk,
        url=receiver.url,
        event="automation",
        payload={"id": 1},
        conversation_id=conversation.pk,
    )
    run_jobs()
    [request] = receiver.received
    assert request.json == {"id": 1, "event": "automation"}
    assert "X-Chatwoot-Signature" not in request.headers
    assert WebhookDelivery.objects.get().status == "delivered"


def test_the_log_keeps_recent_and_open_rows(webhook, conversation, receiver):
    incoming(conversation, "old")
    incoming(conversation, "open")
    run_jobs()
    _old, kept = WebhookDelivery.objects.order_by("id")
    WebhookDelivery.objects.filter(pk=kept.pk).update(status="retrying")
    WebhookDelivery.objects.update(created_at=timezone.now() - timedelta(days=30))
    tasks.trim_log.call()
    assert list(WebhookDelivery.objects.values_list("pk", flat=True)) == [kept.pk]
    assert Webhook.objects.filter(pk=webhook.pk).exists()


def test_one_job_per_event_and_one_body_for_its_receivers(
    account, webhook, conversation, receiver
):
    create_webhook(account=account, url=receiver.url, subscriptions=["message_created"])
    incoming(conversation, "to both")
    assert [job.task_path for job in jobs()] == ["webhooks.tasks.expand"]
    assert OutboxEvent.objects.get().payload == {}
    run_jobs()
    first, second = receiver.received
    assert first.body == second.body and first.delivery_id != second.delivery_id
    assert WebhookDelivery.objects.filter(status="delivered").count() == 2
    assert OutboxEvent.objects.get().source is None


def test_a_subject_deleted_before_sending_fails_the_delivery(
    webhook, conversation, receiver
):
    message = incoming(conversation, "gone soon")
    Message.objects.filter(pk=message.pk).delete()
    run_jobs()
    row = WebhookDelivery.objects.get(event="message_created")
    assert row.status == "failed" and "deleted" in row.last_error
    assert not receiver.received


def test_a_later_delivery_expands_the_events_before_it_first(
    webhook, conversation, receiver
):
    """The first event's expansion job was lost (a crashed worker): the
    second event's delivery expands and sends it first."""
    incoming(conversation, "first")
    incoming(conversation, "second")
    first_event, second_event = OutboxEvent.objects.order_by("id")
    for job in jobs():
        job.delete()
    [later] = outbox.expand(second_event.pk)
    tasks.deliver.call(delivery_id=later)
    assert [request.json["content"] for request in receiver.received] == [
        "first",
        "second",
    ]
    first_event.refresh_from_db()
    assert first_event.expanded


def test_a_webhook_deleted_before_its_events_expand_gets_none(
    webhook, conversation, receiver
):
    incoming(conversation, "too late")
    delete_webhook(webhook=webhook)
    run_jobs()
    assert OutboxEvent.objects.get().expanded
    assert not WebhookDelivery.objects.exists()
    assert not receiver.received
