"""The whole HTTP API's map: each app's routes, the schema, JSON 404s last.

The Application API (``/api/v1/``) is composed here from the apps' own
``api/urls.py``; the contact-facing routes (public client API, widget API)
come from ``widget``.
"""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from api.views import not_found

account = "api/v1/accounts/<id:account_id>/"
account_v2 = "api/v2/accounts/<id:account_id>/"

urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"
    ),
    path("api/v1/", include("accounts.api.urls")),
    path(account, include("conversations.api.urls")),
    path(account, include("collaboration.api.urls")),
    path(account, include("agentchat.api.urls")),
    path(account, include("contacts.api.urls")),
    path(account, include("routing.api.urls")),
    path(account, include("filters.api.urls")),
    path(account, include("cannedresponses.api.urls")),
    path(account, include("notifications.api.urls")),
    path(account, include("automation.api.urls")),
    path(account, include("agentbots.api.urls")),
    path(account, include("webhooks.api.urls")),
    path(account, include("audit.api.urls")),
    path(account, include("privacy.api.urls")),
    path(account, include("reports.api.event_urls")),
    path(account_v2, include("reports.api.urls")),
    path(account, include("csat.api.urls")),
    path("", include("csat.api.public_urls")),
    path("", include("continuity.api.urls")),
    path("public/api/v1/", include("widget.public_urls")),
    path("", include("widget.urls")),
]

# Included last by the root URLconf: any other path under the APIs (the
# Platform API's included) is a JSON 404, with DEBUG on too.
not_found_patterns = [re_path(r"^(?:api|public/api|platform/api)/", not_found)]
