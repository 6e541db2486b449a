"""Business hours: open or not in the inbox's time zone, when it opens next,
and the away reply sent once per conversation."""

from datetime import UTC, datetime

import pytest

from django.utils import timezone

from conversations import services
from conversations.models import Message
from routing import hours
from routing.serializers import business_hours_payload

pytestmark = pytest.mark.django_db

# Monday to Friday 09:00-17:30, Saturday open all day, Sunday closed.
WEEK = [
    {"day_of_week": day, "open_hour": 9, "close_hour": 17, "close_minutes": 30}
    for day in range(1, 6)
] + [
    {"day_of_week": 6, "open_all_day": True},
    {"day_of_week": 0, "closed_all_day": True},
]


@pytest.fixture
def paris_inbox(inbox):
    inbox.working_hours_enabled = True
    inbox.working_hours = WEEK
    inbox.timezone = "Europe/Paris"
    inbox.out_of_office_message = "Back on Monday at 9 <b>sharp</b>."
    inbox.save()
    return inbox


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_open_in_the_inbox_time_zone(paris_inbox):
    """Wednesday 2026-01-07: 08:30 UTC is 09:30 in Paris (open); 16:45 UTC is
    17:45 there (closed); Saturday is open all day, Sunday closed."""
    assert hours.is_open(paris_inbox, utc(2026, 1, 7, 8, 30)) is True
    assert hours.is_open(paris_inbox, utc(2026, 1, 7, 7, 59)) is False
    assert hours.is_open(paris_inbox, utc(2026, 1, 7, 16, 45)) is False
    assert hours.is_open(paris_inbox, utc(2026, 1, 10, 23, 0)) is False  # Sun 00:00
    assert hours.is_open(paris_inbox, utc(2026, 1, 10, 3, 0)) is True  # Saturday
    paris_inbox.working_hours_enabled = False
    assert hours.is_open(paris_inbox, utc(2026, 1, 11, 3, 0)) is True


def test_next_opening(paris_inbox):
    """Sunday evening opens on Monday at 09:00 Paris time; a week that never
    opens has no next opening."""
    sunday = utc(2026, 1, 11, 18, 0)
    assert hours.next_opening(paris_inbox, sunday) == utc(2026, 1, 12, 8, 0)
    assert business_hours_payload(paris_inbox, sunday) == {
        "open": False,
        "reopens_at": utc(2026, 1, 12, 8, 0),
    }
    paris_inbox.working_hours = [{"day_of_week": 3, "closed_all_day": True}]
    assert hours.next_opening(paris_inbox, sunday) is None


def test_away_reply_once_per_conversation(
    paris_inbox, routed, contact_session, monkeypatch
):
    """Outside hours a visitor's first message gets the out-of-office message;
    later ones do not; inside hours none is sent."""
    monkeypatch.setattr(timezone, "now", lambda: utc(2026, 1, 11, 18, 0))
    first = routed(
        services.create_contact_message, contact_inbox=contact_session, content="hi"
    )
    routed(services.create_contact_message, contact_inbox=contact_session, content="?")
    replies = first.conversation.messages.filter(
        message_type=Message.MessageType.TEMPLATE
    )
    assert [reply.content for reply in replies] == [paris_inbox.out_of_office_message]
    assert replies[0].is_visible_to_contact is True
    monkeypatch.setattr(timezone, "now", lambda: utc(2026, 1, 12, 9, 0))
    paris_inbox.out_of_office_message = "Other"
    paris_inbox.save()
    routed(services.create_contact_message, contact_inbox=contact_session, content="!")
    assert replies.count() == 1


CHRISTMAS = {"date": "2025-12-25", "name": "Christmas", "recurring": True}
# Friday 2026-01-09, this year only.
CLOSED_FRIDAY = {"date": "2026-01-09", "name": "Inventory", "recurring": False}


