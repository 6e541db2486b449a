from django.apps import AppConfig


class RealtimeConfig(AppConfig):
    """The /cable endpoint, the event registry and the fan-out between processes."""

    name = "realtime"

    def ready(self) -> None:
        from realtime import receivers

        receivers.connect()
