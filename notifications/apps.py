from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Agents' notifications: assignments, mentions, new messages and long
    waits, in the dashboard and by email."""

    name = "notifications"

    def ready(self) -> None:
        from notifications import receivers

        receivers.connect()
