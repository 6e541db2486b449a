"""Labels in the dashboard: managed in Settings, picked in the thread and the
contact panel; the wrap-up asked for on resolve; the conversations page's
keyboard shortcuts."""

import json
import urllib.request

import pytest
from playwright.sync_api import expect

from accounts.models import Inbox
from contacts.models import Contact
from conversations.models import Conversation, Label
from tests.browser import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

MARKUP = '<img src=x onerror="document.title=1">'


def open_conversation(page, conversation_id: int) -> None:
    page.get_by_role("tab", name="All").click()
    page.locator(f'[data-conversation-id="{conversation_id}"]').click()
    expect(page.locator(".thread-header")).to_contain_text(f"#{conversation_id}")


def api_post(server, demo, path: str, body: dict) -> dict:
    """POST to the Application API as the demo administrator."""
    request = urllib.request.Request(
        f"{server.url}/api/v1/accounts/{demo.account_id}/{path}",
        data=json.dumps(body).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "api_access_token": demo.api_access_token,
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"{}")


def test_administrator_manages_labels_in_settings(signed_in, demo):
    """Settings list the labels with their colour; a label is created, changed
    and deleted there; a description with markup is shown as text. An inbox's
    wrap-up is set on its settings."""
    Label.objects.create(account_id=demo.account_id, title="vip", color="#00aa00")
    page = signed_in()
    page.goto(page.url.replace("/conversations", "/settings/labels"))
    expect(page.get_by_role("heading", name="Labels", level=1)).to_be_visible()
    table = page.locator(".label-table")
    expect(table.locator("tbody tr")).to_have_count(1)
    page.get_by_label("Label name").fill("billing")
    page.get_by_label("Description").fill(MARKUP)
    page.get_by_label("Colour").fill("#ff0000")
    page.get_by_label("Show on the sidebar").uncheck()
    page.get_by_role("button", name="Create label").click()
    row = table.locator('tr[data-label="billing"]')
    expect(row).to_contain_text(MARKUP)
    expect(row.locator("img")).to_have_count(0)
    swatch = row.locator(".label-swatch")
    expect(swatch).to_have_css("background-color", "rgb(255, 0, 0)")
    label = Label.objects.get(account_id=demo.account_id, title="billing")
    assert (label.description, label.color) == (MARKUP, "#ff0000")
    assert label.show_on_sidebar is False
    screenshot(page, "dashboard-settings-labels")

    page.get_by_role("button", name="Edit label billing").click()
    expect(page.get_by_label("Label name")).to_have_value("billing")
    page.get_by_label("Label name").fill("invoices")
    page.get_by_role("button", name="Save label").click()
    expect(table.locator('tr[data-label="invoices"]')).to_be_visible()
    label.refresh_from_db()
    assert label.title == "invoices"

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete label invoices").click()
    expect(table.locator('tr[data-label="invoices"]')).to_have_count(0)
    assert not Label.objects.filter(pk=label.pk).exists()

    page.get_by_role("link", name="Inboxes").click()
    page.get_by_label("Wrap-up on resolve").select_option("required")
    expect(page.locator("#toast")).to_contain_text("Wrap-up setting saved.")
    assert Inbox.objects.get(pk=demo.inbox_id).wrap_up == Inbox.WrapUp.REQUIRED


def test_labels_picked_in_thread_and_contact_panel(
    signed_in, visitor_factory, demo, server
):
    """The thread's picker searches the account's labels and adds one as a
    coloured chip; another's change arrives live; the contact panel's labels
    are picked and removed the same way; markup in a title stays text."""
    Label.objects.create(account_id=demo.account_id, title="billing", color="#ff0000")
    Label.objects.create(account_id=demo.account_id, title="vip", description="Big")
    # Made outside the API, which refuses such a title.
    Label.objects.create(account_id=demo.account_id, title=MARKUP)
    visitor = visitor_factory("Pat Visitor")
    conversation_id = visitor.start_conversation()
    visitor.say("Hello")
    page = signed_in()
    open_conversation(page, conversation_id)
    row = page.locator(".thread-pane .labels-row")
    row.get_by_role("button", name="Add label").click()
    expect(row.locator(".label-option")).to_have_count(3)
    expect(row.locator(".label-option").first).to_have_text(MARKUP)
    expect(row.locator("img")).to_have_count(0)
    row.get_by_label("Search labels").fill("bil")
    expect(row.locator(".label-option")).to_have_text(["billing"])
    screenshot(page, "dashboard-label-picker")
    row.get_by_label("Search labels").press("Enter")
    chip = row.locator('.chip[data-label="billing"]')
    expect(chip).to_be_visible()
    expect(chip.locator(".label-swatch")).to_have_css(
        "background-color", "rgb(255, 0, 0)"
    )
    conversation = Conversation.objects.get(
        account_id=demo.account_id, display_id=conversation_id
    )
    assert list(conversation.labels.values_list("title", flat=True)) == ["billing"]

    # Live: another's change arrives through conversation.updated.
    api_post(
        server,
        demo,
        f"conversations/{conversation_id}/labels",
        {"labels": ["billing", "vip"]},
    )
    expect(row.locator('.chip[data-label="vip"]')).to_be_visible()

    panel = page.locator(".contact-labels")
    panel.get_by_role("button", name="Add label").click()
    panel.locator(".label-option", has_text="vip").click()
    expect(panel.locator('.chip[data-label="vip"]')).to_be_visible()
    panel.get_by_role("button", name="Add label").click()
    panel.locator(".label-option").first.click()
    expect(panel.locator(".chip .label-title")).to_have_text([MARKUP, "vip"])
    expect(page.locator("img[src=x]")).to_have_count(0)
    contact = Contact.objects.get(pk=visitor.contact_id)
    assert sorted(contact.labels.values_list("title", flat=True)) == sorted(
        [MARKUP, "vip"]
    )
    screenshot(page, "dashboard-labels-thread-and-contact")
    panel.get_by_role("button", name="Remove label vip").click()
    expect(panel.locator('.chip[data-label="vip"]')).to_have_count(0)
    assert list(contact.labels.values_list("title", flat=True)) == [MARKUP]


