"""An agent sends rich messages from the dashboard and the contact's side gets
them (public client API and a contact's /cable socket); the contact's answers
show as answered in the dashboard live; the server's 400s show beside the
field they name."""

import json
import time
import urllib.request

import pytest
from playwright.sync_api import expect
from websockets.sync.client import connect

from tests.browser import screenshot, serious_accessibility_violations
from tests.dashboard.conftest import http_json
from tests.dashboard.test_conversation import open_conversation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]


class ContactSocket:
    """A contact's /cable subscription, read as the widget reads it."""

    def __init__(self, socket, pubsub_token: str) -> None:
        self.socket = socket
        identifier = json.dumps(
            {"channel": "RoomChannel", "pubsub_token": pubsub_token}
        )
        self.socket.send(json.dumps({"command": "subscribe", "identifier": identifier}))
        while (
            json.loads(self.socket.recv(timeout=10)).get("type")
            != "confirm_subscription"
        ):
            pass

    def wait_for(self, event: str, match, timeout: float = 10) -> dict:
        """The payload of the first ``event`` for which ``match(payload)`` holds."""
        deadline = time.monotonic() + timeout
        while True:
            frame = json.loads(
                self.socket.recv(timeout=max(0.1, deadline - time.monotonic()))
            )
            message = frame.get("message")
            if (
                isinstance(message, dict)
                and message.get("event") == event
                and match(message["data"])
            ):
                return message["data"]


@pytest.fixture
def chat(signed_in, visitor_factory):
    """A visitor's conversation open in the dashboard, the visitor's socket
    listening."""
    visitor = visitor_factory("Rita Rich")
    conversation_id = visitor.start_conversation()
    hello = visitor.say("Hello there")
    with connect(visitor.cable_url, subprotocols=["actioncable-v1-json"]) as raw:
        socket = ContactSocket(raw, visitor.pubsub_token)
        page = signed_in()
        open_conversation(page, conversation_id)
        yield page, visitor, socket, hello


def open_editor(page, kind: str):
    """Open the composer's editor of ``kind`` once the last one has sent."""
    editor = page.locator("#rich-editor")
    expect(editor).to_be_hidden()
    page.get_by_role("button", name="More…").click()
    editor.get_by_label("Send", exact=True).select_option(kind)
    return editor


def created(socket, content_type: str) -> dict:
    return socket.wait_for(
        "message.created", lambda data: data.get("content_type") == content_type
    )


def contact_messages(visitor) -> list[dict]:
    """The conversation's messages as the contact's API lists them."""
    with urllib.request.urlopen(
        f"{visitor.conversation_url}/messages", timeout=10
    ) as response:
        body = json.loads(response.read())
    return body if isinstance(body, list) else body.get("payload", body)


