"""The Queue page: visitors waiting per inbox and each agent's load, live."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import AccountUser, User
from tests import factories
from tests.browser import screenshot, serious_accessibility_violations
from tests.dashboard.conftest import Visitor
from tests.realtime.sockets import api_post

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

MARKUP_NAME = '<img src=x onerror="window.pwned=1">Kim <b>Keen</b>'


def test_queue_rises_and_falls_and_loads_change_without_reload(signed_in, server, demo):
    """As visitors arrive the waiting count and the agent's load rise, the
    longest wait ticks on without asking the server, and as the agent resolves
    and turns busy the page follows; names with markup are drawn as text."""
    inbox = factories.InboxFactory(
        account_id=demo.account_id,
        name="<i>Sales</i> desk",
        enable_auto_assignment=True,
    )
    kim = factories.UserFactory(name=MARKUP_NAME)
    factories.AccountUserFactory(
        account_id=demo.account_id,
        user=kim,
        availability=AccountUser.Availability.ONLINE,
        auto_assignment_limit=1,
    )
    factories.InboxMemberFactory(inbox=inbox, user=kim)

    page = signed_in()
    page.get_by_role("link", name="Queue").click()
    page.wait_for_url("**/queue")
    reads = []
    page.on(
        "request", lambda r: reads.append(r.url) if r.url.endswith("/queue") else None
    )
    queue = page.locator(f'tr[data-inbox-id="{inbox.pk}"]')
    agent = page.locator(f'tr[data-agent-id="{kim.pk}"]')
    expect(queue.get_by_role("rowheader")).to_have_text("<i>Sales</i> desk")
    expect(queue.locator(".queue-waiting")).to_have_text("0")
    expect(agent.locator(".queue-agent-name")).to_have_text(MARKUP_NAME)
    expect(agent.locator(".queue-load")).to_have_text("0 / 1")
    expect(agent.locator(".queue-available")).to_have_text("Yes")

    served = Visitor(server, inbox.identifier, "Vera Served")
    served.start_conversation()
    expect(agent.locator(".queue-load")).to_have_text("1 / 1")
    expect(agent.locator(".queue-available")).to_have_text("No")
    expect(queue.locator(".queue-waiting")).to_have_text("0")

    Visitor(server, inbox.identifier, "Walt Waiting").start_conversation()
    expect(queue.locator(".queue-waiting")).to_have_text("1")
    expect(page.get_by_test_id("queue-summary")).to_have_text("Visitors waiting: 1")
    longest = queue.locator(".queue-longest time")
    expect(longest).to_have_text(re.compile(r"^\d+:\d\d$"))
    page.wait_for_load_state("networkidle")
    read_count, shown = len(reads), longest.text_content()
    expect(longest).not_to_have_text(shown)
    assert len(reads) == read_count
    screenshot(page, "dashboard-queue")
    assert serious_accessibility_violations(page) == []
    assert page.evaluate("window.pwned") is None
    assert page.locator(".queue-page img, .queue-page b, .queue-page i").count() == 0

    # Resolving hands the waiting visitor to Kim: the queue empties.
    path = (
        f"/api/v1/accounts/{demo.account_id}/conversations/"
        f"{served.conversation_id}/toggle_status"
    )
    status, body = api_post(server.url, path, kim.access_token, {"status": "resolved"})
    assert status == 200, body
    expect(queue.locator(".queue-waiting")).to_have_text("0")
    expect(queue.locator(".queue-longest")).to_have_text("—")
    expect(agent.locator(".queue-load")).to_have_text("1 / 1")

    status, body = api_post(
        server.url,
        "/api/v1/profile/availability",
        kim.access_token,
        {"profile": {"account_id": demo.account_id, "availability": "busy"}},
    )
    assert status == 200, body
    expect(agent).to_contain_text("Busy")
    expect(agent.locator(".dot")).to_have_class("dot dot-busy")
    expect(agent.locator(".queue-available")).to_have_text("No")
    screenshot(page, "dashboard-queue-after")

    # Right to left, the agent's name column stands on the right.
    admin = User.objects.get(pk=demo.user_id)
    admin.ui_settings = {"locale": "ar"}
    admin.save()
    page.reload()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(agent.locator(".queue-load")).to_have_text("1 / 1")
    name_box = agent.get_by_role("rowheader").bounding_box()
    load_box = agent.locator(".queue-load").bounding_box()
    assert name_box["x"] > load_box["x"]
    screenshot(page, "dashboard-queue-arabic")
