"""Continuity's routes: the inbound email endpoint and the dashboard's
transcript."""

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
    path(
        "api/v1/accounts/<id:account_id>/conversations/<id:conversation_id>/transcript",
        views.TranscriptView.as_view(),
        name="conversation-transcript",
    ),
]
