"""Timestamp encodings of the wire format, as the reference's clients parse them."""

from datetime import UTC, datetime


def epoch(moment: datetime | None) -> int:
    """Integer epoch seconds; 0 for "never"."""
    return int(moment.timestamp()) if moment else 0


def epoch_float(moment: datetime | None) -> float:
    """Float epoch seconds, for fields clients compare at sub-second precision."""
    return moment.timestamp() if moment else 0.0


def iso(moment: datetime | None) -> str | None:
    """ISO-8601 in UTC with milliseconds and a ``Z``: ``2021-07-23T17:13:14.000Z``."""
    if moment is None:
        return None
    moment = moment.astimezone(UTC)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{moment.microsecond // 1000:03d}Z"
