"""Contacts from a CSV file, Chatwoot's columns: ``name``, ``email``,
``phone_number``, ``identifier``, ``labels`` (titles joined by commas); any
other column is a custom attribute. A row updates the contact its
identifier, email or phone number finds (in that order), else creates one.

``plan_import`` reads and checks the whole file and writes nothing;
``services.import_contacts`` writes a plan only when it has no error.
"""

import csv
import io

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import serializers

from accounts.models import Account
from contacts.models import Contact
from contacts.serializers import ContactDetailsSerializer
from privacy.exports import FORMULA_STARTS
from privacy.plans import DETAILS, ImportPlan, PlannedRow, RowError

LABELS = "labels"
LABEL_MAX = 255


class RowSerializer(ContactDetailsSerializer):
    """One row's details, checked as the contacts API checks them."""

    identifier = serializers.CharField(
        max_length=255, required=False, allow_null=True, allow_blank=True
    )
    additional_attributes = None
    custom_attributes = None


def plan_import(*, account: Account, data: bytes) -> ImportPlan:
    """Read and check ``data`` (a CSV file's bytes); write nothing."""
    plan = ImportPlan()
    if len(data) > settings.ONECHAT_CONTACT_IMPORT_MAX_BYTES:
        plan.errors.append(
            RowError(
                None,
                None,
                _("The file is larger than %(size)s bytes.")
                % {"size": settings.ONECHAT_CONTACT_IMPORT_MAX_BYTES},
            )
        )
        return plan
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        plan.errors.append(RowError(None, None, _("The file is not UTF-8 text.")))
        return plan
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if not header:
            plan.errors.append(RowError(1, None, _("The file has no header row.")))
            return plan
        headers = [name.strip().lower() for name in header]
        header_errors = _header_errors(headers)
        if header_errors:
            plan.errors.extend(header_errors)
            return plan
        _read_rows(reader, headers, plan)
    except csv.Error as error:
        plan.errors.append(
            RowError(
                reader.line_num,
                None,
                _("The file is not valid CSV here: %(reason)s") % {"reason": error},
            )
        )
    _match_existing(account, plan)
    return plan


def restored(cell: str) -> str:
    """A cell as it was before an export neutralised it (``'+33…``), so an
    exported file imports back unchanged."""
    if cell.startswith("'") and cell[1:2] and cell[1] in FORMULA_STARTS:
        return cell[1:]
    return cell


def _header_errors(headers: list[str]) -> list[RowError]:
    errors = []
    for index, name in enumerate(headers):
        if not name:
            errors.append(
                RowError(
                    1,
                    None,
                    _("Column %(number)s has no name.") % {"number": index + 1},
                )
            )
        elif headers.index(name) != index:
            errors.append(RowError(1, name, _("This column appears twice.")))
    if not errors and not {"name", "email", "phone_number", "identifier"} & set(
        headers
    ):
        errors.append(
            RowError(
                1,
                None,
                _("Name one of the columns name, email, phone_number or identifier."),
            )
        )
    return errors


def _read_rows(reader: "csv._reader", headers: list[str], plan: ImportPlan) -> None:
    seen: dict[tuple[str, str], int] = {}
    line = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            if len(plan.rows) >= settings.ONECHAT_CONTACT_IMPORT_MAX_ROWS:
                plan.errors.append(
                    RowError(
                        line,
                        None,
                        _("The file has more than %(rows)s rows.")
                        % {"rows": settings.ONECHAT_CONTACT_IMPORT_MAX_ROWS},
                    )
                )
                return
            row = _plan_row(line, headers, cells, seen, plan.errors)
            if row is not None:
                plan.rows.append(row)
        line = reader.line_num + 1


