"""What a contacts file would do: the rows it would create or update, and
each error found, by line and column."""

from dataclasses import dataclass, field

from contacts.models import Contact

DETAILS = ("name", "email", "phone_number", "identifier")


@dataclass
class RowError:
    """What is wrong with a file or one of its rows: ``line`` counts from
    the header's line 1 (None for the whole file), ``column`` names the
    header (None for the whole row)."""

    line: int | None
    column: str | None
    message: str

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "message": self.message}


@dataclass
class PlannedRow:
    """A row that would create a contact (``contact`` None) or update one."""

    line: int
    details: dict
    custom_attributes: dict
    labels: list[str]
    contact: Contact | None = None

    def as_dict(self) -> dict:
        return {
            "line": self.line,
            "action": "update" if self.contact else "create",
            "contact_id": self.contact.pk if self.contact else None,
            **{name: self.details.get(name) for name in DETAILS},
            "custom_attributes": self.custom_attributes,
            "labels": self.labels,
        }


@dataclass
class ImportPlan:
    """What a file would do: its rows and every error found."""

    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def as_dict(self) -> dict:
        creates = sum(1 for row in self.rows if row.contact is None)
        return {
            "rows": [row.as_dict() for row in self.rows],
            "errors": [error.as_dict() for error in self.errors],
            "create_count": creates,
            "update_count": len(self.rows) - creates,
        }
