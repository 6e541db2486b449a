import pytest

from common.tokens import reference_token
from contacts.serializers import ContactSerializer
from conversations.models import Message
from conversations.serializers import ConversationSerializer, MessageSerializer
from conversations.services import assign_agent, create_message
from tests.shapes import assert_shape, shape_errors

pytestmark = pytest.mark.django_db


def test_conversation_matches_sample(conversation, contact, agent):
    """A conversation serialises with every key and type of the seed sample."""
    assign_agent(conversation=conversation, assignee=agent)
    create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        content="hi",
        sender=contact,
    )
    data = ConversationSerializer(conversation).data
    assert_shape(data, "conversation_status_changed")
    assert data["id"] == conversation.display_id
    assert isinstance(data["updated_at"], float)


def test_message_matches_sample(conversation, contact):
    """A contact's message serialises as the ``message.created`` sample."""
    message = create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        content="hi",
        sender=contact,
    )
    data = MessageSerializer(message).data
    assert_shape(data, "message_created", drop=("account_id",))
    assert data["conversation_id"] == conversation.display_id
    assert data["updated_at"].endswith("Z")
    assert "attachments" not in data and "echo_id" not in data
    assert data["processed_message_content"] == "<p>hi</p>"


def test_contact_matches_sample(contact, contact_session):
    """A contact serialises as the ``contact.created`` sample, with its
    session's reference token (never the session's credential)."""
    data = ContactSerializer(contact).data
    assert_shape(data, "contact_created", drop=("account_id",))
    assert data["pubsub_token"] == reference_token(contact_session.pubsub_token)
    assert len(data["pubsub_token"]) == len(contact_session.pubsub_token)


def test_shape_check_catches_wrong_types():
    """The shape check reports an int sent as a string and a missing key."""
    errors = shape_errors({"id": "7"}, {"id": 7, "status": "open"})
    assert errors == [".id: str, expected int", ".status: missing"]
