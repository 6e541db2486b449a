"""Macros and automation rules in the dashboard: made in Settings, a macro
run with one click from the open conversation's header."""

import pytest
from playwright.sync_api import expect

from automation.models import AutomationRule, Macro
from conversations.models import Conversation, Label

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

MARKUP = '<img src=x onerror="document.title=1">'


def test_macro_made_in_settings_runs_from_the_header(signed_in, visitor_factory, demo):
    """A macro (its name with markup, shown as text) that labels and resolves
    is created in Settings; picked in a conversation's Macros menu, the
    conversation shows the label and the resolved status. An automation rule
    is made in Settings too, and turned off from its row."""
    Label.objects.create(account_id=demo.account_id, title="bug")
    visitor = visitor_factory("Pat Visitor")
    conversation_id = visitor.start_conversation()
    visitor.say("Something broke")
    page = signed_in()
    page.goto(page.url.replace("/conversations", "/settings/macros"))
    expect(page.get_by_role("heading", name="Macros", level=1)).to_be_visible()
    name = f"Close as bug {MARKUP}"
    page.get_by_label("Macro name").fill(name)
    expect(page.get_by_label("Action 1: value")).to_have_value("bug")
    page.get_by_role("button", name="Add action").click()
    page.get_by_label("Action 2", exact=True).select_option("resolve_conversation")
    page.get_by_role("button", name="Create macro").click()
    row = page.locator(".macro-table tbody tr").first
    expect(row).to_contain_text(name)
    expect(page.locator(".macro-table img")).to_have_count(0)
    macro = Macro.objects.get(account_id=demo.account_id)
    assert macro.actions == [
        {"action_name": "add_label", "action_params": ["bug"]},
        {"action_name": "resolve_conversation", "action_params": []},
    ]

    page.goto(page.url.replace("/settings/macros", "/conversations"))
    page.get_by_role("tab", name="All").click()
    page.locator(f'[data-conversation-id="{conversation_id}"]').click()
    header = page.locator(".thread-header")
    expect(header).to_contain_text(f"#{conversation_id}")
    menu = header.get_by_label("Run a macro")
    expect(menu.locator("option", has_text="Close as bug")).to_have_count(1)
    menu.select_option(label=name)
    expect(page.locator("#toast")).to_contain_text("done")
    expect(header.locator(".chip.status-resolved")).to_be_visible()
    expect(
        page.locator('.thread-pane .labels-row .chip[data-label="bug"]')
    ).to_be_visible()
    conversation = Conversation.objects.get(
        account_id=demo.account_id, display_id=conversation_id
    )
    assert conversation.status == Conversation.Status.RESOLVED

    page.goto(page.url.split("/conversations")[0] + "/settings/automation")
    expect(page.get_by_role("heading", name="Automation", level=1)).to_be_visible()
    page.get_by_label("Rule name").fill(f"Refunds {MARKUP}")
    page.get_by_label("Event").select_option("message_created")
    page.get_by_label("Condition 1: value").fill("refund")
    expect(page.get_by_label("Action 1: value")).to_have_value("bug")
    page.get_by_role("button", name="Create rule").click()
    rule_row = page.locator(".automation-table tbody tr").first
    expect(rule_row).to_contain_text(f"Refunds {MARKUP}")
    expect(page.locator(".automation-table img")).to_have_count(0)
    rule = AutomationRule.objects.get(account_id=demo.account_id)
    assert rule.conditions == [
        {
            "attribute_key": "content",
            "filter_operator": "contains",
            "values": ["refund"],
        }
    ]
    assert rule.active is True
    rule_row.get_by_label(f"Rule Refunds {MARKUP} is active").uncheck()
    expect(page.locator("#toast")).to_contain_text("Rule saved.")
    rule.refresh_from_db()
    assert rule.active is False