def test_agent_sends_each_rich_kind_and_the_contact_receives_it(chat):
    """Quick replies, a menu, a form, a place and a contact card, built in the
    composer's editors, reach the contact's socket and its API as sent."""
    page, visitor, socket, _ = chat

    editor = open_editor(page, "quick_reply")
    editor.get_by_label("Question").fill("Was this helpful?")
    editor.get_by_label("Option", exact=True).nth(0).fill("Yes")
    editor.get_by_label("Option", exact=True).nth(1).fill("No")
    editor.get_by_role("button", name="Add option").click()
    editor.get_by_label("Option", exact=True).nth(2).fill("Maybe")
    expect(editor.get_by_role("button", name="Add option")).to_be_disabled()
    screenshot(page, "dashboard-rich-editor-quick-reply")
    editor.get_by_role("button", name="Send").click()
    quick = created(socket, "input_select")
    assert quick["content"] == "Was this helpful?"
    assert quick["content_attributes"]["quick_reply"] is True
    assert [item["title"] for item in quick["content_attributes"]["items"]] == [
        "Yes",
        "No",
        "Maybe",
    ]
    assert quick["content_attributes"]["items"][0]["value"] == "Yes"
    expect(editor).to_be_hidden()
    expect(
        page.locator(f'[data-message-id="{quick["id"]}"] .quick-reply .rich-option')
    ).to_have_count(3)

    editor = open_editor(page, "menu")
    editor.get_by_label("Question").fill("Which size?")
    editor.get_by_label("Option", exact=True).nth(0).fill("Small")
    editor.get_by_label("Value (optional)").nth(0).fill("s")
    editor.get_by_label("Option", exact=True).nth(1).fill("Large")
    editor.get_by_role("button", name="Send").click()
    menu = socket.wait_for(
        "message.created", lambda data: data.get("content") == "Which size?"
    )
    assert "quick_reply" not in menu["content_attributes"]
    assert menu["content_attributes"]["items"] == [
        {"title": "Small", "value": "s"},
        {"title": "Large", "value": "Large"},
    ]

    editor = open_editor(page, "form")
    editor.get_by_label("Title", exact=True).fill("Your details")
    editor.get_by_label("Name", exact=True).nth(0).fill("email")
    editor.get_by_label("Label", exact=True).nth(0).fill("Your email")
    editor.get_by_label("Type", exact=True).nth(0).select_option("email")
    editor.get_by_label("Required").nth(0).check()
    editor.get_by_role("button", name="Add field").click()
    editor.get_by_label("Name", exact=True).nth(1).fill("size")
    editor.get_by_label("Label", exact=True).nth(1).fill("Size")
    editor.get_by_label("Type", exact=True).nth(1).select_option("select")
    editor.get_by_label("Choices (comma-separated)").nth(1).fill("S, M")
    screenshot(page, "dashboard-rich-editor-form")
    assert serious_accessibility_violations(page) == []
    editor.get_by_role("button", name="Send").click()
    form = created(socket, "form")
    assert form["content_attributes"]["items"][0] == {
        "name": "email",
        "label": "Your email",
        "type": "email",
        "required": True,
    }
    assert form["content_attributes"]["items"][1]["options"] == [
        {"title": "S", "value": "S"},
        {"title": "M", "value": "M"},
    ]

    editor = open_editor(page, "location")
    editor.get_by_label("Latitude").fill("45.4642")
    editor.get_by_label("Longitude").fill("9.19")
    editor.get_by_label("Place name (optional)").fill("Duomo")
    editor.get_by_role("button", name="Send").click()
    place = created(socket, "location")
    assert place["content"] == "Duomo"
    assert place["content_attributes"] == {
        "latitude": 45.4642,
        "longitude": 9.19,
        "name": "Duomo",
    }
    # A place without a name is sent without text.
    editor = open_editor(page, "location")
    editor.get_by_label("Latitude").fill("-33.8568")
    editor.get_by_label("Longitude").fill("151.2153")
    editor.get_by_role("button", name="Send").click()
    unnamed = socket.wait_for(
        "message.created",
        lambda data: data.get("content_type") == "location" and not data["content"],
    )
    assert unnamed["content_attributes"]["latitude"] == -33.8568
    expect(
        page.locator(f'[data-message-id="{unnamed["id"]}"] .rich-location-name')
    ).to_contain_text("Shared location")
    item = page.locator(f'[data-conversation-id="{visitor.conversation_id}"]')
    expect(item.locator(".item-preview")).to_have_text("You: Shared location")
    expect(
        page.locator(f'[data-message-id="{place["id"]}"] a.rich-map-link')
    ).to_have_attribute(
        "href",
        "https://www.openstreetmap.org/?mlat=45.4642&mlon=9.19#map=16/45.4642/9.19",
    )

    editor = open_editor(page, "contacts")
    editor.get_by_label("Name", exact=True).fill("Luca Bianchi")
    editor.get_by_label("Phone numbers (comma-separated)").fill(
        "+39 02 1234, +39 333 1"
    )
    editor.get_by_label("Emails (comma-separated)").fill("luca@example.com")
    editor.get_by_role("button", name="Send").click()
    card = created(socket, "contacts")
    assert card["content_attributes"]["contacts"] == [
        {
            "name": "Luca Bianchi",
            "phones": ["+39 02 1234", "+39 333 1"],
            "emails": ["luca@example.com"],
        }
    ]

    seen_by_contact = {m["id"]: m for m in contact_messages(visitor)}
    for sent in (quick, menu, form, place, card):
        assert seen_by_contact[sent["id"]]["content_type"] == sent["content_type"]
        assert (
            seen_by_contact[sent["id"]]["content_attributes"]
            == sent["content_attributes"]
        )
    screenshot(page, "dashboard-rich-sent")


