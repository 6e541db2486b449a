"""Contacts as CSV (Chatwoot's export: the columns asked for, by default
``id``, ``name``, ``email``, ``phone_number``), safe to open in a
spreadsheet: a cell that would start a formula is written as text."""

import csv
import io
from collections.abc import Iterable

from contacts.models import Contact

DEFAULT_COLUMNS = ("id", "name", "email", "phone_number")
COLUMNS = (
    "id",
    "name",
    "email",
    "phone_number",
    "identifier",
    "created_at",
    "last_activity_at",
)
# What spreadsheets read as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralised(value: object) -> str:
    """``value`` as a cell a spreadsheet shows as text, never evaluates."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def export_columns(names: Iterable[str] | None) -> list[str]:
    """The known columns among ``names``, in their order; the defaults for none."""
    chosen = [name for name in (names or ()) if name in COLUMNS]
    return list(dict.fromkeys(chosen)) or list(DEFAULT_COLUMNS)


def contacts_csv(contacts: Iterable[Contact], *, columns: list[str]) -> str:
    """The CSV text of ``contacts``, a header row first."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for contact in contacts:
        writer.writerow([neutralised(_value(contact, column)) for column in columns])
    return out.getvalue()


def _value(contact: Contact, column: str) -> object:
    value = getattr(contact, column)
    return value.isoformat() if hasattr(value, "isoformat") else value
