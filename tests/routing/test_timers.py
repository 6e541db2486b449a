"""Routing's timed work through its services: reassigning a conversation its
agent left unanswered, telling a visitor queued too long, auto-offline. The
jobs themselves run through a real worker in ``test_jobs.py``."""

from datetime import datetime, timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from django.utils import timezone

from accounts.models import AccountUser
from conversations import services
from conversations.models import Message
from realtime.streams import account_stream
from routing import selectors, timers
from tests.routing.conftest import membership

pytestmark = pytest.mark.django_db


def configure(inbox, **config) -> None:
    inbox.auto_assignment_config = config
    inbox.save()


def jobs(task: str) -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(task_path=f"routing.tasks.{task}").order_by("id")
    )


def run_reassignment(job: DBTaskResult):
    """Run a reassignment job's function as the worker would, now."""
    kwargs = job.args_kwargs["kwargs"]
    return timers.reassign_unanswered(
        conversation_id=kwargs["conversation_id"],
        assignee_id=kwargs["assignee_id"],
        since=datetime.fromisoformat(kwargs["since"]),
    )


### Reassignment


def test_assignment_schedules_the_check_and_only_the_first_unanswered_message(
    inbox, agent, visit, reply, routed
):
    """Assigning schedules a check reassign_after_minutes later; after the
    agent's reply, the visitor's next message schedules one, the message
    after it none. Nothing is scheduled in an inbox that does not reassign."""
    visit()
    assert jobs("reassign_unanswered_conversation") == []
    configure(inbox, reassign_after_minutes=5)
    before = timezone.now()
    conversation = visit()
    assert conversation.assignee == agent
    [job] = jobs("reassign_unanswered_conversation")
    assert job.args_kwargs["kwargs"]["assignee_id"] == agent.pk
    assert before + timedelta(minutes=5) <= job.run_after
    assert job.run_after <= timezone.now() + timedelta(minutes=5)
    reply(conversation, agent)
    session = conversation.contact_inbox
    routed(services.create_contact_message, contact_inbox=session, content="more?")
    routed(services.create_contact_message, contact_inbox=session, content="hello?")
    assert len(jobs("reassign_unanswered_conversation")) == 2


def test_unanswered_conversation_moves_to_another_agent(
    capture_events, inbox, agent, second_agent, visit, account
):
    """With no reply, the conversation goes to the other online agent with
    room, with an activity line saying why; run again, nothing moves."""
    configure(inbox, reassign_after_minutes=5)
    AccountUser.objects.filter(user=second_agent).update(availability="busy")
    conversation = visit()
    assert conversation.assignee == agent
    AccountUser.objects.filter(user=second_agent).update(availability="online")
    [job] = jobs("reassign_unanswered_conversation")
    with capture_events() as events:
        moved = run_reassignment(job)
    assert moved.assignee == second_agent
    assert events.one("assignee.changed").data["meta"]["assignee"]["id"] == (
        second_agent.pk
    )
    lines = [event.data["content"] for event in events.named("message.created")]
    assert lines == [
        f"{agent.available_name} did not reply within 5 min",
        f"{second_agent.available_name} joined the conversation",
        f"Assigned to {second_agent.available_name}",
    ]
    assert events.named("message.created")[0].data["content_attributes"] == {
        "i18n": {
            "kind": "assignee.no_reply",
            "params": {"name": agent.available_name, "minutes": 5},
        }
    }
    assert run_reassignment(job) is None
    conversation.refresh_from_db()
    assert conversation.assignee == second_agent


def test_a_reply_or_a_closed_conversation_makes_the_check_a_no_op(
    inbox, agent, second_agent, visit, reply, routed
):
    """The agent replied: nothing moves. Resolved: nothing moves. Turned
    off in the inbox: nothing moves."""
    configure(inbox, reassign_after_minutes=5)
    AccountUser.objects.filter(user=second_agent).update(availability="busy")
    answered, resolved, switched_off = visit(), visit(), visit()
    AccountUser.objects.filter(user=second_agent).update(availability="online")
    checks = {
        job.args_kwargs["kwargs"]["conversation_id"]: job
        for job in jobs("reassign_unanswered_conversation")
    }
    reply(answered, agent)
    routed(services.change_status, conversation=resolved, status="resolved")
    assert run_reassignment(checks[answered.pk]) is None
    assert run_reassignment(checks[resolved.pk]) is None
    configure(inbox, reassign_after_minutes=None)
    assert run_reassignment(checks[switched_off.pk]) is None
    for conversation in (answered, switched_off):
        conversation.refresh_from_db()
        assert conversation.assignee == agent


def test_offline_assignee_gives_the_conversation_back_to_the_queue(
    capture_events, inbox, agent, visit, account
):
    """Nobody else with room and the assignee gone offline: the conversation
    waits again, keeping the visitor's wait, and that visitor hears its place."""
    configure(inbox, reassign_after_minutes=5)
    conversation = visit()
    first_message = conversation.messages.get(message_type=Message.MessageType.INCOMING)
    AccountUser.objects.filter(user=agent).update(availability="offline")
    [job] = jobs("reassign_unanswered_conversation")
    with capture_events() as events:
        moved = run_reassignment(job)
    assert moved.assignee is None
    assert moved.waiting_since == first_message.created_at
    assert selectors.queue_position(moved) == 1
    assert events.one("conversation.queued").data["id"] == conversation.display_id
    assert events.one("conversation.queue_position").data["position"] == 1


def test_online_assignee_with_nobody_else_free_keeps_it_and_is_checked_again(
    inbox, agent, visit
):
    """Nobody else has room but the assignee is online: it stays with them,
    and another check is scheduled."""
    configure(inbox, reassign_after_minutes=5)
    conversation = visit()
    [job] = jobs("reassign_unanswered_conversation")
    assert run_reassignment(job) is None
    conversation.refresh_from_db()
    assert conversation.assignee == agent
    assert len(jobs("reassign_unanswered_conversation")) == 2


