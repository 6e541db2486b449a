"""When a preview is fetched: a new message naming a link. Connected in
``LinkPreviewsConfig.ready()``."""

from conversations.models import Message
from conversations.signals import message_created
from linkpreviews import services, tasks


def message_was_created(sender: type, message: Message, **kwargs) -> None:
    # Enqueued in the message's transaction: no job without the message.
    if services.wants_preview(message):
        tasks.preview_message_link.enqueue(message_id=message.pk)


def connect() -> None:
    """Connect the receivers (idempotent: registered by uid)."""
    message_created.connect(message_was_created, dispatch_uid="link-preview")
