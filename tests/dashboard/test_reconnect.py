import pytest
from playwright.sync_api import expect

from tests.browser import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]


def test_messages_sent_while_disconnected_appear_exactly_once(
    signed_in, visitor_factory
):
    """With the socket cut, a banner shows; once it is back, the thread and the
    list catch up, each missed message shown once."""
    visitor = visitor_factory("Olga Offline")
    conversation_id = visitor.start_conversation()
    visitor.say("First question")
    other = visitor_factory("Otto Other")
    other_id = other.start_conversation()
    other.say("Hello?")

    page = signed_in()
    page.get_by_role("tab", name="All").click()
    page.locator(f'[data-conversation-id="{conversation_id}"]').click()
    thread = page.locator(".messages")
    expect(thread.locator(".message.incoming")).to_have_count(1)

    page.context.set_offline(True)
    banner = page.locator("#connection-banner")
    expect(banner).to_be_visible(timeout=15_000)
    expect(banner).to_contain_text("Reconnecting")
    visitor.say("Sent while you were away")
    visitor.say("And another one")
    other.say("Still there?")
    screenshot(page, "dashboard-reconnecting")

    page.context.set_offline(False)
    expect(banner).to_be_hidden(timeout=20_000)
    incoming = thread.locator(".message.incoming")
    expect(incoming).to_have_count(3)
    # Live again: a message after the reconnect arrives through the socket.
    visitor.say("Back online?")
    expect(incoming).to_have_count(4)
    page.wait_for_timeout(500)
    texts = incoming.locator(".content").all_inner_texts()
    assert texts == [
        "First question",
        "Sent while you were away",
        "And another one",
        "Back online?",
    ]
    other_item = page.locator(f'[data-conversation-id="{other_id}"]')
    expect(other_item).to_contain_text("Still there?")
    expect(other_item.locator(".badge")).to_have_text("2")
