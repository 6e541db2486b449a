from django.apps import AppConfig


class AutomationConfig(AppConfig):
    """Automation rules run on conversation and message changes, and macros
    an agent runs on a conversation with one click."""

    name = "automation"

    def ready(self) -> None:
        from automation import receivers

        receivers.connect()
