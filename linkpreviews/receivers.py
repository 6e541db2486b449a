"""When a preview is fetched: a new message naming a link. Connected in
``LinkPreviewsConfig.ready()``."""

from django.db.models.signals import post_save

from conversations.models import Message
from linkpreviews import services, tasks


def message_saved(sender: type, instance: Message, created: bool, **kwargs) -> None:
    # Enqueued in the message's transaction: no job without the message.
    if created and services.wants_preview(instance):
        tasks.preview_message_link.enqueue(message_id=instance.pk)


def connect() -> None:
    """Connect the receivers (idempotent: registered by uid)."""
    post_save.connect(message_saved, sender=Message, dispatch_uid="link-preview")
