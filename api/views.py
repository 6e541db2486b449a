"""The base of every API view, and JSON answers for requests no view takes."""

from typing import Any

from django.http import JsonResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views import csrf, defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import generics, serializers

from accounts.language import respond_in_readers_language
from api.permissions import Gate
from realtime.presence import present_contact_ids


class BaseAPIView(generics.GenericAPIView):
    """An API view of OneChat: thin, its input checked by ``validated``.

    Each write declares what it needs as ``capability`` (``api.permissions``
    says the forms); the ``Gate`` checks it after the view's own permission
    classes and before the handler, whatever those classes are.
    """

    def get_permissions(self) -> list:
        return [*super().get_permissions(), Gate()]

    def validated(
        self,
        serializer_class: type[serializers.Serializer],
        *,
        data: Any = None,
        **kwargs: Any,
    ) -> Any:
        """``data`` (the request's body unless given) checked by
        ``serializer_class`` with the view's serializer context; a 400 names
        the field that is wrong."""
        serializer = serializer_class(
            data=self.request.data if data is None else data,
            context=self.get_serializer_context(),
            **kwargs,
        )
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class ContactPresenceMixin:
    """For an account-scoped view answering contacts or conversations: the
    serializer context carries ``present_contact_ids``, the contacts /cable
    sees online now, read only if a serializer asks."""

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            account_id = self.account.pk
            context["present_contact_ids"] = SimpleLazyObject(
                lambda: present_contact_ids(account_id)
            )
        return context


# The Platform API is not served: its paths answer a JSON 404 too.
API_PREFIXES = ("/api/", "/public/api/", "/platform/api/")


# No CSRF check: it changes nothing, and a POST to an unknown API path is a
# 404, not a 403 for a missing token.
@csrf_exempt
def not_found(request, exception=None, **kwargs):
    """404 for unknown URLs: JSON under the APIs, OneChat's page elsewhere.

    Both ``handler404`` and the APIs' last route (any method) answer with it.
    An API path with a trailing slash is served by the route without it, as
    Chatwoot's router accepts both (``GET inboxes/{id}/``).
    """
    if request.path.startswith(API_PREFIXES):
        route = exception is None and _route_without_trailing_slash(request.path_info)
        if route:
            request.resolver_match = route
            return route.func(request, *route.args, **route.kwargs)
        return JsonResponse({"error": _("Not found.")}, status=404)
    return respond_in_readers_language(
        request, lambda: defaults.page_not_found(request, exception)
    )


def _route_without_trailing_slash(path: str):
    if not path.endswith("/") or path.endswith("//"):
        return None
    try:
        route = resolve(path[:-1])
    except Resolver404:
        return None
    return None if route.func is not_found else route


def csrf_failure(request, reason: str = ""):
    """403 for a failed CSRF check: JSON under the APIs, OneChat's page
    (``templates/403_csrf.html``) elsewhere."""
    if request.path.startswith(API_PREFIXES):
        return JsonResponse({"error": f"CSRF check failed: {reason}"}, status=403)
    return respond_in_readers_language(
        request, lambda: csrf.csrf_failure(request, reason)
    )


def bad_request(request, exception=None):
    """400 for requests Django refuses before a view runs (e.g. an oversize
    body): JSON under the APIs, OneChat's page elsewhere."""
    if request.path.startswith(API_PREFIXES):
        message = str(exception) if exception else _("Bad request.")
        return JsonResponse({"error": message}, status=400)
    return _in_browsers_language(
        request, lambda: defaults.bad_request(request, exception)
    )


def permission_denied(request, exception=None):
    """403 for a page a view refuses with ``PermissionDenied``: JSON under the
    APIs, OneChat's page elsewhere."""
    if request.path.startswith(API_PREFIXES):
        message = _("You do not have permission to perform this action.")
        return JsonResponse({"error": message}, status=403)
    return respond_in_readers_language(
        request, lambda: defaults.permission_denied(request, exception)
    )


def server_error(request):
    """500 as JSON under the APIs, so clients can always parse an answer;
    elsewhere ``templates/500.html``, rendered without context, database or
    URL reversing, since any of them may be what failed."""
    if request.path.startswith(API_PREFIXES):
        return JsonResponse({"error": "Server error."}, status=500)
    return _in_browsers_language(request, lambda: defaults.server_error(request))


def _in_browsers_language(request, respond):
    """``respond()`` in the language of ``Accept-Language``: unlike the
    agent's profile language, reading it needs no session or database, which
    may be what failed."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        response = respond()
    response.headers.setdefault("Content-Language", language)
    return response
