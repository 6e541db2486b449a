from django.db import models
from django.utils import timezone


class RelayedEvent(models.Model):
    """An event committed in a process without a hub, on its way to the
    embedded web process's feed (``realtime/relay.py``): the envelope's
    fields, as the Redis event log keeps them."""

    # A JSON list of stream names, read back as text: the same on every database.
    streams = models.TextField()
    body = models.TextField()
    kind = models.CharField(max_length=16)
    receipt = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"
