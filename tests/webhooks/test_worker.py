"""A burst of messages sent by a real job worker process that is killed in
the middle and started again: every delivery reaches the receiver on
127.0.0.1, once by its delivery id, in order per conversation, signed,
through a 500 and a timeout."""

import threading
import time
from collections.abc import Callable
from datetime import timedelta

import pytest

from django.utils import timezone

from conversations import services
from conversations.models import Message
from tests import factories
from tests.servers import job_worker
from tests.webhooks.conftest import Received
from webhooks import tasks
from webhooks.models import OutboxEvent, WebhookDelivery

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]

WORKER_ENV = {
    "WEBHOOK_ALLOWED_NETWORKS": "127.0.0.1/32",
    "WEBHOOK_TIMEOUT_SECONDS": "0.3",
    "WEBHOOK_BACKOFF_BASE_SECONDS": "0.02",
    "WEBHOOK_BACKOFF_MAX_SECONDS": "0.1",
    "WEBHOOK_CLAIM_SECONDS": "1",
}
MESSAGES = 16


def wait_until(check: Callable[[], bool], what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_a_killed_worker_loses_nothing_and_sends_nothing_twice_or_out_of_order(
    account, inbox, conversation, receiver, webhook
):
    second = factories.ConversationFactory(
        contact_inbox=factories.ContactInboxFactory(
            contact=factories.ContactFactory(account=account), inbox=inbox
        )
    )
    answered: set[str] = set()
    lock = threading.Lock()

    def answer(request: Received) -> int:
        time.sleep(0.03)  # a receiver slow enough to kill the worker mid-burst
        with lock:
            count = len(receiver.received)
            first_time = request.delivery_id not in answered
            answered.add(request.delivery_id)
        if count == 3 and first_time:
            return 500
        if count == 6 and first_time:
            return 0  # stalls past the timeout
        return 200

    receiver.stall_seconds = 0.6
    receiver.answer = answer
    for number in range(MESSAGES):
        services.create_message(
            conversation=(conversation, second)[number % 2],
            message_type=Message.MessageType.INCOMING,
            content=f"message {number}",
            sender=(conversation, second)[number % 2].contact,
        )
    assert OutboxEvent.objects.filter(expanded=False).count() == MESSAGES

    with job_worker(env=WORKER_ENV) as first:
        wait_until(lambda: len(receiver.received) >= 7, "the first worker sends")
        first.process.kill()
        first.process.wait()
    sent_before = len({*receiver.ids()})
    assert sent_before < MESSAGES, "the worker was killed after the burst"

    # The recovery path: what is due once a crashed job's hold lapsed.
    tasks.send_due.using(run_after=timezone.now() + timedelta(seconds=1.2)).enqueue()
    with job_worker(env=WORKER_ENV):
        wait_until(
            lambda: (
                not WebhookDelivery.objects.filter(
                    status__in=WebhookDelivery.OPEN
                ).exists()
            ),
            "every delivery is sent after the restart",
        )

    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {
        "delivered"
    }
    rows = list(WebhookDelivery.objects.order_by("outbox_event_id"))
    assert len(rows) == MESSAGES
    expected = {str(row.delivery_id): row for row in rows}
    received = receiver.received
    assert {request.delivery_id for request in received} == set(expected)
    assert all(request.signed_by(webhook.secret) for request in received)
    # Repeats are the 500, the timeout and at most the row the kill cut short.
    first_arrivals: dict[str, Received] = {}
    for request in received:
        first_arrivals.setdefault(request.delivery_id, request)
    assert len(received) - len(first_arrivals) <= 3
    for conversation_id in (conversation.pk, second.pk):
        order = [
            expected[delivery_id].outbox_event_id
            for delivery_id in first_arrivals
            if expected[delivery_id].conversation_id == conversation_id
        ]
        assert order == sorted(order), "sent out of order"
        contents = [
            first_arrivals[str(row.delivery_id)].json["content"]
            for row in rows
            if row.conversation_id == conversation_id
        ]
        assert len(contents) == MESSAGES // 2
        numbers = [int(content.split()[1]) for content in contents]
        assert numbers == sorted(numbers)
