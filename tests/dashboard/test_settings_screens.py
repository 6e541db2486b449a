"""The settings pages for agent capacity, business hours with holidays, and
the widget with its live preview, in real Chromium; what they save reaches the
real widget."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from accounts.models import Account, AccountUser, Inbox, User
from tests.api.test_inbox_settings import PNG
from tests.browser import screenshot, serious_accessibility_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

MARKUP_TITLE = "<img src=x onerror=\"document.title='pwned'\">Acme"
MARKUP_GREETING = "<b>Hello</b> <script>document.title='pwned'</script>"


@pytest.fixture
def settings_page(signed_in, server, demo):
    """Open a section of the settings page as the demo administrator."""

    def open_section(section: str):
        page = signed_in()
        page.goto(f"{server.url}/app/accounts/{demo.account_id}/settings/{section}")
        return page

    return open_section


def test_administrator_edits_agent_capacity(settings_page, demo):
    """The account's default, an agent's own limit and an inbox's limit are
    saved; a blank limit saves none."""
    page = settings_page("capacity")
    name = User.objects.get(pk=demo.user_id).name
    default = page.get_by_label("Account default limit")
    default.fill("4")
    default.press("Enter")
    expect(page.get_by_text("Saved: Account default limit")).to_be_visible()
    own = page.get_by_label(f"Limit of {name}")
    own.fill("2")
    own.press("Enter")
    inbox = Inbox.objects.get(pk=demo.inbox_id)
    in_inbox = page.get_by_label(f"Limit in {inbox.name}")
    in_inbox.fill("3")
    in_inbox.press("Enter")
    expect(page.get_by_text(f"Saved: Limit in {inbox.name}")).to_be_visible()
    screenshot(page, "settings-capacity")
    assert serious_accessibility_violations(page) == []
    assert Account.objects.get(pk=demo.account_id).auto_assignment_limit == 4
    member = AccountUser.objects.get(account_id=demo.account_id, user_id=demo.user_id)
    assert member.auto_assignment_limit == 2
    inbox.refresh_from_db()
    assert inbox.auto_assignment_config["max_assignment_limit"] == 3
    default.fill("")
    default.press("Enter")
    page.wait_for_function(
        f"""async () => (await (await fetch('/api/v1/accounts/{demo.account_id}'))
        .json()).auto_assignment_limit === null"""
    )
    assert Account.objects.get(pk=demo.account_id).auto_assignment_limit is None


def test_business_hours_with_a_holiday_close_the_widget(
    settings_page, chromium, server, demo
):
    """Business hours open every day in Paris, with today (Paris time) a
    holiday: saved, and the real widget says the team is away."""
    page = settings_page("hours")
    page.get_by_label("Keep business hours").check()
    page.get_by_label("Time zone").select_option("Europe/Paris")
    for select in page.locator(".hours-table select").all():
        select.select_option("all_day")
    today = datetime.now(ZoneInfo("Europe/Paris")).date().isoformat()
    page.get_by_role("button", name="Add a holiday").click()
    page.get_by_label("Date of holiday 1").fill(today)
    page.get_by_label("Name of holiday 1").fill("<i>Founders' day</i>")
    page.get_by_label("Away message").fill("Closed today.")
    page.get_by_role("button", name="Save business hours").click()
    expect(page.get_by_text("Business hours of")).to_be_visible()
    screenshot(page, "settings-business-hours")
    assert serious_accessibility_violations(page) == []
    inbox = Inbox.objects.get(pk=demo.inbox_id)
    assert inbox.working_hours_enabled is True and inbox.timezone == "Europe/Paris"
    assert inbox.holidays == [
        {"date": today, "name": "<i>Founders' day</i>", "recurring": False}
    ]
    assert all(day["open_all_day"] for day in inbox.working_hours)
    widget = chromium.new_page()
    widget.goto(f"{server.url}/widget?website_token={demo.website_token}")
    expect(widget.locator("#availability-text")).to_contain_text("We are away")
    expect(widget.locator("#availability")).to_have_attribute("data-state", "away")
    widget.close()


def test_widget_settings_change_the_preview_then_the_widget(
    settings_page, chromium, server, demo
):
    """Colour, title, greeting, reply time, avatar and dark mode redraw the
    real widget in the preview before saving (markup as text); once saved the
    widget page draws the same."""
    page = settings_page("widget")
    preview = page.frame_locator("#widget-preview")
    expect(preview.locator("#title")).to_be_visible()
    page.get_by_label("Welcome title").fill(MARKUP_TITLE)
    page.get_by_label("Greet new visitors").check()
    page.get_by_label("Greeting message").fill(MARKUP_GREETING)
    page.get_by_label("Widget colour").fill("#0e9384")
    page.get_by_label("Typically replies").select_option("in_a_few_hours")
    page.get_by_label("Avatar").set_input_files(
        {"name": "logo.png", "mimeType": "image/png", "buffer": PNG}
    )
    expect(preview.locator("#title")).to_have_text(MARKUP_TITLE)
    expect(preview.locator("#greeting")).to_have_text(MARKUP_GREETING)
    expect(preview.locator("#reply-time")).to_have_text(
        "Typically replies in a few hours"
    )
    expect(preview.locator("#avatar")).to_have_attribute("src", re.compile(r"^blob:"))
    expect(preview.locator(".chat-header img:not(#avatar), #greeting *")).to_have_count(
        0
    )
    header = preview.locator(".chat-header")
    expect(header).to_have_css("background-color", "rgb(14, 147, 132)")
    expect(preview.locator("html")).to_have_attribute("data-scheme", "light")
    screenshot(page, "settings-widget-preview-light")
    page.get_by_label("Colour scheme").select_option("dark")
    expect(preview.locator("html")).to_have_attribute("data-scheme", "dark")
    expect(preview.locator("body")).to_have_css("background-color", "rgb(29, 41, 57)")
    screenshot(page, "settings-widget-preview-dark")
    assert serious_accessibility_violations(page) == []
    assert Inbox.objects.get(pk=demo.inbox_id).dark_mode == "light"
    page.get_by_role("button", name="Save widget settings").click()
    expect(page.get_by_text("Widget settings of")).to_be_visible()
    assert page.title() != "pwned"

    inbox = Inbox.objects.get(pk=demo.inbox_id)
    assert (inbox.dark_mode, inbox.widget_color) == ("dark", "#0e9384")
    assert inbox.avatar.name.endswith("/avatar.png")
    widget = chromium.new_page(viewport={"width": 400, "height": 640})
    widget.goto(f"{server.url}/widget?website_token={demo.website_token}")
    expect(widget.locator("#title")).to_have_text(MARKUP_TITLE)
    expect(widget.locator("#greeting")).to_have_text(MARKUP_GREETING)
    expect(widget.locator("html")).to_have_attribute("data-scheme", "dark")
    expect(widget.locator(".chat-header")).to_have_css(
        "background-color", "rgb(14, 147, 132)"
    )
    expect(widget.locator("#avatar")).to_have_attribute(
        "src", f"{server.url}{inbox.avatar.url}"
    )
    widget.wait_for_function("document.getElementById('avatar').naturalWidth > 0")
    screenshot(widget, "widget-saved-dark")
    assert widget.title() != "pwned"
    widget.close()
