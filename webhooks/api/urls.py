"""Application API routes of webhooks (under accounts/<id>/)."""

from django.urls import path

from webhooks.api import views

urlpatterns = [
    path("integrations/apps", views.IntegrationAppListView.as_view(), name="apps"),
    path("webhooks", views.WebhookListView.as_view(), name="webhooks"),
    path("webhooks/<id:webhook_id>", views.WebhookDetailView.as_view(), name="webhook"),
    path(
        "webhooks/<id:webhook_id>/deliveries",
        views.DeliveryListView.as_view(),
        name="webhook-deliveries",
    ),
    path(
        "webhooks/<id:webhook_id>/deliveries/<uuid:delivery_id>/resend",
        views.DeliveryResendView.as_view(),
        name="webhook-delivery-resend",
    ),
]
