"""Shared fixtures: an account with an administrator, an agent, a website inbox,
a contact session and a conversation in it."""

import pytest

from onechat.models import AccountUser
from tests import factories

pytest_plugins = ["tests.browser"]


@pytest.fixture
def account():
    return factories.AccountFactory()


@pytest.fixture
def administrator(account):
    user = factories.UserFactory(name="Ada Admin")
    factories.AccountUserFactory(
        account=account, user=user, role=AccountUser.Role.ADMINISTRATOR
    )
    return user


@pytest.fixture
def inbox(account):
    return factories.InboxFactory(account=account)


@pytest.fixture
def agent(account, inbox):
    """An agent who is a member of ``inbox``."""
    user = factories.UserFactory(name="Alex Agent")
    factories.AccountUserFactory(account=account, user=user)
    factories.InboxMemberFactory(inbox=inbox, user=user)
    return user


@pytest.fixture
def contact(account):
    return factories.ContactFactory(account=account, name="Vera Visitor")


@pytest.fixture
def contact_session(contact, inbox):
    return factories.ContactInboxFactory(contact=contact, inbox=inbox)


@pytest.fixture
def conversation(contact_session):
    return factories.ConversationFactory(contact_inbox=contact_session)


@pytest.fixture
def other_account_conversation():
    """A conversation in another account, for scoping tests."""
    return factories.ConversationFactory()
