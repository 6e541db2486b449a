from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    """Conversations, their messages and attachments."""

    name = "conversations"

    def ready(self) -> None:
        from conversations import receivers

        receivers.connect()
