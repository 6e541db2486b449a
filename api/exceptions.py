"""API-wide behaviour: errors are JSON objects with an ``error`` message."""

from typing import Any

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from common.errors import DomainError


class Refused(exceptions.APIException):
    """A domain refusal answered with its own status and extra body fields."""

    def __init__(self, error: DomainError) -> None:
        super().__init__(error.message, code=error.code)
        self.status_code = error.status
        self.extra = error.extra


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Render every API error as ``{"error": "<message>"}``, with field errors kept.

    Authentication failures read ``{"error": "Invalid Access Token"}`` as the
    reference's clients expect. A domain refusal (``common.errors.DomainError``)
    is answered alike for every API (Application, public client, widget) with
    the status it carries: a 400 naming a ``field`` as a validation error on
    that field, any other with its message and its ``extra`` fields (a missing
    capability's name in ``capability``).
    """
    refusal = exc
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, SuspiciousOperation):
        # A body over MAX_REQUEST_BYTES, too many fields: Django's 400, as JSON
        # here even with DEBUG on.
        exc = exceptions.ParseError(str(exc))
    elif isinstance(exc, DomainError):
        exc = _translated(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"error": _first_message(exc.detail), "errors": exc.detail}
    elif isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        response.status_code = status.HTTP_401_UNAUTHORIZED
        response.data = {"error": "Invalid Access Token"}
    else:
        response.data = {"error": str(getattr(exc, "detail", exc))}
    if isinstance(exc, Refused):
        response.data.update(exc.extra)
    _tell_refusal(refusal, context, message=response.data["error"])
    return response


def _tell_refusal(exc: Exception, context: dict[str, Any], *, message: str) -> None:
    """A write refused by a domain rule or the gate (forbidden, a race lost,
    a state that does not allow it): the view that knows its subject tells
    the user on their own stream too (``report_refusal``), so each of their
    open dashboards shows it. Bad input and unknown ids are not refusals."""
    request = context.get("request")
    report = getattr(context.get("view"), "report_refusal", None)
    if report is None or request is None or request.method in SAFE_METHODS:
        return
    if isinstance(exc, DomainError):
        if exc.reported:
            report(code=exc.code, message=message)
    elif isinstance(exc, PermissionDenied | exceptions.PermissionDenied):
        report(code="forbidden", message=message)


def _translated(error: DomainError) -> exceptions.APIException:
    """The HTTP error a domain refusal is answered with."""
    if error.status == status.HTTP_400_BAD_REQUEST:
        detail = {error.field: error.message} if error.field else error.message
        return exceptions.ValidationError(detail)
    return Refused(error)


def _first_message(detail: Any, path: str = "") -> str:
    if isinstance(detail, dict):
        for key, value in detail.items():
            # List items are named by their index, 0 included.
            label = str(key) if key != "non_field_errors" else ""
            return _first_message(
                value, f"{path}.{label}".strip(".") if label else path
            )
    if isinstance(detail, list) and detail:
        return _first_message(detail[0], path)
    return f"{path}: {detail}" if path else str(detail)
