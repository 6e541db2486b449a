"""A write made through a copy of a conversation read before someone else's
change (a request that loaded it a moment earlier) keeps that change, and its
event says the conversation as it now is: a late ``conversation.updated``
carries a newer ``updated_at``, so a page takes it over the change's own event."""

import pytest

from conversations import services
from conversations.models import Conversation

pytestmark = pytest.mark.django_db

WRITES = {
    "seen by an agent": lambda c, agent: services.mark_seen_by_agent(
        conversation=c, user=agent
    ),
    "seen by the contact": lambda c, agent: services.mark_seen_by_contact(
        conversation=c
    ),
    "labels": lambda c, agent: services.set_labels(conversation=c, labels=["vip"]),
    "custom attributes": lambda c, agent: services.set_custom_attributes(
        conversation=c, custom_attributes={"plan": "gold"}
    ),
    "priority": lambda c, agent: services.update_conversation(
        conversation=c, priority="high"
    ),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_a_write_through_a_stale_copy_keeps_and_tells_the_newer_state(
    write, capture_events, conversation, agent
):
    stale = Conversation.objects.get(pk=conversation.pk)
    services.assign_agent(conversation=conversation, assignee=agent)
    services.change_status(conversation=conversation, status="pending")

    with capture_events() as events:
        write(stale, agent)

    conversation.refresh_from_db()
    assert conversation.assignee_id == agent.pk
    assert conversation.status == "pending"
    for event in events:
        if event.name.startswith("conversation."):
            assert event.data["meta"]["assignee"]["id"] == agent.pk, event.name
            assert event.data["status"] == "pending", event.name
    assert any(event.name.startswith("conversation.") for event in events)
