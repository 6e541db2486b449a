"""API-wide behaviour: errors are JSON objects with an ``error`` message."""

from typing import Any

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from collaboration.capabilities import CapabilityMissing
from collaboration.services import ReceiverOffline
from contacts.services import ContactConflictError, IdentityVerificationError
from conversations.answers import AlreadyAnswered
from conversations.editing import MessageChangeRefused
from conversations.services import RaceLost


class IdentityRefused(exceptions.APIException):
    """A visitor's identity claim failed HMAC verification."""

    status_code = status.HTTP_401_UNAUTHORIZED
    default_detail = "HMAC failed: Invalid Identifier Hash Provided"


class Conflict(exceptions.APIException):
    """An email, identifier or session belongs to another contact."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("This conflicts with another contact.")


class CapabilityRefused(exceptions.PermissionDenied):
    """The agent lacks the capability the action needs (403 naming it)."""

    def __init__(self, missing: CapabilityMissing) -> None:
        super().__init__(str(missing))
        self.capability = missing.capability


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Render every API error as ``{"error": "<message>"}``, with field errors kept.

    Authentication failures read ``{"error": "Invalid Access Token"}`` as the
    reference's clients expect. A missing capability is a 403 that names it in
    ``capability``; losing a race to change a conversation, or handing it to
    an offline agent, is a 409. The contact services' refusals are answered
    here for every API (Application, public client, widget): a failed identity
    check is a 401, a taken email, identifier or session a 409; a refused
    message edit or delete is a 403 naming why; a second answer to a
    question is a 409.
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
    elif isinstance(exc, CapabilityMissing):
        exc = CapabilityRefused(exc)
    elif isinstance(exc, RaceLost | ReceiverOffline | AlreadyAnswered):
        exc = Conflict(str(exc))
    elif isinstance(exc, MessageChangeRefused):
        exc = exceptions.PermissionDenied(str(exc))
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
    if isinstance(exc, CapabilityRefused):
        response.data["capability"] = exc.capability
    return response


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
