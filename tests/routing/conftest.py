"""Routing fixtures: an inbox with two online agents and a way to open
conversations as visitors do."""

import pytest

from accounts.models import AccountUser
from conversations import services
from tests import factories
from tests.realtime.capture import capture_events

__all__ = ["capture_events"]


@pytest.fixture
def second_agent(account, inbox):
    user = factories.UserFactory(name="Bo Second")
    factories.AccountUserFactory(account=account, user=user)
    factories.InboxMemberFactory(inbox=inbox, user=user)
    return user


@pytest.fixture
def visit(inbox, routed):
    """Open a conversation from a new visitor of ``inbox``, routed;
    ``visit.session()`` makes only the visitor's session."""

    def session():
        return factories.ContactInboxFactory(
            contact=factories.ContactFactory(account=inbox.account), inbox=inbox
        )

    def open_one():
        conversation = routed(
            services.create_contact_message, contact_inbox=session(), content="hi"
        ).conversation
        conversation.refresh_from_db()
        return conversation

    open_one.session = session
    return open_one


def membership(user, account) -> AccountUser:
    return AccountUser.objects.get(user=user, account=account)


@pytest.fixture
def reply(routed):
    """Send an agent's public reply in a conversation."""

    def send(conversation, agent, content="On it"):
        return routed(
            services.create_message,
            conversation=conversation,
            message_type=1,
            content=content,
            sender=agent,
        )

    return send
