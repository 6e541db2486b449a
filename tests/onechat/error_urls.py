"""OneChat's routes and error handlers, plus pages and API paths that fail on
purpose, for the error page tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from onechat.urls import handler400, handler403, handler404, handler500, urlpatterns


def refuse(request):
    raise PermissionDenied


def fail(request):
    raise RuntimeError("The error page test asked for this.")


urlpatterns = [
    path("refused", refuse),
    path("failing", fail),
    path("api/v1/refused", refuse),
    path("api/v1/failing", fail),
    *urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
