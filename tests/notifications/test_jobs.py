"""The notification jobs: who is told of what, enqueued in the change's
transaction and created by the job, never of one's own doing, as each user
chose, and never about a conversation they cannot read."""

from datetime import timedelta

import pytest

from django.utils import timezone

from collaboration import services as collaboration_services
from conversations import services
from conversations.models import Message
from notifications import services as notification_services
from notifications.models import Channel, Kind, Notification
from routing.services import start_waiting
from tests.notifications.conftest import jobs, run_jobs

pytestmark = pytest.mark.django_db


def incoming(conversation, content="Hello?") -> Message:
    return services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        content=content,
        sender=conversation.contact,
    )


def note(conversation, sender, content) -> Message:
    return services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content=content,
        sender=sender,
        private=True,
    )


def mention(user) -> str:
    return f"[@{user.name}](mention://user/{user.pk}/{user.name})"


def kinds_of(user) -> list[str]:
    return list(
        Notification.objects.filter(user=user).values_list(
            "notification_type", flat=True
        )
    )


def test_assignment_is_a_job_then_a_notification(conversation, agent, administrator):
    """Assigning writes a job, not a notification; the job tells the assignee
    who assigned it."""
    services.assign_agent(
        conversation=conversation, assignee=agent, actor=administrator
    )
    assert [job.task_path for job in jobs()] == [
        "notifications.tasks.notify_assignment"
    ]
    assert Notification.objects.count() == 0
    run_jobs()
    [notification] = Notification.objects.all()
    assert notification.user == agent
    assert notification.notification_type == Kind.CONVERSATION_ASSIGNMENT
    assert notification.conversation == conversation
    assert notification.secondary_user == administrator
    assert notification.read_at is None


def test_nobody_is_told_of_taking_a_conversation_themselves(conversation, agent):
    """Self-assignment enqueues nothing and notifies nobody."""
    services.assign_agent(conversation=conversation, assignee=agent, actor=agent)
    assert jobs() == []
    assert Notification.objects.count() == 0


def test_routing_assignment_is_told(conversation, agent):
    """An assignment with no actor (OneChat's routing) is told to the assignee."""
    services.assign_agent(conversation=conversation, assignee=agent)
    run_jobs()
    assert kinds_of(agent) == [Kind.CONVERSATION_ASSIGNMENT]
    assert Notification.objects.get().secondary_user is None


def test_assignment_taken_back_before_the_job_tells_nothing(
    conversation, agent, administrator, colleague
):
    """The job re-reads the conversation: assigned elsewhere meanwhile, the
    first assignee is not told."""
    services.assign_agent(
        conversation=conversation, assignee=agent, actor=administrator
    )
    services.assign_agent(
        conversation=conversation, assignee=colleague, actor=administrator
    )
    run_jobs()
    assert kinds_of(agent) == []
    assert kinds_of(colleague) == [Kind.CONVERSATION_ASSIGNMENT]


def test_mention_in_a_private_note(conversation, agent, administrator):
    """The mentioned agent is told, with the note; the note's author is not,
    even when mentioning themselves."""
    message = note(
        conversation, administrator, f"{mention(agent)} {mention(administrator)} look"
    )
    run_jobs()
    [notification] = Notification.objects.all()
    assert notification.user == agent
    assert notification.notification_type == Kind.CONVERSATION_MENTION
    assert notification.secondary_message == message


def test_mention_of_someone_who_cannot_read_the_conversation(
    conversation, administrator, outsider
):
    """An agent outside the conversation's inbox is never notified of it."""
    note(conversation, administrator, f"{mention(outsider)} see this")
    run_jobs()
    assert Notification.objects.count() == 0


def test_new_message_tells_assignee_and_participants_not_the_sender(
    conversation, agent, administrator, colleague
):
    """A visitor's message tells the assignee and the participants; an agent's
    reply tells everyone but its sender; a mention is told once, as one."""
    services.assign_agent(conversation=conversation, assignee=agent, actor=agent)
    collaboration_services.invite_agents(
        conversation=conversation, users=[colleague], actor=agent
    )
    run_jobs()
    Notification.objects.all().delete()
    incoming(conversation)
    run_jobs()
    assert kinds_of(agent) == [Kind.ASSIGNED_CONVERSATION_NEW_MESSAGE]
    assert kinds_of(colleague) == [Kind.PARTICIPATING_CONVERSATION_NEW_MESSAGE]
    assert kinds_of(administrator) == []
    Notification.objects.all().delete()
    services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content="On it",
        sender=colleague,
    )
    note(conversation, agent, f"{mention(colleague)} thanks")
    run_jobs()
    assert kinds_of(agent) == [Kind.ASSIGNED_CONVERSATION_NEW_MESSAGE]
    assert sorted(kinds_of(colleague)) == [Kind.CONVERSATION_MENTION]


