"""Who is acting, for the audit log: the request being served, if any.

A request (dashboard or API, with a session or an access token) sets it for
its duration (``middleware.AuditContextMiddleware``); anywhere else (a job,
an automation rule run by the worker, a shell) OneChat itself is acting.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from common.addresses import client_address


@dataclass(frozen=True)
class Actor:
    """Who did it (None: OneChat itself), from where, in which request."""

    user: Any = None
    # Who they said they were, when no user is known (a failed sign-in).
    username: str = ""
    remote_address: str = ""
    request_uuid: str = ""


SYSTEM = Actor()

_request: ContextVar[tuple[HttpRequest, str] | None] = ContextVar(
    "audit_request", default=None
)


def request_uuid_of(request: HttpRequest) -> str:
    """The proxy's ``X-Request-Id`` when it is a plain id, else a new one."""
    given = request.META.get("HTTP_X_REQUEST_ID", "")
    if 0 < len(given) <= 64 and given.replace("-", "").isalnum():
        return given
    return str(uuid.uuid4())


@contextmanager
def serving(request: HttpRequest) -> Iterator[None]:
    """Attribute what happens inside to ``request``'s user and address."""
    token = _request.set((request, request_uuid_of(request)))
    try:
        yield
    finally:
        _request.reset(token)


def current_actor() -> Actor:
    """Who is acting now. The user is read when asked, not when the request
    began: the API's token authentication runs inside the view."""
    held = _request.get()
    if held is None:
        return SYSTEM
    request, request_uuid = held
    user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    return Actor(
        user=user, remote_address=client_address(request), request_uuid=request_uuid
    )
