"""Reports as CSV files to download: a row per agent, inbox, label or team."""

import csv
import io

from django.utils.translation import gettext as _


def _hours(seconds: float) -> str:
    return f"{seconds / 3600:.2f}"


def summaries_csv(rows: list[dict]) -> str:
    """The summary rows as CSV, times in hours; a cell a spreadsheet would
    run as a formula starts with a quote."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Name"),
            _("Conversations"),
            _("Resolved"),
            _("Average first response time (hours)"),
            _("Average resolution time (hours)"),
            _("Average reply time (hours)"),
        ]
    )
    for row in rows:
        writer.writerow(
            [
                _cell(row["name"]),
                row["conversations_count"],
                row["resolved_conversations_count"],
                _hours(row["avg_first_response_time"]),
                _hours(row["avg_resolution_time"]),
                _hours(row["avg_reply_time"]),
            ]
        )
    return out.getvalue()


def _cell(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
