from django.apps import AppConfig


class WidgetConfig(AppConfig):
    """Everything a contact session talks to: the widget, its SDK and APIs."""

    name = "widget"
