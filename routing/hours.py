"""Business hours of an inbox: open now, and when it opens next."""

from datetime import datetime, time, timedelta
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


def is_open(inbox: Inbox, at: datetime) -> bool:
    """Whether the inbox is within its business hours at ``at`` (always, when
    business hours are off)."""
    if not inbox.working_hours_enabled:
        return True
    local = at.astimezone(ZoneInfo(inbox.timezone))
    span = _span(_day(inbox, local.weekday()))
    return span is not None and span[0] <= local.time() < span[1]


def next_opening(inbox: Inbox, at: datetime) -> datetime | None:
    """When the inbox opens next after ``at`` (``at`` itself when open); None
    when no day of the week opens."""
    if is_open(inbox, at):
        return at
    zone = ZoneInfo(inbox.timezone)
    local = at.astimezone(zone)
    for ahead in range(8):
        date = (local + timedelta(days=ahead)).date()
        span = _span(_day(inbox, date.weekday()))
        if span is None:
            continue
        opening = datetime.combine(date, span[0], tzinfo=zone)
        if opening > local:
            return opening
    return None
