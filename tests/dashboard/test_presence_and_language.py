"""What the dashboard shows as it happens: the visitor leaving the page and
coming back, an agent's availability without waiting for a heartbeat, a
refused operation; and the profile's language picker."""

import json

import pytest
from playwright.sync_api import expect
from websockets.sync.client import connect

from accounts.models import AccountUser, User
from conversations.models import Conversation
from tests import factories
from tests.browser import screenshot
from tests.dashboard.test_conversation import open_conversation
from tests.realtime.sockets import api_post

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]


class WidgetSocket:
    """A visitor's widget on /cable: subscribed, present, its page shown."""

    def __init__(self, server, pubsub_token: str) -> None:
        self.identifier = json.dumps(
            {"channel": "RoomChannel", "pubsub_token": pubsub_token}
        )
        self.socket = connect(server.cable_url, subprotocols=["actioncable-v1-json"])
        self.send("subscribe")
        while json.loads(self.socket.recv(timeout=10)).get("type") != (
            "confirm_subscription"
        ):
            pass
        self.perform("update_presence")

    def send(self, command: str, **data) -> None:
        frame = {"command": command, "identifier": self.identifier, **data}
        self.socket.send(json.dumps(frame))

    def perform(self, action: str, **data) -> None:
        self.send("message", data=json.dumps({"action": action, **data}))

    def close(self) -> None:
        self.socket.close()


def test_the_visitor_leaving_the_page_is_seen(signed_in, visitor_factory, server):
    """Hidden for a few seconds: the open thread says the visitor left the page
    and the list's dot goes out; shown again: back, and the dot is on."""
    visitor = visitor_factory("Lea <i>Leaving</i>")
    conversation_id = visitor.start_conversation()
    visitor.say("Just looking around")
    page = signed_in()
    open_conversation(page, conversation_id)
    widget = WidgetSocket(server, visitor.pubsub_token)
    try:
        widget.perform("page", visible=False)
        header = page.locator(".thread-header .visitor-page")
        expect(header).to_have_text(" · Visitor left the page", timeout=15_000)
        item = page.locator(f'[data-conversation-id="{conversation_id}"]').first
        expect(item.locator(".dot-online")).to_have_count(0)
        screenshot(page, "dashboard-visitor-left")
        widget.perform("page", visible=True)
        expect(header).to_have_text(" · Visitor is back", timeout=5_000)
        expect(item.locator(".dot-online")).to_have_count(1)
        expect(page.locator(".thread-header h2")).to_have_text("Lea <i>Leaving</i>")
        screenshot(page, "dashboard-visitor-back")
    finally:
        widget.close()


def test_availability_change_is_seen_without_waiting(signed_in, demo, server):
    """A colleague going busy in their profile turns their dot busy on the
    other dashboard at once, well before the 20 s heartbeat."""
    colleague = factories.UserFactory(name="Cora Colleague")
    factories.AccountUserFactory(
        account_id=demo.account_id, user=colleague, auto_offline=False
    )
    factories.InboxMemberFactory(inbox_id=demo.inbox_id, user=colleague)
    page = signed_in()
    row = page.locator(".agents-presence li", has_text="Cora Colleague")
    expect(row.locator(".dot-online")).to_have_count(1, timeout=10_000)
    status, _ = api_post(
        server.url,
        "/api/v1/profile/availability",
        colleague.access_token,
        {"profile": {"account_id": demo.account_id, "availability": "busy"}},
    )
    assert status == 200
    expect(row.locator(".dot-busy")).to_have_count(1, timeout=3_000)
    screenshot(page, "dashboard-availability-pushed")


def test_a_refused_operation_is_shown(signed_in, visitor_factory, demo, server):
    """An agent resolving what a colleague handles, from anywhere (here the
    API), sees the refusal on their dashboard with its reason."""
    agent = factories.UserFactory(name="Ari Agent")
    factories.AccountUserFactory(account_id=demo.account_id, user=agent)
    factories.InboxMemberFactory(inbox_id=demo.inbox_id, user=agent)
    visitor = visitor_factory("Rita Refused")
    conversation_id = visitor.start_conversation()
    conversation = Conversation.objects.get(
        account_id=demo.account_id, display_id=conversation_id
    )
    conversation.assignee = User.objects.get(pk=demo.user_id)
    conversation.save()
    page = signed_in(agent)
    status, answer = api_post(
        server.url,
        f"/api/v1/accounts/{demo.account_id}/conversations/{conversation_id}"
        "/toggle_status",
        agent.access_token,
        {"status": "resolved"},
    )
    assert status == 403
    notice = page.locator('.failure-notice[data-operation="resolve"]')
    expect(notice).to_contain_text(f"Could not change the status of #{conversation_id}")
    expect(notice).to_contain_text(answer["error"])
    screenshot(page, "dashboard-operation-refused")


def test_language_picker_switches_the_dashboard(signed_in, demo, server):
    """Deutsch, picked by its own name, is kept on the user and the dashboard
    is drawn again in German."""
    agent = factories.UserFactory(name="Lina Language")
    factories.AccountUserFactory(
        account_id=demo.account_id, user=agent, role=AccountUser.Role.AGENT
    )
    page = signed_in(agent)
    page.goto(f"{server.url}/app/accounts/{demo.account_id}/profile")
    picker = page.get_by_label("Language")
    expect(picker.locator("option")).to_have_text(
        [
            "English",
            "Español",
            "Français",
            "Deutsch",
            "Português (Brasil)",
            "Italiano",
            "Nederlands",
            "العربية",
        ]
    )
    with page.expect_navigation():
        picker.select_option(label="Deutsch")
    expect(page.locator("h1")).to_have_text("Profil")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("#profile-language")).to_have_value("de")
    agent.refresh_from_db()
    assert agent.locale == "de"
    screenshot(page, "dashboard-profile-language")
