"""Application API routes of automation rules and macros (under accounts/<id>/)."""

from django.urls import path

from automation.api import views

urlpatterns = [
    path("automation_rules", views.RuleListView.as_view(), name="automation-rules"),
    path(
        "automation_rules/<id:rule_id>",
        views.RuleDetailView.as_view(),
        name="automation-rule",
    ),
    path(
        "automation_rules/<id:rule_id>/clone",
        views.RuleCloneView.as_view(),
        name="automation-rule-clone",
    ),
    path(
        "automation_rules/<id:rule_id>/runs",
        views.RuleRunsView.as_view(),
        name="automation-rule-runs",
    ),
    path("automation_runs", views.RunListView.as_view(), name="automation-runs"),
    path("macros", views.MacroListView.as_view(), name="macros"),
    path("macros/<id:macro_id>", views.MacroDetailView.as_view(), name="macro"),
    path(
        "macros/<id:macro_id>/execute",
        views.MacroExecuteView.as_view(),
        name="macro-execute",
    ),
]
