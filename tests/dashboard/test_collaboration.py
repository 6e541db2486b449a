"""Two agents in two browsers: a transfer with its handoff note, a consult and
leaving it, each agent offered exactly what they may do."""

import json
import urllib.request

import pytest
from playwright.sync_api import expect

from accounts.models import AccountUser
from conversations.models import Conversation
from conversations.services import assign_agent
from tests import factories
from tests.browser import screenshot
from tests.dashboard.test_conversation import open_conversation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]


def inbox_agent(demo, name: str, availability: str = "online"):
    user = factories.UserFactory(name=name)
    factories.AccountUserFactory(
        account_id=demo.account_id,
        user=user,
        role=AccountUser.Role.AGENT,
        availability=availability,
    )
    factories.InboxMemberFactory(inbox_id=demo.inbox_id, user=user)
    return user


def api_post(server, demo, path: str, body: dict) -> None:
    """POST to the Application API as the demo administrator, over HTTP."""
    request = urllib.request.Request(
        f"{server.url}/api/v1/accounts/{demo.account_id}/{path}",
        data=json.dumps(body).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "api_access_token": demo.api_access_token,
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


def test_transfer_with_note_then_consult_and_leave(
    signed_in, visitor_factory, demo, server
):
    """The receiver is told with the note first and gains, live, the actions the
    sender loses; a transfer to an offline agent shows an error notice; a
    consultant sees notes-only actions and can leave."""
    alex = inbox_agent(demo, "Alex Agent")
    casey = inbox_agent(demo, "Casey <b>Colleague</b>")
    dana = inbox_agent(demo, "Dana <i>Away</i>", availability="offline")
    visitor = visitor_factory("Pat Visitor")
    conversation_id = visitor.start_conversation()
    visitor.say("I want a refund")
    conversation = Conversation.objects.get(
        account_id=demo.account_id, display_id=conversation_id
    )
    assign_agent(conversation=conversation, assignee=alex)

    alex_page = signed_in(alex)
    casey_page = signed_in(casey)
    open_conversation(alex_page, conversation_id)
    open_conversation(casey_page, conversation_id)

    # Someone else's conversation: notes only for Casey.
    expect(casey_page.locator(".collab-bar")).to_be_hidden()
    expect(casey_page.get_by_role("tab", name="Reply")).to_be_hidden()
    expect(casey_page.get_by_label("Assigned agent")).to_be_hidden()
    expect(alex_page.get_by_role("button", name="Transfer")).to_be_visible()

    alex_page.get_by_role("button", name="Transfer").click()
    alex_page.get_by_label("Transfer to agent").select_option(str(casey.pk))
    alex_page.get_by_label("Handoff note").fill("Order <i>1234</i>, be kind")
    # Live changes re-draw the bar; the half-filled form keeps what was chosen.
    api_post(
        server,
        demo,
        f"conversations/{conversation_id}/labels",
        {"labels": ["refund"]},
    )
    expect(alex_page.locator(".labels-row")).to_contain_text("refund")
    alex_page.locator(".collab-transfer").get_by_role("button", name="Transfer").click()

    notice = casey_page.locator(".transfer-notice")
    expect(notice).to_contain_text("Alex Agent transferred")
    expect(notice.locator(".handoff-note")).to_have_text("Order <i>1234</i>, be kind")
    # No reload: conversation.capabilities_changed brings the new actions.
    expect(casey_page.get_by_role("button", name="Transfer")).to_be_visible()
    expect(casey_page.get_by_role("tab", name="Reply")).to_be_visible()
    expect(casey_page.get_by_role("button", name="Resolve")).to_be_visible()
    expect(casey_page.locator(".message.note").first).to_contain_text("Order <i>1234")
    screenshot(casey_page, "collaboration_transfer_received")

    # Dana is offline: the transfer changes nothing, and the notice says why.
    casey_page.get_by_role("button", name="Transfer").click()
    casey_page.get_by_label("Transfer to agent").select_option(str(dana.pk))
    casey_page.locator(".collab-transfer").get_by_role(
        "button", name="Transfer"
    ).click()
    failure = casey_page.locator(".failure-notice")
    expect(failure).to_contain_text(f"Could not transfer #{conversation_id}")
    expect(failure).to_contain_text("Dana <i>Away</i> is offline")
    expect(casey_page.get_by_role("button", name="Resolve")).to_be_visible()
    screenshot(casey_page, "collaboration_transfer_refused")
    failure.get_by_role("button", name="Dismiss").click()
    expect(failure).to_have_count(0)

    expect(alex_page.get_by_role("button", name="Transfer")).to_have_count(0)
    expect(alex_page.get_by_role("tab", name="Reply")).to_be_hidden()
    expect(alex_page.get_by_role("button", name="Resolve")).to_be_hidden()

    casey_page.get_by_role("button", name="Consult").click()
    casey_page.get_by_label("Consult agent").select_option(str(alex.pk))
    casey_page.get_by_label("Handoff note").fill("Is this refundable?")
    casey_page.locator(".collab-consult").get_by_role("button", name="Consult").click()

    chip = alex_page.locator(".participant-consulting")
    expect(chip).to_contain_text("Alex Agent")
    expect(alex_page.get_by_role("button", name="Leave")).to_be_visible()
    expect(alex_page.get_by_role("tab", name="Reply")).to_be_hidden()
    expect(alex_page.locator(".message.note").last).to_contain_text("refundable")
    screenshot(alex_page, "collaboration_consulting")

    alex_page.get_by_role("button", name="Leave").click()
    expect(casey_page.locator(".participant")).to_have_count(0)
    expect(alex_page.get_by_role("button", name="Leave")).to_have_count(0)
