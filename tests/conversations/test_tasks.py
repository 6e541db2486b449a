"""Timed work with a real job worker process: snooze wake-ups run on time,
survive a worker that was not running, and run once with several workers."""

import time
from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from django.db import transaction
from django.utils import timezone

from conversations import services
from conversations.models import Conversation, Message
from conversations.tasks import wake_snoozed_conversation
from tests import factories
from tests.servers import job_worker

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]


def wait_until(condition, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def reopened(conversation: Conversation) -> bool:
    conversation.refresh_from_db()
    return conversation.status == Conversation.Status.OPEN


def test_snoozed_conversation_reopens_on_time(conversation, contact_session):
    """A conversation snoozed for two seconds reopens once they have passed,
    not before, with the worker started after the snooze (the job waited in
    the database). Another, snoozed again to a later time, is not woken by
    its earlier job."""
    until = timezone.now() + timedelta(seconds=2)
    services.change_status(
        conversation=conversation, status="snoozed", snoozed_until=until
    )
    other = factories.ConversationFactory(contact_inbox=contact_session)
    services.change_status(
        conversation=other,
        status="snoozed",
        snoozed_until=timezone.now() + timedelta(seconds=0.5),
    )
    later = timezone.now() + timedelta(hours=1)
    services.change_status(conversation=other, status="snoozed", snoozed_until=later)
    with job_worker():
        wait_until(lambda: reopened(conversation))
        wait_until(lambda: DBTaskResult.objects.successful().count() == 2)
    assert conversation.snoozed_until is None
    [reopening] = conversation.messages.filter(
        message_type=Message.MessageType.ACTIVITY,
        content="Conversation was reopened",
    )
    # On time: not before, and within the worker's polling and start-up.
    assert until <= reopening.created_at < until + timedelta(seconds=10)
    other.refresh_from_db()
    assert other.status == Conversation.Status.SNOOZED
    assert other.snoozed_until == later


def test_each_job_runs_once_with_two_workers(contact_session):
    """Two worker processes polling when 24 wake-ups fall due at once: every
    job is claimed by exactly one worker, and each conversation reopens once.
    Which worker wins each claim is up to the race, so batches are enqueued
    until both workers have taken part (one worker may drain a whole batch)."""
    conversations: list[Conversation] = []
    # Only the wake-ups: the changes also queue other apps' jobs.
    wake_ups = DBTaskResult.objects.filter(
        task_path=wake_snoozed_conversation.module_path
    )
    with job_worker() as first, job_worker() as second:
        first.wait_started()
        second.wait_started()
        for _ in range(5):
            batch = [
                factories.ConversationFactory(contact_inbox=contact_session)
                for _ in range(24)
            ]
            conversations += batch
            Conversation.objects.filter(pk__in=[c.pk for c in batch]).update(
                status="snoozed", snoozed_until=timezone.now() - timedelta(seconds=1)
            )
            with transaction.atomic():
                for conversation in batch:
                    wake_snoozed_conversation.enqueue(conversation_id=conversation.pk)
            expected = len(conversations)
            wait_until(
                lambda expected=expected: wake_ups.successful().count() == expected,
                30,
            )
            workers = {r.worker_ids[0] for r in wake_ups}
            if len(workers) == 2:
                break
    results = list(wake_ups)
    assert len(results) == len(conversations)
    assert all(len(result.worker_ids) == 1 for result in results)
    assert len({result.worker_ids[0] for result in results}) == 2
    for conversation in conversations:
        assert (
            conversation.messages.filter(content="Conversation was reopened").count()
            == 1
        )
