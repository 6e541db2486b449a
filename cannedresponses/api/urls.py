"""Application API routes of canned responses (under accounts/<id>/)."""

from django.urls import path

from cannedresponses.api import views

urlpatterns = [
    path(
        "canned_responses",
        views.CannedResponseListView.as_view(),
        name="canned-responses",
    ),
    path(
        "canned_responses/<id:canned_response_id>",
        views.CannedResponseDetailView.as_view(),
        name="canned-response",
    ),
]