def test_a_holiday_closes_the_day_in_the_inbox_time_zone(paris_inbox):
    """Thursday 2026-12-24 23:30 UTC is already Friday the 25th 00:30 in Paris:
    closed all day for a recurring Christmas set a year earlier, until
    Saturday 00:00 Paris time (Saturday is open all day)."""
    paris_inbox.holidays = [CHRISTMAS]
    assert hours.holiday_on(paris_inbox, utc(2026, 12, 25).date()) == CHRISTMAS
    assert hours.is_open(paris_inbox, utc(2026, 12, 24, 10, 0)) is True
    assert hours.is_open(paris_inbox, utc(2026, 12, 25, 10, 0)) is False
    assert hours.is_open(paris_inbox, utc(2026, 12, 25, 22, 59)) is False
    assert hours.is_open(paris_inbox, utc(2026, 12, 25, 23, 0)) is True
    assert hours.next_opening(paris_inbox, utc(2026, 12, 24, 23, 30)) == utc(
        2026, 12, 25, 23, 0
    )


def test_a_holiday_at_the_midnight_edge_of_another_zone(paris_inbox):
    """In Pacific/Kiritimati (UTC+14) the inbox's Friday 2026-01-09 holiday
    starts at 10:00 UTC on Thursday and ends at 10:00 UTC on Friday."""
    paris_inbox.timezone = "Pacific/Kiritimati"
    paris_inbox.working_hours = [
        {"day_of_week": day, "open_all_day": True} for day in range(7)
    ]
    paris_inbox.holidays = [CLOSED_FRIDAY]
    assert hours.is_open(paris_inbox, utc(2026, 1, 8, 9, 59)) is True
    assert hours.is_open(paris_inbox, utc(2026, 1, 8, 10, 0)) is False
    assert hours.is_open(paris_inbox, utc(2026, 1, 9, 9, 59)) is False
    assert hours.is_open(paris_inbox, utc(2026, 1, 9, 10, 0)) is True
    # A one-off holiday does not come back a year later.
    assert hours.is_open(paris_inbox, utc(2027, 1, 8, 12, 0)) is True


def test_next_opening_skips_holidays(paris_inbox):
    """Thursday evening, with Friday a holiday: the next opening is Saturday
    (open all day) at 00:00 Paris time; with Saturday a holiday too, Monday."""
    thursday_evening = utc(2026, 1, 8, 18, 0)
    paris_inbox.holidays = [CLOSED_FRIDAY]
    assert hours.next_opening(paris_inbox, thursday_evening) == utc(2026, 1, 9, 23, 0)
    paris_inbox.holidays = [
        CLOSED_FRIDAY,
        {"date": "2026-01-10", "name": "Also closed", "recurring": False},
    ]
    assert hours.next_opening(paris_inbox, thursday_evening) == utc(2026, 1, 12, 8, 0)
    assert business_hours_payload(paris_inbox, utc(2026, 1, 9, 12, 0)) == {
        "open": False,
        "reopens_at": utc(2026, 1, 12, 8, 0),
    }


def test_holidays_wait_for_business_hours(paris_inbox):
    """With business hours off, a holiday closes nothing."""
    paris_inbox.holidays = [CLOSED_FRIDAY]
    paris_inbox.working_hours_enabled = False
    assert hours.is_open(paris_inbox, utc(2026, 1, 9, 12, 0)) is True
    assert business_hours_payload(paris_inbox, utc(2026, 1, 9, 12, 0)) is None


def test_away_reply_on_a_holiday(paris_inbox, routed, contact_session, monkeypatch):
    """A visitor writing during opening hours of a holiday gets the away message."""
    paris_inbox.holidays = [CLOSED_FRIDAY]
    paris_inbox.save()
    monkeypatch.setattr(timezone, "now", lambda: utc(2026, 1, 9, 10, 0))
    first = routed(
        services.create_contact_message, contact_inbox=contact_session, content="hi"
    )
    replies = first.conversation.messages.filter(
        message_type=Message.MessageType.TEMPLATE
    )
    assert [reply.content for reply in replies] == [paris_inbox.out_of_office_message]
