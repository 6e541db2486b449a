from django.apps import AppConfig


class CallsConfig(AppConfig):
    """Voice and video calls between an agent and a contact, in a conversation:
    their states, the lines they write, their end after a lost connection."""

    name = "calls"

    def ready(self) -> None:
        from calls import receivers

        receivers.connect()
