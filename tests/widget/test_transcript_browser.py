"""The widget's "Email transcript": offered once the visitor's email is known
and a conversation exists; a click queues the transcript to that email."""

import pytest
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import expect

from accounts.embed import embed_snippet
from conversations.models import Conversation
from tests.browser import screenshot
from tests.widget.test_browser import (  # noqa: F401 (fixtures)
    chat,
    demo,
    open_chat,
    say,
    site_inbox,
    visit,
    wait_stored,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]


def test_visitor_emails_themselves_the_transcript(visit, server, website, site_inbox):
    """Hidden without an email; with one, a click answers "Transcript sent"
    and the job is queued for the contact's email."""
    page = visit(website.add("/transcript", embed_snippet(site_inbox, server.url)))
    open_chat(page)
    frame = chat(page)
    button = frame.get_by_role("button", name="Email transcript")
    say(page, "Please send me this chat")
    wait_stored(page, 1)
    expect(button).to_be_hidden()
    contact = Conversation.objects.get(inbox=site_inbox).contact
    contact.email = "vera@example.org"
    contact.save()
    page.reload()
    page.wait_for_function("window.__onechatReady === true", timeout=10_000)
    open_chat(page)
    expect(button).to_be_visible()
    button.click()
    expect(frame.get_by_role("button", name="Transcript sent")).to_be_disabled()
    screenshot(page, "widget-transcript-sent")
    page.screenshot(path="/tmp/continuity-widget-transcript.png")
    [job] = DBTaskResult.objects.filter(task_path="continuity.tasks.mail_transcript")
    assert job.args_kwargs["kwargs"]["to_email"] == "vera@example.org"
    assert page.console_errors == []