def _plan_row(
    line: int,
    headers: list[str],
    cells: list[str],
    seen: dict[tuple[str, str], int],
    errors: list[RowError],
) -> PlannedRow | None:
    if len(cells) > len(headers):
        errors.append(
            RowError(
                line,
                None,
                _("The row has %(cells)s cells but the header %(headers)s.")
                % {"cells": len(cells), "headers": len(headers)},
            )
        )
        return None
    values = {
        name: restored(cell.strip()) for name, cell in zip(headers, cells, strict=False)
    }
    found = len(errors)
    details = _checked_details(line, values, errors)
    labels = _labels(line, values.get(LABELS, ""), errors)
    custom = {
        name: value
        for name, value in values.items()
        if name not in DETAILS and name != LABELS and value
    }
    if details is not None and not any(details.get(name) for name in DETAILS):
        errors.append(
            RowError(line, None, _("The row has no name, email, phone or identifier."))
        )
    if len(errors) > found or details is None:
        return None
    for name in ("identifier", "email", "phone_number"):
        value = details.get(name)
        if value:
            key = (name, value.lower() if name == "email" else value)
            if key in seen:
                errors.append(
                    RowError(
                        line,
                        name,
                        _("Line %(line)s has the same value.") % {"line": seen[key]},
                    )
                )
                return None
            seen[key] = line
    return PlannedRow(line, details, custom, labels)


def _checked_details(line: int, values: dict, errors: list[RowError]) -> dict | None:
    given = {name: values[name] for name in DETAILS if values.get(name)}
    serializer = RowSerializer(data=given)
    if serializer.is_valid():
        return dict(serializer.validated_data)
    for column, messages in serializer.errors.items():
        errors.append(RowError(line, column, str(messages[0])))
    return None


def _labels(line: int, text: str, errors: list[RowError]) -> list[str]:
    titles = []
    for title in (part.strip() for part in text.split(",")):
        if not title:
            continue
        if len(title) > LABEL_MAX:
            errors.append(RowError(line, LABELS, _("A label title is too long.")))
        elif title.lower() not in {seen.lower() for seen in titles}:
            titles.append(title)
    return titles


def _match_existing(account: Account, plan: ImportPlan) -> None:
    """Give each row the contact its identifier, email or phone finds, a few
    queries for the whole file; a row whose details find two different
    contacts becomes an error."""
    found = _contacts_by_detail(account, plan.rows)
    matched = []
    for row in plan.rows:
        matches = {
            name: found[name][row.details[name]]
            for name in MATCH_ORDER
            if row.details.get(name) in found[name]
        }
        contacts = {contact.pk: contact for contact in matches.values()}
        if len(contacts) > 1:
            first, second = list(matches)[:2]
            plan.errors.append(
                RowError(
                    row.line,
                    second,
                    _("It belongs to another contact than the row's %(column)s.")
                    % {"column": first},
                )
            )
            continue
        row.contact = next(iter(contacts.values()), None)
        matched.append(row)
    plan.rows = matched
    plan.errors.sort(key=lambda error: error.line or 0)


MATCH_ORDER = ("identifier", "email", "phone_number")
LOOKUP_CHUNK = 500


def _contacts_by_detail(
    account: Account, rows: list[PlannedRow]
) -> dict[str, dict[str, Contact]]:
    """The account's contacts by each detail the rows give (emails are
    stored lowercased; the oldest contact wins a shared phone number)."""
    found: dict[str, dict[str, Contact]] = {name: {} for name in MATCH_ORDER}
    for name in MATCH_ORDER:
        values = sorted({row.details[name] for row in rows if row.details.get(name)})
        for start in range(0, len(values), LOOKUP_CHUNK):
            chunk = values[start : start + LOOKUP_CHUNK]
            if name == "email":
                chunk = [value.lower() for value in chunk]
            contacts = Contact.objects.filter(
                account=account, **{f"{name}__in": chunk}
            ).order_by("-id")
            for contact in contacts:
                found[name][getattr(contact, name)] = contact
    if found["email"]:
        found["email"] = {
            row.details["email"]: found["email"][row.details["email"].lower()]
            for row in rows
            if row.details.get("email", "").lower() in found["email"]
        }
    return found
