"""Which messages get a preview, the cache of fetched pages, and the preview
reaching a message's audience (a private note's, agents only)."""

from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from django.utils import timezone

from accounts.models import AccountUser
from conversations import editing
from conversations import services as conversation_services
from conversations.models import Message
from linkpreviews import services
from linkpreviews.models import LinkPreview
from tests.linkpreviews.conftest import PREVIEW_PAGE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("see https://example.com/a?b=1.", "https://example.com/a?b=1"),
        ("[docs](https://example.org/x) and http://b.example", "https://example.org/x"),
        ("(http://example.com/path)!", "http://example.com/path"),
        ("HTTPS://EXAMPLE.COM", "HTTPS://EXAMPLE.COM"),
        ("no link, javascript:alert(1) or ftp://example.com", None),
        ("", None),
        ("https://example.com/" + "a" * 3000, None),
    ],
)
def test_first_link(text, link):
    assert services.first_link(text) == link


def send(conversation, agent, content, **kwargs) -> Message:
    return conversation_services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        sender=agent,
        content=content,
        **kwargs,
    )


def test_new_message_with_a_link_enqueues_one_job(conversation, agent, settings):
    """The job is enqueued with the message (same transaction); messages
    without a link, activity lines and switched-off previews enqueue none."""
    message = send(conversation, agent, "https://example.com and https://b.example")
    [job] = DBTaskResult.objects.filter(task_path__startswith="linkpreviews.")
    assert job.task_path == "linkpreviews.tasks.preview_message_link"
    assert job.args_kwargs["kwargs"] == {"message_id": message.pk}
    send(conversation, agent, "no link here")
    conversation_services.record_activity(
        conversation=conversation,
        kind="team.assigned",
        params={"team": "https://example.com"},
    )
    settings.ONECHAT_LINK_PREVIEWS_ENABLED = False
    send(conversation, agent, "https://example.com")
    assert (
        DBTaskResult.objects.filter(task_path__startswith="linkpreviews.").count() == 1
    )


@pytest.mark.usefixtures("allow_local")
def test_preview_is_cached_per_url(conversation, agent, local_site):
    """Two messages naming one page fetch it once; once stale it is fetched again."""
    url = local_site.page("/coffee", PREVIEW_PAGE)
    first = send(conversation, agent, f"look {url}")
    second = send(conversation, agent, f"again {url}")
    services.preview_message(message_id=first.pk)
    services.preview_message(message_id=second.pk)
    assert local_site.requests == ["/coffee"]
    LinkPreview.objects.update(fetched_at=timezone.now() - timedelta(hours=25))
    services.preview_message(message_id=second.pk)
    assert local_site.requests == ["/coffee", "/coffee"]


def test_refused_link_is_remembered_and_adds_nothing(conversation, agent, local_site):
    """A loopback page (no allowed networks) gives no preview and no update;
    the refusal is cached like a page."""
    url = local_site.page("/coffee", PREVIEW_PAGE)
    message = send(conversation, agent, url)
    assert services.preview_message(message_id=message.pk) is None
    message.refresh_from_db()
    assert "link_preview" not in message.content_attributes
    assert LinkPreview.objects.get(url=url).found is False
    assert local_site.requests == []


@pytest.mark.usefixtures("allow_local")
def test_preview_reaches_agents_and_contact(
    conversation, agent, local_site, capture_events
):
    url = local_site.page("/coffee", PREVIEW_PAGE)
    message = send(conversation, agent, f"Our beans: {url}")
    with capture_events() as events:
        services.preview_message(message_id=message.pk)
    updated = events.one("message.updated")
    preview = updated.data["content_attributes"]["link_preview"]
    assert preview == {
        "url": url,
        "title": "Coffee & beans <img src=x onerror=alert(1)>",
        "description": "Roasted every morning. <script>window.__owned = 1</script>",
        "image_url": f"{local_site.url}/beans.png",
        "site_name": "Acme shop",
        "canonical_url": f"{local_site.url}/shop/coffee",
    }
    assert conversation.contact_inbox.pubsub_token in updated.streams


@pytest.mark.usefixtures("allow_local")
def test_private_note_preview_never_reaches_the_contact(
    conversation, agent, local_site, capture_events
):
    """A note's preview goes to the inbox's agents only."""
    url = local_site.page("/coffee", PREVIEW_PAGE)
    note = send(conversation, agent, f"internal: {url}", private=True)
    with capture_events() as events:
        services.preview_message(message_id=note.pk)
    assert events.names() == ["message.updated"]
    streams = events.streams("message.updated")
    assert streams
    assert conversation.contact_inbox.pubsub_token not in streams


@pytest.mark.usefixtures("allow_local")
def test_deleted_message_gets_no_preview(conversation, agent, local_site):
    url = local_site.page("/coffee", PREVIEW_PAGE)
    message = send(conversation, agent, url)
    membership = AccountUser.objects.get(account_id=conversation.account_id, user=agent)
    editing.delete_message(message=message, membership=membership)
    assert services.preview_message(message_id=message.pk) is None
    message.refresh_from_db()
    assert "link_preview" not in message.content_attributes
