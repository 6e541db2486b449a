"""Muting a conversation, as Chatwoot's: it is resolved, and the contact's
new messages neither reopen it nor notify any agent until it is unmuted."""

import pytest

from conversations import lines, services
from conversations.models import Conversation, Message
from notifications.models import Kind, Notification
from tests.notifications.conftest import jobs, run_jobs

pytestmark = pytest.mark.django_db


def incoming(conversation, content="Still there?") -> Message:
    return services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        content=content,
        sender=conversation.contact,
    )


def last_line(conversation) -> dict:
    message = conversation.messages.order_by("-id").first()
    return message.content_attributes[lines.KEY]


def test_mute_resolves_and_says_who_muted(capture_events, conversation, agent):
    """Muting an open conversation resolves it, keeps it muted, writes who
    did both, and publishes the change as conversation.updated."""
    with capture_events() as events:
        muted = services.mute_conversation(conversation=conversation, by=agent)
    assert muted.muted is True
    assert muted.status == Conversation.Status.RESOLVED
    kinds = [
        m.content_attributes[lines.KEY]["kind"]
        for m in conversation.messages.order_by("id")
    ]
    assert kinds == ["status.resolved.by", "conversation.muted.by"]
    assert "conversation.status_changed" in events.names()
    updated = events.named("conversation.updated")
    assert updated[-1].data["muted"] is True
    assert updated[-1].data["status"] == "resolved"
    # Muting again changes and publishes nothing.
    with capture_events() as events:
        services.mute_conversation(conversation=conversation, by=agent)
    assert events.names() == []


def test_unmute_keeps_the_status_and_publishes_the_change(
    capture_events, conversation, agent
):
    services.mute_conversation(conversation=conversation, by=None)
    assert last_line(conversation)["kind"] == "conversation.muted"
    with capture_events() as events:
        unmuted = services.unmute_conversation(conversation=conversation, by=agent)
    assert unmuted.muted is False
    assert unmuted.status == Conversation.Status.RESOLVED
    assert events.one("conversation.updated").data["muted"] is False
    assert last_line(conversation) == {
        "kind": "conversation.unmuted.by",
        "params": {"actor": agent.available_name},
    }


def test_the_contacts_words_in_a_muted_conversation_stay_quiet(conversation, agent):
    """The contact writing into a muted conversation neither reopens it nor
    costs a notification job; unmuted, the next message reopens it and tells
    the assignee."""
    services.assign_agent(conversation=conversation, assignee=agent, actor=None)
    services.mute_conversation(conversation=conversation, by=None)
    run_jobs()
    Notification.objects.all().delete()
    incoming(conversation)
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.RESOLVED
    assert jobs("notify_new_message") == []
    assert Notification.objects.count() == 0

    services.unmute_conversation(conversation=conversation, by=agent)
    incoming(conversation)
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.OPEN
    run_jobs()
    assert list(
        Notification.objects.filter(user=agent).values_list(
            "notification_type", flat=True
        )
    ) == [Kind.ASSIGNED_CONVERSATION_NEW_MESSAGE]


def test_a_message_job_finding_the_conversation_muted_tells_nobody(conversation, agent):
    """A new-message job run after the conversation was muted tells nobody
    of the contact's words (the same rule as the reopen)."""
    services.assign_agent(conversation=conversation, assignee=agent, actor=None)
    run_jobs()
    Notification.objects.all().delete()
    incoming(conversation)
    services.mute_conversation(conversation=conversation, by=agent)
    run_jobs()
    assert Notification.objects.count() == 0


def test_agents_replies_in_a_muted_conversation_are_unaffected(conversation, agent):
    """Only the contact's words are kept quiet: an agent's message is sent
    and the conversation stays as it is."""
    services.mute_conversation(conversation=conversation, by=agent)
    services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content="Closing this",
        sender=agent,
    )
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.RESOLVED
    assert conversation.muted is True
