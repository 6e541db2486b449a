"""Which language to answer a person in."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation


def reader_language(request: HttpRequest) -> str:
    """The language of the agent signed in to this session as chosen in their
    profile (``ui_settings.locale``), else the one the browser or API client
    asks for (``Accept-Language``), else the default."""
    user = getattr(request, "user", None)
    chosen = user.locale if user is not None and user.is_authenticated else ""
    return chosen or translation.get_language_from_request(request)


def respond_in_readers_language(
    request: HttpRequest, respond: Callable[[], HttpResponse]
) -> HttpResponse:
    """``respond()`` with the reader's language active, the answer marked with
    it (``Content-Language``)."""
    language = reader_language(request)
    with translation.override(language):
        response = respond()
    response.headers.setdefault("Content-Language", language)
    return response
