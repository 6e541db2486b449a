"""Canned responses and mentions in a real browser: the settings page, `/`
completing a canned response with its variables and files, `@` storing
Chatwoot's mention markup and the sent note drawing a name chip."""

import pytest
from playwright.sync_api import expect

from accounts.models import Account, AccountUser, Inbox
from cannedresponses.models import CannedResponse
from cannedresponses.services import create_canned_response
from conversations.models import Attachment, Message
from tests import factories
from tests.browser import screenshot, serious_accessibility_violations
from tests.dashboard.test_conversation import open_conversation, tiny_png

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

MARKUP_CODE = "<b>bold</b>"
MARKUP_CONTENT = '<img src=x onerror="window.__owned=1">'


def marco_conversation(demo):
    return (
        Message.objects.filter(
            account_id=demo.account_id, sender_contact__name="Marco Rossi"
        )
        .first()
        .conversation
    )


def add_greeting(form) -> None:
    """Fill and submit the new canned response form: ``greet`` with a file."""
    form.get_by_label("Short code").fill("greet")
    form.get_by_label("Content").fill(
        "Hi {{contact.name}}, {{agent.name}} of {{account.name}} here"
        " ({{unknown.thing}})"
    )
    form.get_by_label("Attach files").set_input_files(
        [{"name": "label.png", "mimeType": "image/png", "buffer": tiny_png()}]
    )
    form.get_by_role("button", name="Add canned response").click()


def test_canned_response_is_made_in_settings_and_sent_from_the_composer(
    signed_in, server, demo
):
    """An administrator adds, edits and deletes canned responses with files in
    Settings; in a conversation `/gre` offers one, Enter puts in its content
    with the variables filled (an unknown one left as typed) and its file, and
    Enter sends both. Markup in a short code or content is shown as text."""
    account = Account.objects.get(pk=demo.account_id)
    create_canned_response(
        account=account, short_code=MARKUP_CODE, content=MARKUP_CONTENT
    )
    page = signed_in()
    page.goto(f"{server.url}/app/accounts/{demo.account_id}/settings/canned_responses")
    form = page.locator("form", has_text="New canned response")
    add_greeting(form)
    card = page.locator(".canned-card", has_text="/greet")
    expect(card).to_contain_text("label.png")
    hostile = page.locator(".canned-card", has_text=MARKUP_CODE)
    expect(hostile.locator(".canned-content")).to_have_text(MARKUP_CONTENT)
    assert page.locator(".settings-content img, .settings-content b").count() == 0
    screenshot(page, "settings-canned-responses")
    assert serious_accessibility_violations(page) == []
    assert CannedResponse.objects.get(short_code="greet").attachments.count() == 1
    card.get_by_role("button", name="Edit").click()
    card.get_by_label("Short code").fill("greet2")
    card.get_by_role("button", name="Save").click()
    expect(page.locator(".canned-card", has_text="/greet2")).to_contain_text(
        "label.png"
    )
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".canned-card", has_text="/greet2").get_by_role(
        "button", name="Delete"
    ).click()
    expect(page.locator(".canned-card", has_text="/greet2")).to_have_count(0)
    assert not CannedResponse.objects.filter(short_code__startswith="greet").exists()
    add_greeting(form)
    expect(page.locator(".canned-card", has_text="/greet")).to_have_count(1)

    page.goto(f"{server.url}/app/accounts/{demo.account_id}/conversations")
    conversation = marco_conversation(demo)
    open_conversation(page, conversation.display_id)
    composer = page.locator("#composer-input")
    composer.press_sequentially("/<")
    listed = page.locator("#composer-completion [role=option]")
    expect(listed).to_have_count(1)
    expect(listed.first).to_contain_text(MARKUP_CODE)
    expect(listed.first).to_contain_text(MARKUP_CONTENT)
    assert page.locator("#composer-completion img, #composer-completion b").count() == 0
    composer.press("Escape")
    expect(page.locator("#composer-completion")).to_be_hidden()
    composer.fill("")

    composer.press_sequentially("Sure! /gre")
    expect(listed).to_have_count(1)
    expect(listed.first).to_have_attribute("aria-selected", "true")
    screenshot(page, "composer-canned-completion")
    assert serious_accessibility_violations(page) == []
    composer.press("Enter")
    filled = "Sure! Hi Marco Rossi, Demo Admin of Acme Inc here ({{unknown.thing}}) "
    expect(composer).to_have_value(filled)
    expect(page.locator(".composer .file-list")).to_have_text("label.png")
    composer.press("Enter")
    sent = page.locator(".message.outgoing", has_text="Demo Admin of Acme Inc here")
    expect(sent.locator(".attachment.image img")).to_have_count(1)
    message = Message.objects.get(content__startswith=filled.strip())
    assert Attachment.objects.filter(message=message).count() == 1
    assert page.evaluate("window.__owned") is None


def test_mention_in_a_note_stores_markup_and_draws_a_name(signed_in, demo):
    """In a private note `@no` offers the inbox's agent Nora; Tab puts in
    Chatwoot's markup; the sent note shows `@Nora Quill` as a chip, never
    the markup. A reply offers no mentions."""
    nora = factories.UserFactory(name="Nora Quill")
    factories.AccountUserFactory(
        account_id=demo.account_id, user=nora, role=AccountUser.Role.AGENT
    )
    factories.InboxMemberFactory(inbox=Inbox.objects.get(pk=demo.inbox_id), user=nora)
    page = signed_in()
    conversation = marco_conversation(demo)
    open_conversation(page, conversation.display_id)
    composer = page.locator("#composer-input")
    composer.press_sequentially("@no")
    page.wait_for_timeout(300)
    expect(page.locator("#composer-completion")).to_be_hidden()
    composer.fill("")

    page.get_by_role("tab", name="Private note").click()
    composer.press_sequentially("Please check, @no")
    options = page.locator("#composer-completion [role=option]")
    expect(options).to_have_count(1)
    expect(options.first).to_have_text("@Nora Quill")
    screenshot(page, "composer-mention-completion")
    assert serious_accessibility_violations(page) == []
    composer.press("Tab")
    markup = f"[@Nora Quill](mention://user/{nora.pk}/Nora%20Quill)"
    expect(composer).to_have_value(f"Please check, {markup} ")
    composer.press_sequentially("thanks")
    composer.press("Enter")
    note = page.locator(".message.note", has_text="Please check")
    chip = note.locator(".content .mention")
    expect(chip).to_have_text("@Nora Quill")
    page.wait_for_timeout(500)
    expect(note.locator(".content")).not_to_contain_text("mention://")
    expect(note.locator(".content")).to_contain_text("Please check, @Nora Quill thanks")
    stored = Message.objects.get(
        conversation=conversation, private=True, content__contains="Please check"
    )
    assert stored.content == f"Please check, {markup} thanks"
    screenshot(page, "note-mention-chip")
