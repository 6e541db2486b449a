"""The open conversation's "Send transcript": the agent types an address,
the transcript job is queued and mails it."""

import pytest
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import expect

from django.core import mail
from django.utils.module_loading import import_string

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]


def test_an_agent_sends_the_transcript_from_the_header(
    signed_in, visitor_factory, settings
):
    """The header's Send transcript asks for the address and answers with
    a toast; the job queued mails the conversation to that address."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    visitor = visitor_factory("Pat <b>Visitor</b>")
    conversation_id = visitor.start_conversation()
    visitor.say("Where is my parcel?")
    page = signed_in()
    page.get_by_role("tab", name="All").click()
    page.locator(f'[data-conversation-id="{conversation_id}"]').click()
    header = page.locator(".thread-header")
    expect(header).to_contain_text(f"#{conversation_id}")
    header.get_by_text("Send transcript").click()
    address = header.get_by_label("Send the transcript to")
    expect(address).to_be_focused()
    address.fill("boss@example.org")
    page.screenshot(path="/tmp/continuity-transcript-form.png")
    header.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator("#toast")).to_contain_text("boss@example.org")
    page.screenshot(path="/tmp/continuity-transcript-sent.png")

    [job] = DBTaskResult.objects.filter(task_path="continuity.tasks.mail_transcript")
    assert job.args_kwargs["kwargs"]["to_email"] == "boss@example.org"
    import_string(job.task_path).call(**job.args_kwargs["kwargs"])
    [email] = mail.outbox
    assert email.to == ["boss@example.org"]
    assert "Where is my parcel?" in email.body
