"""The assignee leaves a conversation: routing hands it on, never back to them."""

import pytest

from accounts.models import AccountUser
from collaboration import capabilities as caps
from collaboration.services import leave_conversation
from conversations import services
from conversations.models import Message
from routing import selectors
from routing.services import drain_queue
from tests.api.conftest import client_for
from tests.routing.conftest import membership

pytestmark = pytest.mark.django_db


def assigned_to(user, visit, second_agent):
    """A visitor's conversation routed to ``user`` (the other agent is busy)."""
    other = second_agent if user != second_agent else None
    if other is not None:
        AccountUser.objects.filter(user=other).update(availability="busy")
    conversation = visit()
    assert conversation.assignee == user
    if other is not None:
        AccountUser.objects.filter(user=other).update(availability="online")
    return conversation


def test_leaving_hands_the_conversation_to_another_online_agent(
    agent, second_agent, visit, routed
):
    """The other online agent with room gets it; both sides read who left."""
    conversation = assigned_to(agent, visit, second_agent)
    routed(leave_conversation, conversation=conversation, user=agent)
    conversation.refresh_from_db()
    assert conversation.assignee == second_agent
    assert conversation.waiting_since is None
    assert conversation.left_by is None
    [line] = conversation.messages.filter(content__endswith="left the chat")
    assert line.content == f"{agent.available_name} left the chat"
    assert line.message_type == Message.MessageType.ACTIVITY
    assert line.is_visible_to_contact


def test_with_nobody_else_it_queues_and_never_returns_to_the_leaver(
    account, agent, second_agent, visit, routed
):
    """The leaver is online with room, yet the conversation waits, keeps the
    visitor's wait, and goes to the next agent who comes online."""
    AccountUser.objects.filter(user=second_agent).update(availability="offline")
    conversation = visit()
    assert conversation.assignee == agent
    asked_at = conversation.messages.get(content="hi").created_at
    routed(leave_conversation, conversation=conversation, user=agent)
    conversation.refresh_from_db()
    assert conversation.assignee is None
    assert conversation.left_by == agent
    assert conversation.waiting_since == asked_at
    assert selectors.queue_position(conversation) == 1
    # The queue drains with the leaver online and free: not back to them.
    assert routed(drain_queue, account_id=account.pk) == 0
    conversation.refresh_from_db()
    assert conversation.assignee is None
    second = membership(second_agent, account)
    second.availability = AccountUser.Availability.ONLINE
    routed(second.save)
    conversation.refresh_from_db()
    assert conversation.assignee == second_agent
    assert conversation.left_by is None


def test_in_an_inbox_without_auto_assignment_it_is_left_unassigned(
    agent, inbox, conversation, routed
):
    """No routing: unassigned for any agent of the inbox, not queued."""
    inbox.enable_auto_assignment = False
    inbox.save()
    services.assign_agent(conversation=conversation, assignee=agent)
    routed(leave_conversation, conversation=conversation, user=agent)
    conversation.refresh_from_db()
    assert conversation.assignee is None
    assert conversation.waiting_since is None


def test_the_assignee_may_leave_an_open_conversation_not_a_resolved_one(
    account, agent, conversation
):
    """Leave is among the assignee's capabilities while the conversation is
    not resolved."""
    services.assign_agent(conversation=conversation, assignee=agent)

    def allowed():
        conversation.refresh_from_db()
        return caps.capabilities_of(
            conversation=conversation, membership=membership(agent, account)
        )

    assert caps.LEAVE in allowed()
    services.change_status(conversation=conversation, status="resolved")
    assert caps.LEAVE not in allowed()


def test_leave_over_the_api(agent, second_agent, visit, account):
    """``POST …/leave`` by the assignee hands the conversation on; a second
    call is refused with the capability named, as for a participant."""
    conversation = assigned_to(agent, visit, second_agent)
    as_agent = client_for(agent)
    url = f"/api/v1/accounts/{account.pk}/conversations/{conversation.display_id}/leave"
    response = as_agent.post(url)
    assert response.status_code == 200
    conversation.refresh_from_db()
    assert conversation.assignee == second_agent
    again = as_agent.post(url)
    assert again.status_code == 403
    assert again.json()["capability"] == "leave"


def test_both_sides_hear_the_leave_live(
    capture_events, agent, second_agent, visit, routed
):
    """The contact's stream gets the "left the chat" line, both agents the new
    assignee; the leaver hears they handle it no more."""
    conversation = assigned_to(agent, visit, second_agent)
    with capture_events() as events:
        routed(leave_conversation, conversation=conversation, user=agent)
    contact = conversation.contact_inbox.pubsub_token
    lines = [
        event.data["content"]
        for event in events.named("message.created")
        if contact in event.streams
    ]
    assert f"{agent.available_name} left the chat" in lines
    # assignee.changed is for agents, as in the reference.
    assert {agent.pubsub_token, second_agent.pubsub_token} <= events.streams(
        "assignee.changed"
    )
    *_, changed = [
        event
        for event in events.named("conversation.capabilities_changed")
        if event.streams == (agent.pubsub_token,)
    ]
    assert caps.LEAVE not in changed.data["capabilities"]
    assert caps.SEND_MESSAGE not in changed.data["capabilities"]
