"""The base of every domain refusal, carrying the HTTP meaning every API gives it.

An app declares its refusals beside the code that raises them, as subclasses
of ``DomainError`` setting ``status`` and ``code``; the API plumbing
(``api/exceptions.py``) answers the base alike for every API, so a new
refusal needs no change there.
"""

from typing import Any


class DomainError(Exception):
    """A domain rule refused an action.

    ``status`` is the HTTP status every API answers with and ``code`` a short
    stable name; the message is ``str(error)``. A 400 may name the ``field``
    of the input it concerns (answered as a validation error on that field).
    ``extra`` adds fields to the answer's body (a missing capability's name).
    ``reported`` False keeps it off the actor's other dashboards.
    """

    status: int = 400
    code: str = "invalid"
    # Told on the actor's own stream too (``report_refusal``); bad input a
    # form shows beside its field is answered to the caller alone.
    reported: bool = True

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    @property
    def extra(self) -> dict[str, Any]:
        """Fields the answer's body carries beside the message."""
        return {}


class Conflict(DomainError):
    """The action conflicts with the state someone else made (409)."""

    status = 409
    code = "conflict"


class Forbidden(DomainError):
    """The actor may not do this (403)."""

    status = 403
    code = "forbidden"
