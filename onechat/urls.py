"""OneChat URLs: health, admin, the APIs and the widget, then the dashboard."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from api.urls import not_found_patterns
from onechat.health import health
from onechat.media import serve_media

urlpatterns = [
    path("health", health, name="health"),
    path("admin/", admin.site.urls),
    path("", include("api.urls")),
    path("", include("dashboard.urls")),
    *not_found_patterns,
]
if settings.DEBUG:
    # In production nginx serves /media/ (with the same headers).
    urlpatterns.insert(
        0, re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media)
    )

# JSON errors under /api/ and /public/api/, OneChat's pages (templates/) elsewhere.
handler400 = "api.views.bad_request"
handler403 = "api.views.permission_denied"
handler404 = "api.views.not_found"
handler500 = "api.views.server_error"
