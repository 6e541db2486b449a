from django.apps import AppConfig


class LinkPreviewsConfig(AppConfig):
    """Link previews: the server fetches the page a message links to, safely,
    and keeps its title and description beside the message."""

    name = "linkpreviews"

    def ready(self) -> None:
        from linkpreviews import receivers

        receivers.connect()
