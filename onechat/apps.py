from django.apps import AppConfig


class OneChatConfig(AppConfig):
    """The project's wiring: settings, URLs, ASGI, health and the demo."""

    name = "onechat"
    verbose_name = "OneChat"