### Queue timeout


def test_queue_timeout_tells_the_visitor_once_and_keeps_its_place(
    capture_events, account, inbox, agent, visit
):
    """A visitor still queued after queue_timeout_minutes gets the inbox's
    message once; the conversation stays queued, at its place. A visitor
    served before the timeout gets nothing."""
    account.auto_assignment_limit = 1
    account.save()
    configure(
        inbox, queue_timeout_minutes=10, queue_timeout_message="<b>Still busy</b>"
    )
    visit()
    waiting = visit()
    [job] = jobs("tell_long_wait")
    assert job.run_after == waiting.waiting_since + timedelta(minutes=10)
    kwargs = job.args_kwargs["kwargs"]
    since = datetime.fromisoformat(kwargs["waiting_since"])
    with capture_events() as events:
        told = timers.tell_long_wait(conversation_id=waiting.pk, waiting_since=since)
    assert told.content == "<b>Still busy</b>"
    assert told.message_type == Message.MessageType.TEMPLATE
    assert waiting.contact_inbox.pubsub_token in events.streams("message.created")
    assert (
        timers.tell_long_wait(conversation_id=waiting.pk, waiting_since=since) is None
    )
    waiting.refresh_from_db()
    assert waiting.assignee is None
    assert selectors.queue_position(waiting) == 1


def test_queue_timeout_falls_back_to_out_of_office_and_skips_the_served(
    account, inbox, agent, visit, routed
):
    """Without its own message the inbox's out-of-office message is sent, as
    written; with neither, OneChat's queue.timeout line in the account's
    language; a conversation handed over meanwhile, nothing."""
    account.auto_assignment_limit = 1
    account.locale = "de"
    account.save()
    configure(inbox, queue_timeout_minutes=10)
    served = visit()
    silent = visit()
    since = silent.waiting_since
    told = timers.tell_long_wait(conversation_id=silent.pk, waiting_since=since)
    assert told.content.startswith("Danke für Ihre Geduld.")
    assert told.content_attributes == {
        "queue_timeout": True,
        "i18n": {"kind": "queue.timeout", "params": {}},
    }
    assert timers.tell_long_wait(conversation_id=silent.pk, waiting_since=since) is None
    inbox.out_of_office_message = "We are swamped"
    inbox.save()
    away = visit()
    told = timers.tell_long_wait(
        conversation_id=away.pk, waiting_since=away.waiting_since
    )
    assert told.content == "We are swamped"
    assert told.content_attributes == {"queue_timeout": True}
    other = visit()
    routed(services.change_status, conversation=served, status="resolved")
    routed(services.change_status, conversation=silent, status="resolved")
    routed(services.change_status, conversation=away, status="resolved")
    other.refresh_from_db()
    assert other.assignee == agent
    assert timers.tell_long_wait(conversation_id=other.pk, waiting_since=since) is None


### Auto-offline


def test_agent_gone_from_the_dashboard_is_set_offline(
    capture_events, settings, account, inbox, agent, administrator
):
    """A closed socket schedules the check; with no socket seen since, the
    agent goes offline and the account hears agent.unavailable and a
    presence.update without them; the inbox's visitors hear who is online."""
    settings.ONECHAT_AUTO_OFFLINE_SECONDS = 120
    timers.note_agent_seen(account_id=account.pk, user_id=administrator.pk)
    timers.note_agent_left(account_id=account.pk, user_id=agent.pk)
    [job] = jobs("take_agent_offline")
    left_at = datetime.fromisoformat(job.args_kwargs["kwargs"]["left_at"])
    assert job.run_after == left_at + timedelta(seconds=120)
    with capture_events() as events:
        taken = timers.take_offline_when_away(
            account_id=account.pk, user_id=agent.pk, left_at=left_at
        )
    assert taken.availability == "offline"
    assert events.one("agent.unavailable").data["id"] == agent.pk
    agents, visitors = events.named("presence.update")
    assert agents.streams == (account_stream(account.pk),)
    assert agents.data["users"].get(str(agent.pk), "offline") == "offline"
    assert agents.data["users"][str(administrator.pk)] == "online"
    assert visitors.streams == (f"visitors_{inbox.pk}",)
    assert visitors.data["users"] == {str(administrator.pk): "online"}


def test_agent_seen_since_or_without_auto_offline_stays_online(
    settings, account, agent
):
    """A socket seen after the one that closed (another tab, a reconnect)
    keeps the agent online; so does auto_offline off; 0 schedules nothing."""
    timers.note_agent_left(account_id=account.pk, user_id=agent.pk)
    [job] = jobs("take_agent_offline")
    left_at = datetime.fromisoformat(job.args_kwargs["kwargs"]["left_at"])
    later = left_at + timedelta(seconds=1)
    AccountUser.objects.filter(user=agent).update(last_seen_at=later)
    assert (
        timers.take_offline_when_away(
            account_id=account.pk, user_id=agent.pk, left_at=left_at
        )
        is None
    )
    AccountUser.objects.filter(user=agent).update(
        last_seen_at=left_at, auto_offline=False
    )
    assert (
        timers.take_offline_when_away(
            account_id=account.pk, user_id=agent.pk, left_at=left_at
        )
        is None
    )
    assert membership(agent, account).availability == "online"
    settings.ONECHAT_AUTO_OFFLINE_SECONDS = 0
    timers.note_agent_left(account_id=account.pk, user_id=agent.pk)
    assert len(jobs("take_agent_offline")) == 1
