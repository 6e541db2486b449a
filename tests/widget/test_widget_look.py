"""The inbox's look in the widget on a customer's website: its dark mode,
Chatwoot's SDK `darkMode` over it, its reply time and avatar."""

import pytest
from playwright.sync_api import expect

from accounts.embed import embed_snippet
from tests import factories
from tests.browser import screenshot, serious_accessibility_violations
from tests.widget.test_browser import chat, chat_window, demo, open_chat, visit

__all__ = ["demo", "visit"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

DARK_BACKGROUND = "rgb(29, 41, 57)"
LIGHT_BACKGROUND = "rgb(255, 255, 255)"


def test_the_inbox_dark_mode_and_the_sdk_setting(visit, server, website, demo):
    """An inbox set to dark draws a dark window with its reply time; the
    host page's `darkMode: "light"` wins over it; `"auto"` follows a visitor
    whose system prefers dark."""
    inbox = factories.InboxFactory(
        account_id=demo.account_id,
        name="Night shop",
        dark_mode="dark",
        reply_time="in_a_day",
        greeting_enabled=True,
        greeting_message="We answer overnight.",
        email_collect_enabled=False,
    )
    snippet = embed_snippet(inbox, server.url)
    page = visit(website.add("/dark", snippet))
    open_chat(page)
    frame = chat(page)
    expect(frame.locator("html")).to_have_attribute("data-scheme", "dark")
    expect(frame.locator(".composer")).to_have_css("background-color", DARK_BACKGROUND)
    expect(frame.locator("#reply-time")).to_have_text("Typically replies in a day")
    expect(frame.locator("#avatar")).to_be_hidden()
    screenshot(page, "widget-dark-on-website")
    assert serious_accessibility_violations(chat_window(page)) == []

    light = visit(website.add("/light", snippet, '{"darkMode": "light"}'))
    open_chat(light)
    expect(chat(light).locator("html")).to_have_attribute("data-scheme", "light")
    expect(chat(light).locator(".composer")).to_have_css(
        "background-color", LIGHT_BACKGROUND
    )
    screenshot(light, "widget-light-by-sdk-setting")

    auto = visit(
        website.add("/auto", snippet, '{"darkMode": "auto"}'),
        setup=lambda tab: tab.emulate_media(color_scheme="light"),
    )
    open_chat(auto)
    expect(chat(auto).locator("html")).to_have_attribute("data-scheme", "light")
    auto.emulate_media(color_scheme="dark")
    expect(chat(auto).locator("html")).to_have_attribute("data-scheme", "dark")
