"""The APIs answer in the reader's language."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from accounts.language import respond_in_readers_language
from api.views import API_PREFIXES


class ReadersLanguageMiddleware:
    """Validation and error messages of the APIs in the reader's language: the
    dashboard session's agent's profile language, else ``Accept-Language``
    (API clients with an access token send it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIXES):
            return self.get_response(request)
        return respond_in_readers_language(request, lambda: self.get_response(request))
