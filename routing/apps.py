from django.apps import AppConfig


class RoutingConfig(AppConfig):
    """Auto-assignment with capacity, and the queue of conversations waiting
    for an agent."""

    name = "routing"

    def ready(self) -> None:
        from routing import receivers

        receivers.connect()
