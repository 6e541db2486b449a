from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Reports: reporting events written as conversations move, and the
    aggregates (time series, summaries, the live view) read from them."""

    name = "reports"

    def ready(self) -> None:
        from reports import receivers

        receivers.connect()
