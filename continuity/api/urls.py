"""Continuity's routes: the inbound email endpoint and the dashboard's
transcript."""

from django.urls import path

from continuity.api import views

urlpatterns = [
    path("email/inbound", views.InboundEmailView.as_view(), name="email-inbound"),
    path(
        "api/v1/accounts/<id:account_id>/conversations/<id:conversation_id>/transcript",
        views.TranscriptView.as_view(),
        name="conversation-transcript",
    ),
]
