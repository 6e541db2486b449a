"""Fields of the Application API's conversation shape: last_non_activity_message
(agents only) and waiting_since."""

import pytest

from django.utils import timezone

from conversations.models import Conversation, Message
from conversations.services import create_message, record_activity
from realtime.events import conversation_payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def noted(conversation, agent):
    """A conversation whose latest message is a private note, then an activity line."""
    create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        sender=conversation.contact,
        content="Hello",
    )
    create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        sender=agent,
        content="Secret note",
        private=True,
    )
    record_activity(conversation=conversation, kind="status.open")
    return conversation


def test_agents_see_the_last_non_activity_message(as_agent, base, noted):
    """The latest message that is not an activity line, a note included."""
    shown = as_agent.get(f"{base}/conversations/{noted.display_id}").json()
    assert shown["last_non_activity_message"]["content"] == "Secret note"
    assert shown["last_non_activity_message"]["private"] is True
    listed = as_agent.get(f"{base}/conversations").json()["data"]["payload"]
    assert listed[0]["last_non_activity_message"]["content"] == "Secret note"


def test_contacts_never_get_the_last_non_activity_message(client, inbox, noted):
    """The public API and /cable's conversation payload leave it out: it may
    be a private note."""
    session = noted.contact_inbox
    url = (
        f"/public/api/v1/inboxes/{inbox.identifier}/contacts/{session.source_id}"
        f"/conversations/{noted.display_id}"
    )
    response = client.get(url)
    assert response.status_code == 200
    assert "Secret note" not in response.content.decode()
    payload = conversation_payload(noted)
    assert "last_non_activity_message" not in payload
    assert "Secret note" not in str(payload)


def test_waiting_since_is_epoch_seconds_or_null(as_agent, base, conversation):
    """Null while nobody waits; epoch seconds while the conversation waits in
    its inbox's queue."""
    url = f"{base}/conversations/{conversation.display_id}"
    assert as_agent.get(url).json()["waiting_since"] is None
    since = timezone.now().replace(microsecond=0)
    Conversation.objects.filter(pk=conversation.pk).update(waiting_since=since)
    assert as_agent.get(url).json()["waiting_since"] == int(since.timestamp())


def test_custom_attributes_replace_the_whole_object(as_agent, base, conversation):
    """POST custom_attributes replaces them (PATCH conversations/<id> merges)."""
    conversation.custom_attributes = {"plan": "pro", "seats": 3}
    conversation.save()
    url = f"{base}/conversations/{conversation.display_id}/custom_attributes"
    response = as_agent.post(
        url, {"custom_attributes": {"order_id": "<b>1</b>"}}, format="json"
    )
    assert response.status_code == 200
    assert response.json() == {"custom_attributes": {"order_id": "<b>1</b>"}}
    conversation.refresh_from_db()
    assert conversation.custom_attributes == {"order_id": "<b>1</b>"}


def test_custom_attributes_are_checked_and_scoped(
    as_agent, as_outsider, base, conversation, other_account_conversation
):
    """Not an object: a 400 naming it; a conversation the caller does not see
    or of another account: a JSON 404, unchanged."""
    url = f"{base}/conversations/{conversation.display_id}/custom_attributes"
    refused = as_agent.post(url, {"custom_attributes": ["x"]}, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"].startswith("custom_attributes")
    hidden = as_outsider.post(url, {"custom_attributes": {"a": 1}}, format="json")
    assert hidden.status_code == 404
    theirs = other_account_conversation
    elsewhere = as_agent.post(
        f"/api/v1/accounts/{theirs.account_id}/conversations/{theirs.display_id}"
        "/custom_attributes",
        {"custom_attributes": {"a": 1}},
        format="json",
    )
    assert elsewhere.status_code == 404
    assert elsewhere.json()["error"]
    theirs.refresh_from_db()
    assert theirs.custom_attributes == {}
    conversation.refresh_from_db()
    assert conversation.custom_attributes == {}
