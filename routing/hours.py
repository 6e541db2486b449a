"""Business hours of an inbox: open now, and when it opens next.

A holiday of the inbox (a date in its time zone, optionally every year)
closes it all day while it keeps business hours.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from accounts.models import Inbox


def _day(inbox: Inbox, weekday: int) -> dict | None:
    # Python counts Monday as 0; Chatwoot's day_of_week counts Sunday as 0.
    day_of_week = (weekday + 1) % 7
    for day in inbox.working_hours or []:
        if day.get("day_of_week") == day_of_week:
            return day
    return None


def _span(day: dict | None) -> tuple[time, time] | None:
    """The day's opening and closing time; None when closed all day."""
    if day is None or day.get("closed_all_day"):
        return None
    if day.get("open_all_day"):
        return time(0, 0), time.max
    return (
        time(day.get("open_hour", 0), day.get("open_minutes", 0)),
        time(day.get("close_hour", 0), day.get("close_minutes", 0)),
    )


def holiday_on(inbox: Inbox, day: date) -> dict | None:
    """The inbox's holiday falling on ``day`` (a date in its time zone), if any."""
    for holiday in inbox.holidays or []:
        held = date.fromisoformat(holiday["date"])
        if held == day or (
            holiday.get("recurring") and (held.month, held.day) == (day.month, day.day)
        ):
            return holiday
    return None


def _open_span(inbox: Inbox, day: date) -> tuple[time, time] | None:
    """When the inbox is open on ``day``; None when closed all day."""
    if holiday_on(inbox, day) is not None:
        return None
    return _span(_day(inbox, day.weekday()))


def is_open(inbox: Inbox, at: datetime) -> bool:
    """Whether the inbox is open at ``at``: within its business hours and not
    on one of its holidays (always, when business hours are off)."""
    if not inbox.working_hours_enabled:
        return True
    local = at.astimezone(ZoneInfo(inbox.timezone))
    span = _open_span(inbox, local.date())
    return span is not None and span[0] <= local.time() < span[1]


def next_opening(inbox: Inbox, at: datetime) -> datetime | None:
    """When the inbox opens next after ``at`` (``at`` itself when open); None
    when no day of the week opens."""
    if is_open(inbox, at):
        return at
    zone = ZoneInfo(inbox.timezone)
    local = at.astimezone(zone)
    # Each holiday closes at most one more day of the week's cycle.
    for ahead in range(8 + len(inbox.holidays or [])):
        day = (local + timedelta(days=ahead)).date()
        span = _open_span(inbox, day)
        if span is None:
            continue
        opening = datetime.combine(day, span[0], tzinfo=zone)
        if opening > local:
            return opening
    return None


def open_seconds(inbox: Inbox, start: datetime, end: datetime) -> float:
    """How many seconds between ``start`` and ``end`` fall within the inbox's
    business hours (in its time zone, holidays closed); all of them when
    business hours are off. Spans over midnight, weekends and clock changes
    count day by day in local time."""
    if end <= start:
        return 0.0
    if not inbox.working_hours_enabled:
        return (end - start).total_seconds()
    zone = ZoneInfo(inbox.timezone)
    day = start.astimezone(zone).date()
    last = end.astimezone(zone).date()
    total = 0.0
    while day <= last:
        span = _open_span(inbox, day)
        if span is not None:
            opens = datetime.combine(day, span[0], tzinfo=zone)
            closes = (
                datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=zone)
                if span[1] == time.max
                else datetime.combine(day, span[1], tzinfo=zone)
            )
            # In UTC: a difference of two local times ignores a clock change.
            overlap = (
                min(end, closes).astimezone(UTC) - max(start, opens).astimezone(UTC)
            ).total_seconds()
            total += max(overlap, 0.0)
        day += timedelta(days=1)
    return total
