from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    """Webhooks: an account's events delivered to outside systems, recorded in
    the transaction of their change and sent in order, signed and retried."""

    name = "webhooks"

    def ready(self) -> None:
        from webhooks import receivers

        receivers.connect()