def test_new_messages_move_one_notification(conversation, agent):
    """Each new message brings the assignee's one notification back, unread,
    on top, naming the newest message."""
    services.assign_agent(conversation=conversation, assignee=agent, actor=agent)
    incoming(conversation, "first")
    run_jobs()
    notification = Notification.objects.get()
    notification_services.mark_read(notification=notification)
    latest = incoming(conversation, "second")
    run_jobs()
    notification.refresh_from_db()
    assert Notification.objects.count() == 1
    assert notification.read_at is None
    assert notification.secondary_message == latest


def test_unassigned_conversation_without_participants_costs_no_job(conversation):
    """The chat path writes no job when nobody could be told."""
    incoming(conversation)
    assert jobs() == []


def test_in_app_setting_off_notifies_nothing(conversation, agent, administrator):
    """A kind switched off in-app is not created (nor emailed)."""
    notification_services.update_settings(
        user_id=agent.pk,
        account_id=conversation.account_id,
        channels={Channel.IN_APP: [Kind.CONVERSATION_MENTION]},
    )
    services.assign_agent(
        conversation=conversation, assignee=agent, actor=administrator
    )
    note(conversation, administrator, f"{mention(agent)} here")
    run_jobs()
    assert kinds_of(agent) == [Kind.CONVERSATION_MENTION]


def test_waiting_past_the_inbox_threshold(conversation, agent, administrator, outsider):
    """A conversation still queued past the inbox's threshold is told to its
    readers; one picked up before then tells nobody; an inbox without the
    setting schedules nothing."""
    since = timezone.now()
    start_waiting(conversation=conversation, since=since)
    assert jobs() == []
    conversation.inbox.auto_assignment_config = {"notify_waiting_after_minutes": 5}
    conversation.inbox.save()
    conversation.waiting_since = None
    start_waiting(conversation=conversation, since=since)
    [job] = jobs("notify_waiting")
    assert job.run_after == since + timedelta(minutes=5)
    assert run_jobs() == 0
    run_jobs(until=since + timedelta(minutes=5))
    assert kinds_of(agent) == [Kind.CONVERSATION_WAITING]
    assert kinds_of(administrator) == [Kind.CONVERSATION_WAITING]
    assert kinds_of(outsider) == []


def test_wait_over_before_the_threshold_tells_nobody(conversation, agent):
    """Picked up before the threshold, the job finds nothing to tell."""
    conversation.inbox.auto_assignment_config = {"notify_waiting_after_minutes": 5}
    conversation.inbox.save()
    since = timezone.now()
    start_waiting(conversation=conversation, since=since)
    services.assign_agent(conversation=conversation, assignee=agent, actor=agent)
    run_jobs(until=since + timedelta(minutes=6))
    assert Notification.objects.count() == 0


def test_snoozed_notification_comes_back_when_the_snooze_ends(conversation, agent):
    """Snoozing enqueues its wake-up; at that time the notification is unread
    and listed again, its last snooze in ``meta``; snoozed again meanwhile,
    the earlier wake-up does nothing."""
    services.assign_agent(conversation=conversation, assignee=agent)
    run_jobs()
    notification = Notification.objects.get()
    notification_services.mark_read(notification=notification)
    until = timezone.now() + timedelta(hours=1)
    notification_services.snooze(notification=notification, until=until)
    later = until + timedelta(hours=1)
    notification_services.snooze(notification=notification, until=later)
    run_jobs(until=until)
    notification.refresh_from_db()
    assert notification.snoozed_until == later
    run_jobs(until=later)
    notification.refresh_from_db()
    assert notification.snoozed_until is None
    assert notification.read_at is None
    assert notification.meta["last_snoozed_at"] == later.isoformat()
