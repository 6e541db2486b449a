"""Shared fixtures: an account with an administrator, an agent, a website inbox,
a contact session and a conversation in it."""

import time

import pytest

from django.core.management.base import CommandError
from django.db import OperationalError
from django.test import TransactionTestCase

from accounts.models import AccountUser
from realtime import relay
from tests import factories

pytest_plugins = ["tests.browser"]

_empty_database = TransactionTestCase._fixture_teardown


def _empty_database_again_after_a_deadlock(self: TransactionTestCase) -> None:
    """Server processes a test started may still be writing when the test's
    database is emptied (delivery receipts, jobs: their module-scoped servers
    outlive the test); PostgreSQL may then pick the emptying TRUNCATE as a
    deadlock's victim. The writer finishes, so trying again empties it."""
    for attempt in range(3):
        try:
            return _empty_database(self)
        except (CommandError, OperationalError) as error:
            if attempt == 2 or "deadlock" not in str(error.__cause__ or error):
                raise
            time.sleep(0.5)


TransactionTestCase._fixture_teardown = _empty_database_again_after_a_deadlock


@pytest.fixture(autouse=True)
def fresh_rate_limits(settings, request):
    """Each test counts sign-in failures and creations in a cache of its own."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": request.node.nodeid,
        }
    }


@pytest.fixture(autouse=True)
def quick_password_hashes(settings):
    """Passwords hash quickly in the test process (tests/hashers.py)."""
    settings.PASSWORD_HASHERS = ["tests.hashers.QuickPBKDF2PasswordHasher"]


@pytest.fixture(autouse=True)
def events_stay_in_the_test_process(monkeypatch):
    """Without Redis, a process with no hub relays its events to the server
    processes through the database (realtime/relay.py). The test process's
    own changes (fixtures, direct service calls) are kept out of them, so a
    socket hears what its servers and workers publish and nothing else;
    tests/realtime/test_relay.py relays on purpose."""
    monkeypatch.setattr(relay, "append", lambda envelope: None)


@pytest.fixture(autouse=True)
def events_checked_at_publish(settings):
    """Every event's payload is built and encoded where it is published, so a
    bad payload fails at the call that published it, not in a commit hook."""
    settings.ONECHAT_EVENTS_CHECK_AT_PUBLISH = True


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


@pytest.fixture
def routed(django_capture_on_commit_callbacks):
    """Run a callable with its after-commit routing executed."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run
