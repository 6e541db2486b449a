from django.apps import AppConfig


class CsatConfig(AppConfig):
    """Customer satisfaction surveys: asked on resolve, answered in the widget
    or on the survey page, reported to administrators."""

    name = "csat"
    verbose_name = "CSAT surveys"

    def ready(self) -> None:
        from csat import receivers

        receivers.connect()
