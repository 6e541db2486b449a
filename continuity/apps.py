from django.apps import AppConfig


class ContinuityConfig(AppConfig):
    """Conversations continued by email: agents' replies mailed to a visitor
    who left, their email replies taken back in, transcripts on request."""

    name = "continuity"

    def ready(self) -> None:
        from continuity import receivers

        receivers.connect()
