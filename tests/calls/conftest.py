import pytest

from calls.selectors import Party, party_of
from tests import factories
from tests.realtime.capture import capture_events

__all__ = ["capture_events"]


@pytest.fixture
def as_agent(account):
    """The ``Party`` of a user acting as an agent of the account."""

    def party(user) -> Party:
        found = party_of(account_id=account.pk, user_id=user.pk)
        assert found is not None
        return found

    return party


@pytest.fixture
def visitor(account, contact_session) -> Party:
    """The conversation's contact session, acting."""
    return party_of(account_id=account.pk, session_token=contact_session.pubsub_token)


@pytest.fixture
def colleague(account, inbox):
    """Another agent of the account and inbox."""
    user = factories.UserFactory(name="Colin Colleague")
    factories.AccountUserFactory(account=account, user=user)
    factories.InboxMemberFactory(inbox=inbox, user=user)
    return user
