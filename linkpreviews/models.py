from django.db import models

from linkpreviews.page import MAX_URL_CHARS


class LinkPreview(models.Model):
    """What the page at ``url`` said about itself when last fetched; empty
    fields when the fetch found nothing (kept too, so a dead or refused link is
    not fetched again for every message naming it)."""

    url = models.CharField(max_length=MAX_URL_CHARS, unique=True)
    title = models.TextField(blank=True)
    description = models.TextField(blank=True)
    image_url = models.TextField(blank=True)
    site_name = models.TextField(blank=True)
    canonical_url = models.TextField(blank=True)
    fetched_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.url

    @property
    def found(self) -> bool:
        """Whether the page gave anything to show."""
        return bool(self.title or self.description)
