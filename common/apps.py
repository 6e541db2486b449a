from django.apps import AppConfig


class CommonConfig(AppConfig):
    """What every app builds on: wire encodings, tokens, the shared JS kit."""

    name = "common"
