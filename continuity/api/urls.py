"""Continuity's routes: the inbound email endpoint."""

from django.urls import path

from continuity.api import views

urlpatterns = [
    path("email/inbound", views.InboundEmailView.as_view(), name="email-inbound"),
    # Mailgun posts the raw mail (body-mime) to a URL ending in "mime".
    path(
        "email/inbound/mime",
        views.InboundEmailView.as_view(),
        name="email-inbound-mime",
    ),
]
