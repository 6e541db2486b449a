"""The agent audience of an inbox is reused between events, and every change of
who works the inbox reaches the very next event."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import services as account_services
from accounts.models import Account, AccountUser
from conversations import services
from conversations.models import Message
from tests import factories

pytestmark = pytest.mark.django_db


def message_streams(capture_events, conversation) -> set[str]:
    """The streams of the message.created of a new incoming message."""
    with capture_events() as events:
        services.create_message(
            conversation=conversation,
            message_type=Message.MessageType.INCOMING,
            content="hello",
            sender=conversation.contact,
        )
    return set(events.one("message.created").streams)


def test_audience_is_not_read_again_while_the_roster_holds(
    capture_events, conversation, agent
):
    """The second message of an inbox reads no membership."""
    message_streams(capture_events, conversation)
    with CaptureQueriesContext(connection) as queries:
        streams = message_streams(capture_events, conversation)
    assert agent.pubsub_token in streams
    assert not [q for q in queries if "onechat_inboxmember" in q["sql"]]


def test_every_roster_change_reaches_the_next_event(
    capture_events, account, inbox, conversation, agent, administrator
):
    """Members added or removed, roles, new tokens and deactivations count from
    the next event on, whichever way they are made."""
    newcomer = factories.UserFactory()
    membership = factories.AccountUserFactory(account=account, user=newcomer)
    assert newcomer.pubsub_token not in message_streams(capture_events, conversation)

    account_services.add_inbox_members(inbox=inbox, users=[newcomer])
    assert newcomer.pubsub_token in message_streams(capture_events, conversation)

    account_services.remove_inbox_members(inbox=inbox, users=[newcomer])
    assert newcomer.pubsub_token not in message_streams(capture_events, conversation)

    account_services.set_inbox_members(inbox=inbox, users=[agent, newcomer])
    assert newcomer.pubsub_token in message_streams(capture_events, conversation)
    account_services.set_inbox_members(inbox=inbox, users=[agent])
    assert newcomer.pubsub_token not in message_streams(capture_events, conversation)

    inbox.members.add(newcomer)
    assert newcomer.pubsub_token in message_streams(capture_events, conversation)
    inbox.members.remove(newcomer)
    assert newcomer.pubsub_token not in message_streams(capture_events, conversation)

    account_services.update_agent(
        membership=membership, role=AccountUser.Role.ADMINISTRATOR
    )
    assert newcomer.pubsub_token in message_streams(capture_events, conversation)

    old_token = newcomer.pubsub_token
    newcomer.set_password("a new password, rotating the token")
    newcomer.save()
    streams = message_streams(capture_events, conversation)
    assert newcomer.pubsub_token in streams
    assert old_token not in streams

    newcomer.is_active = False
    newcomer.save()
    assert newcomer.pubsub_token not in message_streams(capture_events, conversation)
    newcomer.is_active = True
    newcomer.save()
    assert newcomer.pubsub_token in message_streams(capture_events, conversation)

    account_services.remove_agent(membership=membership)
    assert newcomer.pubsub_token not in message_streams(capture_events, conversation)
    assert agent.pubsub_token in message_streams(capture_events, conversation)


def test_availability_leaves_the_roster_alone(account, agent):
    """An agent switching between online, busy and offline (saved often) keeps
    the inbox audiences of the account valid."""
    membership = AccountUser.objects.get(account=account, user=agent)
    version = Account.objects.get(pk=account.pk).roster_version
    account_services.set_availability(
        membership=membership, availability=AccountUser.Availability.BUSY
    )
    assert Account.objects.get(pk=account.pk).roster_version == version
    account_services.update_agent(
        membership=membership, role=AccountUser.Role.ADMINISTRATOR
    )
    assert Account.objects.get(pk=account.pk).roster_version != version
