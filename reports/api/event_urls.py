"""Application API v1 routes of reporting events (under accounts/<id>/)."""

from django.urls import path

from reports.api import views

urlpatterns = [
    path(
        "reporting_events",
        views.ReportingEventListView.as_view(),
        name="reporting-events",
    ),
    path(
        "conversations/<id:conversation_id>/reporting_events",
        views.ConversationReportingEventListView.as_view(),
        name="conversation-reporting-events",
    ),
]
