import threading

import pytest

from django.db import connection

from conversations.models import Conversation, Message
from conversations.services import change_status, create_conversation, create_message
from tests import factories

pytestmark = pytest.mark.django_db


def test_display_ids_count_per_account(contact_session, other_account_conversation):
    """Display ids start at 1 in each account and go up by one."""
    first = factories.ConversationFactory(contact_inbox=contact_session)
    second = factories.ConversationFactory(contact_inbox=contact_session)
    assert (first.display_id, second.display_id) == (1, 2)
    assert other_account_conversation.display_id == 1


@pytest.mark.django_db(transaction=True)
def test_display_ids_are_unique_under_concurrency(inbox, contact_session):
    """Conversations opened at once get distinct, gap-free display ids."""
    errors = []

    def open_some():
        try:
            for _ in range(5):
                create_conversation(inbox=inbox, contact_inbox=contact_session)
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=open_some) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    ids = sorted(
        Conversation.objects.filter(inbox=inbox).values_list("display_id", flat=True)
    )
    assert ids == list(range(1, 21))


@pytest.mark.parametrize(
    "status", [Conversation.Status.RESOLVED, Conversation.Status.SNOOZED]
)
def test_incoming_message_reopens(conversation, contact, status):
    """A customer writing into a resolved or snoozed conversation reopens it."""
    change_status(conversation=conversation, status=status)
    create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        content="still there?",
        sender=contact,
    )
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.OPEN
    assert conversation.snoozed_until is None


def test_outgoing_message_does_not_reopen(conversation, agent):
    """An agent's reply leaves a resolved conversation resolved."""
    change_status(conversation=conversation, status=Conversation.Status.RESOLVED)
    create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content="bye",
        sender=agent,
    )
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.RESOLVED


def test_password_change_rotates_pubsub_token(agent):
    """Changing the password ends the old realtime token."""
    old = agent.pubsub_token
    agent.set_password("another-long-password")
    agent.save()
    agent.refresh_from_db()
    assert agent.pubsub_token != old
