"""Data in and out on the dashboard: an administrator previews a contacts
import (each bad row named, markup shown as text), imports, erases a
contact with a typed confirmation, and sets the retention."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.models import Account, AccountUser
from contacts.models import Contact
from tests import factories
from tests.browser import serious_accessibility_violations
from tests.dashboard.test_conversation import open_conversation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

MARKUP = "<img src=x onerror=document.title=1>"
BAD = (
    "name,email,plan\nBad Row,bad-email,gold\nIda Import,ida@example.com,\n"
    f"{MARKUP},markup@example.com,\n"
)
GOOD = "name,email,plan,labels\nIda Import,ida@example.com,gold,vip\n"


def test_import_preview_confirm_and_erase(signed_in, demo, tmp_path):
    page = signed_in()
    page.goto(page.url.replace("/conversations", "/contacts"))
    page.get_by_role("button", name="Import").click()
    dialog = page.locator(".import-dialog")
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD)
    dialog.get_by_label("CSV file").set_input_files(str(bad))
    errors = dialog.locator(".import-errors")
    expect(errors).to_contain_text("Enter a valid email address.")
    expect(errors.locator("tbody tr").first).to_contain_text("2")
    expect(dialog.locator(".import-rows")).to_contain_text("Ida Import")
    expect(dialog.locator(".import-rows")).to_contain_text(MARKUP)
    expect(dialog.get_by_role("button", name="Import")).to_be_disabled()
    expect(dialog.locator("img")).to_have_count(0)
    page.screenshot(path="/tmp/privacy-import-errors.png")
    assert serious_accessibility_violations(page) == []
    assert not Contact.objects.filter(email="ida@example.com").exists()

    good = tmp_path / "good.csv"
    good.write_text(GOOD)
    dialog.get_by_label("CSV file").set_input_files(str(good))
    expect(dialog.locator(".import-rows")).to_contain_text("ida@example.com")
    page.screenshot(path="/tmp/privacy-import-preview.png")
    dialog.get_by_role("button", name="Import").click()
    expect(page.locator("#toast")).to_contain_text("Contacts imported.")
    ida = Contact.objects.get(email="ida@example.com")
    assert ida.custom_attributes == {"plan": "gold"}

    page.locator(".contact-items").get_by_text("Ida Import").click()
    panel = page.locator(".contact-card")
    panel.get_by_role("button", name="Erase").click()
    erase = page.locator(".erase-dialog")
    confirm = erase.get_by_role("button", name="Erase personal data")
    expect(confirm).to_be_disabled()
    erase.get_by_label("Confirmation").fill("ERASE")
    page.screenshot(path="/tmp/privacy-erase-dialog.png")
    assert serious_accessibility_violations(page) == []
    confirm.click()
    expect(panel.get_by_role("heading", name="Erased contact")).to_be_visible()
    page.screenshot(path="/tmp/privacy-erased.png")
    ida.refresh_from_db()
    assert ida.email is None and ida.erased_at is not None
    assert page.title() != "1"


def test_retention_settings(signed_in, demo):
    page = signed_in()
    page.goto(page.url.replace("/conversations", "/settings/data"))
    expect(page.get_by_role("heading", name="Data", level=1)).to_be_visible()
    page.get_by_label("Erase contacts inactive for (days)").fill("365")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#toast")).to_contain_text("Retention saved.")
    page.screenshot(path="/tmp/privacy-settings-data.png")
    assert serious_accessibility_violations(page) == []
    account = Account.objects.get(pk=demo.account_id)
    assert account.contact_retention_days == 365
    assert account.attachment_retention_days is None


def test_an_agent_downloads_a_transcript(signed_in, visitor_factory, demo):
    agent = factories.UserFactory(name="Casey Colleague")
    factories.AccountUserFactory(
        account_id=demo.account_id, user=agent, role=AccountUser.Role.AGENT
    )
    factories.InboxMemberFactory(inbox_id=demo.inbox_id, user=agent)
    visitor = visitor_factory("Pat Visitor")
    conversation_id = visitor.start_conversation()
    visitor.say("My order <b>42</b> is late")
    page = signed_in(agent)
    open_conversation(page, conversation_id)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download transcript").click()
    download = info.value
    assert download.suggested_filename == f"conversation-{conversation_id}.txt"
    text = Path(download.path()).read_text()
    assert "Pat Visitor: My order <b>42</b> is late" in text
    page.screenshot(path="/tmp/privacy-transcript.png")
