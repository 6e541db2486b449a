"""Two agents chat in two browsers: unread badge, history, typing, complete."""

import pytest
from playwright.sync_api import expect

from tests.browser import screenshot
from tests.dashboard.test_collaboration import inbox_agent

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]


def test_two_agents_chat_live(signed_in, demo):
    """A chat started in one browser shows unread in the other, replies and
    typing arrive live, markup stays text, and a completed chat takes no more."""
    alex = inbox_agent(demo, "Alex Agent")
    casey = inbox_agent(demo, "Casey <b>Colleague</b>")
    alex_page = signed_in(alex)
    casey_page = signed_in(casey)

    alex_page.get_by_role("button", name="Team chat").click()
    alex_page.get_by_label("Agents to chat with").select_option(str(casey.pk))
    alex_page.get_by_label("Topic").fill("Refund <script>policy</script>")
    alex_page.get_by_role("button", name="Start chat").click()
    alex_page.get_by_label("Message to agents").fill("Can refunds exceed 100?")
    alex_page.get_by_label("Message to agents").press("Enter")

    toggle = casey_page.get_by_role("button", name="Team chat")
    expect(toggle.locator(".unread-total")).to_have_text("1")
    toggle.click()
    casey_page.locator(".agent-chat-item").first.click()
    expect(casey_page.locator(".agent-chat-messages")).to_contain_text(
        "Can refunds exceed 100?"
    )
    expect(casey_page.locator(".agent-chat-head h2")).to_have_text(
        "Refund <script>policy</script>"
    )
    expect(toggle.locator(".unread-total")).to_be_hidden()

    casey_page.get_by_label("Message to agents").type("Yes, up to")
    expect(alex_page.locator(".agent-chat-panel .typing-indicator")).to_contain_text(
        "Casey <b>Colleague</b> is typing"
    )
    alex_page.get_by_label("Message to agents").fill("A draft")
    casey_page.get_by_label("Message to agents").press("Enter")
    expect(alex_page.locator(".agent-chat-messages")).to_contain_text("Yes, up to")
    # Live events redraw the messages, not the draft being written.
    expect(alex_page.get_by_label("Message to agents")).to_have_value("A draft")
    screenshot(casey_page, "agent_chat_casey")

    alex_page.get_by_role("button", name="Complete").click()
    expect(casey_page.get_by_label("Message to agents")).to_have_count(0)
    expect(casey_page.locator(".agent-chat-panel")).to_contain_text("completed")
    screenshot(alex_page, "agent_chat_completed")


def test_people_picker_is_labelled(signed_in):
    """The picker of whom to chat with has a visible label that names it."""
    page = signed_in()
    page.get_by_role("button", name="Team chat").click()
    label = page.locator(".agent-chat-new label[for='agent-chat-who']")
    expect(label).to_be_visible()
    expect(label).to_have_text("Agents to chat with")
    expect(page.get_by_role("listbox", name="Agents to chat with")).to_be_visible()
