"""OneChat URLs: the Application API, the public client API, the dashboard,
the website widget, admin and the API schema."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from onechat import (
    api_views,
    converters,  # noqa: F401  (registers the <id:...> converter)
)
from onechat.health import health

urlpatterns = [
    path("health", health, name="health"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"
    ),
    path("api/v1/", include("onechat.api_urls")),
    path("api/v1/accounts/<id:account_id>/", include("conversations.urls")),
    path("api/v1/accounts/<id:account_id>/", include("contacts.urls")),
    path("public/api/v1/", include("conversations.public_urls")),
    path("", include("conversations.widget_urls")),
    path("", include("onechat.dashboard_urls")),
    # Last: any other path under the APIs is a JSON 404, with DEBUG on too.
    re_path(r"^(?:api|public/api)/", api_views.not_found),
]
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# JSON errors under /api/ and /public/api/, Django's pages elsewhere.
handler400 = "onechat.api_views.bad_request"
handler404 = "onechat.api_views.not_found"
handler500 = "onechat.api_views.server_error"
