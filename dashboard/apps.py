from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The agents' web dashboard: its pages, templates and scripts."""

    name = "dashboard"
