"""Link previews: which messages get one, the cache of fetched pages, and
putting a preview on its message.

A page is fetched at most once per ``FRESH_FOR`` whatever the number of
messages naming it; a fetch that found nothing is remembered as long.
"""

import dataclasses
import logging
import re
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from conversations.models import Message
from conversations.services import attach_link_preview
from linkpreviews.addresses import RefusedAddress
from linkpreviews.fetch import FetchFailed, fetch_page
from linkpreviews.models import LinkPreview
from linkpreviews.page import MAX_URL_CHARS, Summary, summarise
from linkpreviews.serializers import LinkPreviewSerializer

logger = logging.getLogger(__name__)

FRESH_FOR = timedelta(hours=24)
# A bare or Markdown link; brackets and quotes end it, trailing punctuation is
# the sentence's (as the front ends' linkifier reads it).
LINK = re.compile(r"https?://[^\s<>\"'()\[\]]+", re.IGNORECASE)
TRAILING = ".,;:!?*_"
NOTHING = Summary(
    title="", description="", image_url="", site_name="", canonical_url=""
)


def first_link(text: str) -> str | None:
    """The first http(s) URL in a message's text, if any (and not too long)."""
    match = LINK.search(text or "")
    if match is None:
        return None
    url = match.group(0).rstrip(TRAILING)
    return url if len(url) <= MAX_URL_CHARS else None


def wants_preview(message: Message) -> bool:
    """Whether a new message gets a preview: previews are on, it is a message
    or note (not an activity line) and it names a link."""
    return (
        settings.ONECHAT_LINK_PREVIEWS_ENABLED
        and message.message_type != Message.MessageType.ACTIVITY
        and first_link(message.content) is not None
    )


def find_preview(*, url: str) -> LinkPreview:
    """The preview of ``url``: the cached one while fresh, else fetched now."""
    cached = LinkPreview.objects.filter(
        url=url, fetched_at__gte=timezone.now() - FRESH_FOR
    ).first()
    if cached is not None:
        return cached
    try:
        page = fetch_page(url)
        summary = summarise(page.html, url=page.url)
    except (FetchFailed, RefusedAddress) as error:
        logger.info("no link preview for %s: %s", url, error)
        summary = NOTHING
    preview, _ = LinkPreview.objects.update_or_create(
        url=url,
        defaults={**dataclasses.asdict(summary), "fetched_at": timezone.now()},
    )
    return preview


def preview_message(*, message_id: int) -> Message | None:
    """Put the preview of a message's first link on it, when its page gave one.

    Publishes ``message.updated`` (to the audience of the message: a private
    note's preview reaches agents only).
    """
    message = Message.objects.filter(pk=message_id).first()
    url = first_link(message.content) if message is not None else None
    if url is None:
        return None
    preview = find_preview(url=url)
    if not preview.found:
        return None
    attributes = LinkPreviewSerializer(preview).data
    return attach_link_preview(message_id=message_id, url=url, preview=attributes)
