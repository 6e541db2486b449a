from django.apps import AppConfig


class ApiConfig(AppConfig):
    """Plumbing every HTTP API shares: authentication, permissions, errors, schema."""

    name = "api"
    verbose_name = "API plumbing"

    def ready(self) -> None:
        # Registers the access-token scheme with the OpenAPI generator and the
        # <id:...> path converter before any URLconf is read.
        from api import converters, schema  # noqa: F401
