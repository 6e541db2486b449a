"""API-wide behaviour: errors are JSON objects with an ``error`` message."""

from typing import Any

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from contacts.services import ContactConflictError, IdentityVerificationError


class IdentityRefused(exceptions.APIException):
    """A visitor's identity claim failed HMAC verification."""

    status_code = status.HTTP_401_UNAUTHORIZED
    default_detail = "HMAC failed: Invalid Identifier Hash Provided"


class Conflict(exceptions.APIException):
    """An email, identifier or session belongs to another contact."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "This conflicts with another contact."


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Render every API error as ``{"error": "<message>"}``, with field errors kept.

    Authentication failures read ``{"error": "Invalid Access Token"}`` as the
    reference's clients expect. The contact services' refusals are answered
    here for every API (Application, public client, widget): a failed identity
    check is a 401, a taken email, identifier or session a 409.
    """
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, SuspiciousOperation):
        # A body over MAX_REQUEST_BYTES, too many fields: Django's 400, as JSON
        # here even with DEBUG on.
        exc = exceptions.ParseError(str(exc))
    elif isinstance(exc, IdentityVerificationError):
        exc = IdentityRefused(str(exc))
    elif isinstance(exc, ContactConflictError):
        exc = Conflict(str(exc))
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
    return response


def _first_message(detail: Any, path: str = "") -> str:
    if isinstance(detail, dict):
        for key, value in detail.items():
            label = key if key != "non_field_errors" else ""
            return _first_message(
                value, f"{path}.{label}".strip(".") if label else path
            )
    if isinstance(detail, list) and detail:
        return _first_message(detail[0], path)
    return f"{path}: {detail}" if path else str(detail)
