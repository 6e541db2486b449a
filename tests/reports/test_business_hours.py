"""Seconds within an inbox's business hours between two instants: day by day
in the inbox's time zone, over nights, weekends, holidays and clock changes."""

from datetime import UTC, datetime, timedelta

from accounts.models import Inbox
from routing.hours import open_seconds

HOUR = 3600.0
# Monday to Friday 09:00-17:00, Saturday all day, Sunday closed.
WEEK = [
    {"day_of_week": day, "open_hour": 9, "close_hour": 17} for day in range(1, 6)
] + [
    {"day_of_week": 6, "open_all_day": True},
    {"day_of_week": 0, "closed_all_day": True},
]


def inbox(zone: str = "UTC", holidays=None, enabled: bool = True) -> Inbox:
    return Inbox(
        working_hours_enabled=enabled,
        working_hours=WEEK,
        timezone=zone,
        holidays=holidays or [],
    )


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_within_one_working_day():
    # Monday 2026-03-02, 10:00 to 12:30.
    assert (
        open_seconds(inbox(), utc(2026, 3, 2, 10), utc(2026, 3, 2, 12, 30))
        == 2.5 * HOUR
    )


def test_before_opening_and_after_closing_count_nothing():
    assert open_seconds(inbox(), utc(2026, 3, 2, 6), utc(2026, 3, 2, 9)) == 0
    assert open_seconds(inbox(), utc(2026, 3, 2, 17), utc(2026, 3, 2, 23)) == 0


def test_overnight_span_counts_both_evenings_and_mornings():
    # Monday 16:00 to Tuesday 10:00: one hour each side of the night.
    assert open_seconds(inbox(), utc(2026, 3, 2, 16), utc(2026, 3, 3, 10)) == 2 * HOUR


def test_weekend_saturday_all_day_sunday_closed():
    # Friday 16:00 to Monday 10:00: 1 h Friday, 24 h Saturday, 0 Sunday, 1 h Monday.
    assert open_seconds(inbox(), utc(2026, 3, 6, 16), utc(2026, 3, 9, 10)) == 26 * HOUR


def test_a_holiday_closes_the_whole_day_and_recurs():
    once = inbox(holidays=[{"date": "2026-03-03", "name": "Closed"}])
    assert open_seconds(once, utc(2026, 3, 2, 16), utc(2026, 3, 4, 10)) == 2 * HOUR
    yearly = inbox(holidays=[{"date": "2020-03-03", "name": "Day", "recurring": True}])
    assert open_seconds(yearly, utc(2026, 3, 3, 9), utc(2026, 3, 3, 17)) == 0


def test_hours_are_read_in_the_inbox_time_zone():
    # 09:00-17:00 in Tokyo (UTC+9) is 00:00-08:00 UTC on Monday.
    tokyo = inbox("Asia/Tokyo")
    assert open_seconds(tokyo, utc(2026, 3, 2, 0), utc(2026, 3, 2, 8)) == 8 * HOUR
    assert open_seconds(tokyo, utc(2026, 3, 2, 8), utc(2026, 3, 2, 12)) == 0


def test_a_clock_change_day_counts_real_seconds():
    # Saturday 2026-03-28 in Paris is open all day; Sunday 29th (clocks go
    # forward) is closed; Saturday 2026-10-24 open, Sunday 25th (back) closed.
    paris = inbox("Europe/Paris")
    spring = open_seconds(paris, utc(2026, 3, 27, 12), utc(2026, 3, 30, 12))
    # Friday 13:00-17:00 local (4 h), Saturday 24 h, Monday 09:00-14:00 (5 h).
    assert spring == 33 * HOUR
    # An all-day Saturday with a 25-hour night after it still counts 24 h.
    assert (
        open_seconds(paris, utc(2026, 10, 23, 22), utc(2026, 10, 24, 22)) == 24 * HOUR
    )


def test_off_business_hours_count_every_second_and_reversed_spans_none():
    start = utc(2026, 3, 1)
    assert (
        open_seconds(inbox(enabled=False), start, start + timedelta(days=2))
        == 48 * HOUR
    )
    assert open_seconds(inbox(), start + timedelta(hours=1), start) == 0
