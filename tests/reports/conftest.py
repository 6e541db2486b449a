"""A generated history for the reports: conversations with replies,
resolutions, a reopening, a queue wait and a hand-off, at set times (the
clock is moved by hand), and the API clients that read it."""

from datetime import UTC, datetime
from types import SimpleNamespace
from unittest import mock

import pytest

from rest_framework.test import APIClient

from accounts.models import AccountUser
from conversations import services
from conversations.models import Label, Message
from tests import factories

# Monday to Friday 09:00-17:00 UTC.
WEEKDAYS = [
    {"day_of_week": day, "open_hour": 9, "close_hour": 17} for day in range(1, 6)
] + [{"day_of_week": day, "closed_all_day": True} for day in (0, 6)]
MONDAY = datetime(2026, 3, 2, tzinfo=UTC)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """Monday 2 March 2026 is day 0."""
    return MONDAY.replace(day=2 + day, hour=hour, minute=minute)


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_API_ACCESS_TOKEN=user.access_token)
    return client


class Clock:
    def __init__(self) -> None:
        self.now = MONDAY

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    ticking = Clock()
    with mock.patch("django.utils.timezone.now", ticking):
        yield ticking


@pytest.fixture
def history(clock, account, administrator):
    """Conversation A (inbox 1, Ana): created Mon 08:00, answered 10:00,
    asked again 10:30, answered 11:00, resolved 12:00, reopened by the
    contact Tue 09:00, answered 09:15, resolved 10:00.
    Conversation B (inbox 2, Ben, label "vip"): created Mon 20:00, answered
    Tue 09:30, resolved Tue 11:00.
    Conversation C (inbox 2): waits in the queue from Mon 09:00, given to Ana
    09:20, handed to Ben 09:30."""
    first = factories.InboxFactory(
        account=account, working_hours_enabled=True, working_hours=WEEKDAYS
    )
    second = factories.InboxFactory(
        account=account, working_hours_enabled=True, working_hours=WEEKDAYS
    )
    ana = factories.UserFactory(name="Ana")
    ben = factories.UserFactory(name="Ben")
    for user in (ana, ben):
        factories.AccountUserFactory(account=account, user=user)
    vip = Label.objects.create(account=account, title="vip")

    def step(when: datetime) -> None:
        clock.now = when

    def say(conversation, when, by=None):
        step(when)
        if by is None:
            return services.create_message(
                conversation=conversation,
                message_type=Message.MessageType.INCOMING,
                sender=conversation.contact,
                content="Hello",
            )
        return services.create_message(
            conversation=conversation,
            message_type=Message.MessageType.OUTGOING,
            sender=by,
            content="Hi",
        )

    def resolve(conversation, when, by):
        step(when)
        services.change_status(conversation=conversation, status="resolved", actor=by)

    step(at(0, 8))
    a = factories.ConversationFactory(
        contact_inbox=factories.ContactInboxFactory(
            inbox=first, contact=factories.ContactFactory(account=account)
        ),
        assignee=ana,
    )
    step(at(0, 9))
    c = factories.ConversationFactory(
        contact_inbox=factories.ContactInboxFactory(
            inbox=second, contact=factories.ContactFactory(account=account)
        ),
        waiting_since=at(0, 9),
    )
    step(at(0, 20))
    b = factories.ConversationFactory(
        contact_inbox=factories.ContactInboxFactory(
            inbox=second, contact=factories.ContactFactory(account=account)
        ),
        assignee=ben,
    )
    b.labels.add(vip)
    say(a, at(0, 8))
    step(at(0, 9, 20))
    services.assign_agent(conversation=c, assignee=ana, actor=administrator)
    step(at(0, 9, 30))
    services.assign_agent(conversation=c, assignee=ben, actor=administrator)
    say(a, at(0, 10), ana)
    say(a, at(0, 10, 30))
    say(a, at(0, 11), ana)
    resolve(a, at(0, 12), ana)
    say(b, at(0, 20))
    say(a, at(1, 9))
    say(a, at(1, 9, 15), ana)
    resolve(a, at(1, 10), ana)
    say(b, at(1, 9, 30), ben)
    resolve(b, at(1, 11), ben)
    step(at(2, 12))
    return SimpleNamespace(
        a=a, b=b, c=c, ana=ana, ben=ben, first=first, second=second, vip=vip
    )


@pytest.fixture
def as_admin(administrator):
    return client_for(administrator)


@pytest.fixture
def as_agent(account):
    user = factories.UserFactory(name="Agent")
    factories.AccountUserFactory(
        account=account, user=user, role=AccountUser.Role.AGENT
    )
    return client_for(user)
