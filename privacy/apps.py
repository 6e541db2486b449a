from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "Privacy: data in and out"

    def ready(self) -> None:
        from privacy import receivers  # noqa: F401
