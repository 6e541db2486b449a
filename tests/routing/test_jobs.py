"""Routing's timed work through real processes: a job worker runs the
reassignment, queue timeout and auto-offline jobs from the database (jobs
written before the worker started, as after a restart), and each job acts
once with two workers claiming them."""

import asyncio
import time

import pytest
from django_tasks_db.models import DBTaskResult

from django.utils import timezone

from accounts.models import AccountUser
from routing.tasks import reassign_unanswered_conversation
from tests.realtime.cable import agent_identifier
from tests.realtime.sockets import Client
from tests.routing.conftest import membership
from tests.servers import job_worker, onechat_server

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]


def wait_until(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def configure(inbox, **config) -> None:
    inbox.auto_assignment_config = config
    inbox.save()


def routing_jobs():
    """Routing's jobs (the changes enqueue others too, notifications')."""
    return DBTaskResult.objects.filter(task_path__startswith="routing.tasks.")


def fall_due(task: str) -> None:
    """Move the routing jobs called ``task`` to now, as if their minutes had
    passed while they waited in the database."""
    DBTaskResult.objects.filter(task_path=f"routing.tasks.{task}").update(
        run_after=timezone.now()
    )


def test_worker_reassigns_an_unanswered_conversation_once(
    inbox, agent, second_agent, visit
):
    """The reassignment job scheduled at assignment moves the conversation
    to the other agent once it falls due; the activity line is written once."""
    configure(inbox, reassign_after_minutes=1)
    AccountUser.objects.filter(user=second_agent).update(availability="busy")
    conversation = visit()
    assert conversation.assignee == agent
    AccountUser.objects.filter(user=second_agent).update(availability="online")
    fall_due("reassign_unanswered_conversation")

    def reassigned() -> bool:
        conversation.refresh_from_db()
        return conversation.assignee_id == second_agent.pk

    with job_worker():
        wait_until(reassigned)
        wait_until(lambda: routing_jobs().successful().count() == 1)
    assert conversation.messages.filter(content__contains="did not reply").count() == 1


def test_worker_tells_a_visitor_queued_past_the_timeout(account, inbox, agent, visit):
    """The queue timeout job sends the message once; the visitor keeps waiting."""
    account.auto_assignment_limit = 1
    account.save()
    configure(inbox, queue_timeout_minutes=1, queue_timeout_message="Still busy")
    visit()
    waiting = visit()
    fall_due("tell_long_wait")
    with job_worker():
        wait_until(lambda: waiting.messages.filter(content="Still busy").exists())
        wait_until(lambda: routing_jobs().successful().count() == 1)
    waiting.refresh_from_db()
    assert waiting.assignee is None
    assert waiting.waiting_since is not None


def test_agent_who_closes_the_dashboard_goes_offline_unless_back_in_time(
    account, agent
):
    """A daphne process and a worker: an agent who closes the dashboard and
    reconnects before the check stays online; once they close it for good,
    the worker sets them offline."""

    def jobs_done(count: int) -> bool:
        return (
            DBTaskResult.objects.filter(task_path="routing.tasks.take_agent_offline")
            .successful()
            .count()
            == count
        )

    def scheduled(count: int) -> bool:
        return (
            DBTaskResult.objects.filter(
                task_path="routing.tasks.take_agent_offline"
            ).count()
            == count
        )

    def availability() -> str:
        return membership(agent, account).availability

    async def open_dashboard(server) -> Client:
        client = await Client.connect(server.cable_url)
        confirm = await client.subscribe(agent_identifier(agent, account.pk))
        assert confirm["type"] == "confirm_subscription"
        return client

    async def scenario(server) -> None:
        first = await open_dashboard(server)
        await first.close()
        await asyncio.to_thread(wait_until, lambda: scheduled(1))
        second = await open_dashboard(server)
        await asyncio.to_thread(wait_until, lambda: jobs_done(1))
        assert await asyncio.to_thread(availability) == "online"
        await second.close()
        await asyncio.to_thread(wait_until, lambda: jobs_done(2))
        assert await asyncio.to_thread(availability) == "offline"

    with (
        onechat_server(env={"AUTO_OFFLINE_SECONDS": "4"}) as server,
        job_worker(),
    ):
        asyncio.run(scenario(server))


def test_each_reassignment_runs_once_with_two_workers(
    inbox, agent, second_agent, visit
):
    """Two workers, twelve conversations each with two due checks (the one
    scheduled at assignment and a duplicate): every check is claimed by one
    worker and every conversation moves once, with one activity line. (Which
    worker wins each claim is the race's: tests/conversations/test_tasks.py
    shows both taking part.)"""
    configure(inbox, reassign_after_minutes=1)
    AccountUser.objects.filter(user=second_agent).update(availability="busy")
    conversations = [visit() for _ in range(12)]
    assert {conversation.assignee for conversation in conversations} == {agent}
    for conversation in conversations:
        job = routing_jobs().get(args_kwargs__kwargs__conversation_id=conversation.pk)
        reassign_unanswered_conversation.enqueue(**job.args_kwargs["kwargs"])
    AccountUser.objects.filter(user=second_agent).update(availability="online")
    fall_due("reassign_unanswered_conversation")
    with job_worker() as first, job_worker() as second:
        first.wait_started()
        second.wait_started()
        wait_until(lambda: routing_jobs().successful().count() == 24, 60)
    results = list(routing_jobs().successful())
    assert all(len(result.worker_ids) == 1 for result in results)
    # The new assignee's own checks wait for their time.
    assert {
        result.args_kwargs["kwargs"]["assignee_id"]
        for result in routing_jobs().filter(status="READY")
    } == {second_agent.pk}
    for conversation in conversations:
        conversation.refresh_from_db()
        assert conversation.assignee == second_agent
        assert (
            conversation.messages.filter(content__contains="did not reply").count() == 1
        )
