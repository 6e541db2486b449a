"""The Enghouse rich-message fields in the widget, in headless Chromium: a
form with a title, a pattern and its own error text, a hidden and a
read-only field; a menu option opening its URL with params and answering with
its id; a structured contact card."""

import pytest
from playwright.sync_api import expect

from tests.browser import screenshot, serious_accessibility_violations
from tests.widget import test_browser, test_rich
from tests.widget.test_browser import chat_window
from tests.widget.test_rich import question

demo = test_browser.demo
site_inbox = test_browser.site_inbox
visit = test_browser.visit
started = test_rich.started

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.node,
    pytest.mark.django_db(transaction=True),
]

HOSTILE = '<img src=x onerror="window.__owned=1">'


def test_form_menu_and_contact_card_fields(started):
    """The visitor sees the form's own error text, cannot change a read-only
    field and never sees a hidden one; the answer carries their values; a menu
    option links with its params and answers with its id; a structured card
    reads as its formatted name and typed phones, markup as text."""
    page, frame, agent = started
    asked = agent.send(
        "Call-back",
        "form",
        title=f"Call me back {HOSTILE}",
        items=[
            {
                "name": "code",
                "label": "Customer code",
                "type": "text",
                "required": True,
                "pattern": "^C-[0-9]{4}$",
                "error_text": "Write it like C-1234",
            },
            {
                "name": "source",
                "label": "Source",
                "type": "text",
                "hidden": True,
                "value": "campaign-7",
            },
            {
                "name": "plan",
                "label": "Plan",
                "type": "text",
                "read_only": True,
                "value": "Gold",
            },
        ],
    )
    form = question(frame, asked).locator("form.rich-form")
    expect(form.locator(".rich-form-title")).to_have_text(f"Call me back {HOSTILE}")
    expect(form.get_by_label("Source")).to_have_count(0)
    expect(form.get_by_label("Plan")).to_have_value("Gold")
    expect(form.get_by_label("Plan")).not_to_be_editable()
    form.get_by_label("Customer code").fill("C-12")
    form.get_by_role("button", name="Send").click()
    expect(form.locator(".rich-problem").first).to_have_text("Write it like C-1234")
    form.scroll_into_view_if_needed()
    screenshot(page, "widget-rich-fields-form")

    menu = question(
        frame,
        agent.send(
            "Choose an option:",
            "input_select",
            items=[
                {"id": "0", "title": "Book a flight", "value": "book"},
                {
                    "id": "1",
                    "title": "Our site",
                    "value": "site",
                    "url": "https://example.com/go",
                    "params": [{"name": "ref", "value": "chat & more"}],
                },
            ],
        ),
    )
    link = menu.get_by_role("link", name="Open link")
    expect(link).to_have_attribute("href", "https://example.com/go?ref=chat+%26+more")
    expect(link).to_have_attribute("target", "_blank")
    card = question(
        frame,
        agent.send(
            "",
            "contacts",
            contacts=[
                {
                    "name": {"first_name": "Giulia", "last_name": HOSTILE},
                    "phones": [{"phone": "+39 347 192 6356", "type": "Mobile"}],
                }
            ],
        ),
    )
    expect(card.locator(".rich-contact-name")).to_have_text(f"Giulia {HOSTILE}")
    expect(card.locator(".rich-contact-phone-type")).to_have_text("Mobile")
    screenshot(page, "widget-rich-fields")
    assert serious_accessibility_violations(chat_window(page)) == []

    form.get_by_label("Customer code").fill("C-1234")
    form.get_by_role("button", name="Send").click()
    answer, _ = agent.answer_for(asked)
    assert answer["content_attributes"]["submitted_values"] == [
        {"name": "code", "value": "C-1234"},
        {"name": "source", "value": "campaign-7"},
        {"name": "plan", "value": "Gold"},
    ]
    menu.get_by_role("button", name="Our site").click()
    chosen = agent.event(
        "message.updated",
        lambda data: (
            (data.get("content_attributes") or {}).get("answered") is True
            and data["content_type"] == "input_select"
        ),
    )
    assert chosen["content_attributes"]["submitted_values"][0]["id"] == "1"
    assert page.evaluate("window.__owned") is None
    assert frame.locator("img[src=x]").count() == 0
