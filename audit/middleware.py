"""Every request's actions are attributed to its user, address and id."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from audit.context import serving


class AuditContextMiddleware:
    """Set the audit log's actor for the request (see ``audit.context``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with serving(request):
            return self.get_response(request)
