"""Settings → Inboxes → Calls in real Chromium: an administrator turns calls
off and lets visitors share their screen; the widget then reads both."""

import pytest
from playwright.sync_api import expect

from accounts.models import Inbox
from tests.browser import screenshot, serious_accessibility_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]


def test_administrator_sets_an_inboxs_calls(signed_in, server, demo):
    """Both checkboxes show the inbox's settings and save together."""
    page = signed_in()
    page.goto(f"{server.url}/app/accounts/{demo.account_id}/settings/inboxes")
    calls = page.get_by_label("Voice and video calls between agents and visitors")
    screens = page.get_by_label("Visitors may share their screen in a call")
    expect(calls).to_be_checked()
    expect(screens).not_to_be_checked()
    calls.uncheck()
    screens.check()
    page.get_by_role("button", name="Save call settings").click()
    expect(page.get_by_text("Call settings saved.")).to_be_visible()
    page.get_by_role("heading", name="Calls").scroll_into_view_if_needed()
    screenshot(page, "settings-inbox-calls")
    assert serious_accessibility_violations(page) == []
    inbox = Inbox.objects.get(pk=demo.inbox_id)
    assert (inbox.calls_enabled, inbox.visitor_screen_sharing) == (False, True)
    page.reload()
    expect(
        page.get_by_label("Visitors may share their screen in a call")
    ).to_be_checked()
    expect(
        page.get_by_label("Voice and video calls between agents and visitors")
    ).not_to_be_checked()
