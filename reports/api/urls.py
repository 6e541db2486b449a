"""Application API v2 routes of reports (under api/v2/accounts/<id>/)."""

from django.urls import path

from reports.api import views

urlpatterns = [
    path("reports", views.TimeseriesView.as_view(), name="reports"),
    path("reports/summary", views.SummaryView.as_view(), name="reports-summary"),
    path(
        "reports/conversations",
        views.LiveView.as_view(),
        name="reports-conversations",
    ),
    path(
        "reports/conversations/",
        views.LiveView.as_view(default_type="agent"),
        name="reports-conversations-agents",
    ),
    path(
        "summary_reports/<str:dimension>",
        views.MemberSummaryView.as_view(),
        name="summary-reports",
    ),
    path(
        "reports/<str:plural>",
        views.ExportView.as_view(),
        name="reports-export",
    ),
]