def test_agent_reacts_and_replies_and_the_contact_sees_both(chat):
    """A reaction picked on the visitor's message reaches the contact as the
    target's reactions and shows as the agent's chip (clicking it takes it
    back); a reply carries the quote both sides see."""
    page, visitor, socket, hello = chat
    target = page.locator(f'.message[data-message-id="{hello["id"]}"]')

    react = target.get_by_role("button", name="React")
    react.click()
    picker = target.get_by_role("group", name="Pick a reaction")
    expect(picker.get_by_role("button").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(picker).to_have_count(0)
    expect(react).to_be_focused()
    page.keyboard.press("Enter")
    expect(picker.get_by_role("button").first).to_be_focused()
    picker.get_by_role("button", name="👍").click()
    updated = socket.wait_for(
        "message.updated",
        lambda data: (
            data["id"] == hello["id"] and data["content_attributes"].get("reactions")
        ),
    )
    assert updated["content_attributes"]["reactions"][0]["emoji"] == "👍"
    assert updated["content_attributes"]["reactions"][0]["sender_type"] == "user"
    chip = target.locator("button.reaction.mine")
    expect(chip).to_have_text("👍 1")
    # The reaction message itself is no bubble.
    expect(page.locator(".message.type-reaction")).to_have_count(0)
    chip.click()
    socket.wait_for(
        "message.updated",
        lambda data: (
            data["id"] == hello["id"]
            and data["content_attributes"].get("reactions") == []
        ),
    )
    expect(target.locator(".reaction")).to_have_count(0)

    target.get_by_role("button", name="Reply").click()
    bar = page.locator(".reply-bar")
    expect(bar).to_contain_text("Hello there")
    expect(page.locator("#composer-input")).to_be_focused()
    page.keyboard.press("Escape")
    expect(bar).to_be_hidden()
    target.get_by_role("button", name="Reply").click()
    expect(bar).to_contain_text("Hello there")
    page.locator("#composer-input").fill("Hi Rita, how can I help?")
    page.locator("#composer-input").press("Enter")
    expect(bar).to_be_hidden()
    reply = socket.wait_for(
        "message.created",
        lambda data: data.get("content") == "Hi Rita, how can I help?",
    )
    assert reply["content_attributes"]["in_reply_to"] == hello["id"]
    assert reply["content_attributes"]["reply_to"]["content"] == "Hello there"
    quote = page.locator(f'.message[data-message-id="{reply["id"]}"] .reply-quote')
    expect(quote).to_contain_text("Hello there")
    quote.click()
    expect(target).to_be_focused()
    screenshot(page, "dashboard-rich-reply-reaction")

    (seen,) = [m for m in contact_messages(visitor) if m["id"] == reply["id"]]
    assert seen["content_attributes"]["reply_to"]["id"] == hello["id"]

    # The visitor's own reaction shows live as a chip that is not the agent's.
    http_json(
        f"{visitor.conversation_url}/messages",
        {
            "content": "❤️",
            "content_type": "reaction",
            "content_attributes": {"in_reply_to": reply["id"]},
        },
    )
    answered = page.locator(f'.message[data-message-id="{reply["id"]}"]')
    expect(answered.locator("span.reaction")).to_have_text("❤️ 1")
    expect(answered.locator("button.reaction")).to_have_count(0)
    expect(page.locator(".message.incoming")).to_have_count(1)


def test_visitor_answers_show_as_answered_live(chat):
    """The visitor picks a menu item and fills a form through the public
    client API: the dashboard marks the choice and the values without a reload."""
    page, visitor, socket, _ = chat
    editor = open_editor(page, "menu")
    editor.get_by_label("Question").fill("Pick one")
    editor.get_by_label("Option", exact=True).nth(0).fill("Red")
    editor.get_by_label("Option", exact=True).nth(1).fill("Blue")
    editor.get_by_role("button", name="Send").click()
    menu = created(socket, "input_select")
    editor = open_editor(page, "form")
    editor.get_by_label("Title", exact=True).fill("Details")
    editor.get_by_label("Name", exact=True).fill("city")
    editor.get_by_label("Label", exact=True).fill("City")
    editor.get_by_role("button", name="Send").click()
    form = created(socket, "form")

    http_json(
        f"{visitor.conversation_url}/messages/{menu['id']}",
        {"submitted_values": [{"title": "Blue", "value": "Blue"}]},
        method="PATCH",
    )
    markup = '<img src=x onerror="window.__owned=1">'
    http_json(
        f"{visitor.conversation_url}/messages/{form['id']}",
        {"submitted_values": [{"name": "city", "value": f"Milan {markup}"}]},
        method="PATCH",
    )
    asked = page.locator(f'.message[data-message-id="{menu["id"]}"]')
    expect(asked.locator(".rich-option.chosen")).to_contain_text("Blue")
    expect(asked.locator(".rich-answered")).to_have_text("Answered")
    filled = page.locator(f'.message[data-message-id="{form["id"]}"]')
    expect(filled.locator(".rich-submitted dd")).to_have_text(f"Milan {markup}")
    # The answers come in as the visitor's messages quoting the questions.
    answers = page.locator(".message.incoming .reply-quote")
    expect(answers).to_have_count(2)
    expect(answers.first).to_contain_text("Pick one")
    assert page.evaluate("window.__owned") is None
    screenshot(page, "dashboard-rich-answered")


def test_server_refusals_show_beside_the_field_they_name(chat):
    """A too-long option and an out-of-range latitude come back as 400s; each
    message shows under its own input and nothing is sent."""
    page, *_ = chat
    editor = open_editor(page, "menu")
    editor.get_by_label("Question").fill("Too long")
    editor.get_by_label("Option", exact=True).nth(0).fill("x" * 81)
    editor.get_by_label("Option", exact=True).nth(1).fill("Fine")
    editor.get_by_role("button", name="Send").click()
    error = editor.locator('[data-error-for="content_attributes.items.0.title"]')
    expect(error).not_to_be_empty()
    expect(editor.get_by_label("Option", exact=True).nth(0)).to_have_attribute(
        "aria-invalid", "true"
    )
    expect(
        editor.locator('[data-error-for="content_attributes.items.1.title"]')
    ).to_be_empty()
    screenshot(page, "dashboard-rich-400")

    editor.get_by_label("Send", exact=True).select_option("location")
    editor.get_by_label("Latitude").fill("200")
    editor.get_by_label("Longitude").fill("javascript:alert(1)")
    editor.get_by_role("button", name="Send").click()
    expect(
        editor.locator('[data-error-for="content_attributes.latitude"]')
    ).not_to_be_empty()
    expect(
        editor.locator('[data-error-for="content_attributes.longitude"]')
    ).not_to_be_empty()
    expect(page.locator(".message.type-location")).to_have_count(0)
    expect(page.locator(".message.type-input_select")).to_have_count(0)
