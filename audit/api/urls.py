"""Application API routes of the audit log (under accounts/<id>/)."""

from django.urls import path

from audit.api import views

urlpatterns = [
    path("audit_logs", views.AuditLogListView.as_view(), name="audit-logs"),
]