def test_wrap_up_asked_on_resolve(signed_in, visitor_factory, demo):
    """In an inbox requiring a wrap-up, Resolve asks for labels and a note;
    both are needed; they are stored with the resolve, the note private."""
    Inbox.objects.filter(pk=demo.inbox_id).update(wrap_up=Inbox.WrapUp.REQUIRED)
    Label.objects.create(account_id=demo.account_id, title="billing", color="#ff0000")
    visitor = visitor_factory("Wren Visitor")
    conversation_id = visitor.start_conversation()
    visitor.say("Refund please")
    page = signed_in()
    open_conversation(page, conversation_id)
    page.locator(".thread-actions").get_by_role("button", name="Resolve").click()
    dialog = page.get_by_role("dialog", name="Wrap up the conversation")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Skip and resolve")).to_have_count(0)
    dialog.get_by_role("button", name="Resolve").click()
    expect(dialog.get_by_role("alert")).to_contain_text("at least one label")
    dialog.get_by_role("button", name="Add label").click()
    dialog.locator(".label-option", has_text="billing").click()
    dialog.get_by_label("Private note").fill("Refunded <b>12 EUR</b>")
    screenshot(page, "dashboard-wrap-up-dialog")
    dialog.get_by_role("button", name="Resolve").click()
    expect(dialog).to_have_count(0)
    expect(page.locator(".thread-header .chip.status-resolved")).to_be_visible()
    note = page.locator(".message.note").last
    expect(note).to_contain_text("Refunded <b>12 EUR</b>")
    conversation = Conversation.objects.get(
        account_id=demo.account_id, display_id=conversation_id
    )
    assert conversation.status == Conversation.Status.RESOLVED
    assert list(conversation.labels.values_list("title", flat=True)) == ["billing"]
    assert conversation.messages.get(content="Refunded <b>12 EUR</b>").private


def test_keyboard_shortcuts(signed_in, visitor_factory, demo):
    """? lists the shortcuts; J and K move through the list, not while typing;
    Alt shortcuts act from the composer; R focuses it, / starts a canned
    response; Alt+A takes the conversation, Alt+E resolves it."""
    ids = []
    for name in ("Ann Visitor", "Ben Visitor"):
        visitor = visitor_factory(name)
        ids.append(visitor.start_conversation())
        visitor.say(f"Hello from {name}")
    page = signed_in()
    page.get_by_role("tab", name="All").click()
    listed = page.locator(".conversation-item")
    expect(listed.first).to_have_attribute("data-conversation-id", str(ids[1]))
    page.locator("body").press("?")
    help_dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(help_dialog).to_contain_text("Next conversation")
    expect(help_dialog.locator("kbd", has_text="Alt+E")).to_be_visible()
    screenshot(page, "dashboard-shortcut-help")
    page.keyboard.press("Escape")
    expect(help_dialog).to_have_count(0)

    page.keyboard.press("j")
    expect(page.locator(".thread-header")).to_contain_text(f"#{ids[1]}")
    page.keyboard.press("j")
    expect(page.locator(".thread-header")).to_contain_text(f"#{ids[0]}")
    page.keyboard.press("k")
    expect(page.locator(".thread-header")).to_contain_text(f"#{ids[1]}")

    page.keyboard.press("r")
    composer = page.locator("#composer-input")
    expect(composer).to_be_focused()
    page.keyboard.type("jk")
    expect(composer).to_have_value("jk")
    expect(page.locator(".thread-header")).to_contain_text(f"#{ids[1]}")
    page.keyboard.press("Alt+J")
    expect(page.locator(".thread-header")).to_contain_text(f"#{ids[0]}")
    page.locator(".messages").click()
    page.keyboard.press("/")
    expect(composer).to_be_focused()
    expect(composer).to_have_value("/")

    page.keyboard.press("Alt+A")
    expect(page.get_by_label("Assigned agent")).to_have_value(str(demo.user_id))
    page.keyboard.press("Alt+E")
    expect(page.locator(".thread-header .chip.status-resolved")).to_be_visible()
    conversation = Conversation.objects.get(
        account_id=demo.account_id, display_id=ids[0]
    )
    assert conversation.status == Conversation.Status.RESOLVED
    assert conversation.assignee_id == demo.user_id
