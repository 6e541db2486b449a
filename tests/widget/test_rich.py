"""Rich messages in the widget, in headless Chromium: an agent asks through the
Application API, the visitor sees the question drawn and answers it, and the
agent's own socket (the kit's cable client in Node) receives the answer
(``message.created``) and the answered question (``message.updated``)."""

import json
import re
import shutil
import struct
import urllib.request
import zlib
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from accounts.embed import embed_snippet
from conversations.models import Attachment, Conversation, Message
from tests.browser import screenshot, serious_accessibility_violations
from tests.kit.test_cable import CableClient
from tests.realtime.sockets import api_post
from tests.widget import test_browser
from tests.widget.test_browser import (
    chat,
    chat_window,
    open_chat,
    say,
    wait_stored,
)

# The page fixtures the widget's other page tests use.
demo = test_browser.demo
site_inbox = test_browser.site_inbox
visit = test_browser.visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.node,
    pytest.mark.django_db(transaction=True),
]

HOSTILE = '<img src=x onerror="window.__owned=1">'


def gradient_png(width: int, height: int) -> bytes:
    """A PNG photo stand-in: a colour gradient of ``width`` x ``height``."""
    rows = b"".join(
        b"\x00"
        + bytes(
            channel
            for x in range(width)
            for channel in (x * 255 // width, y * 255 // height, 180)
        )
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


class Agent:
    """The demo administrator: asks through the Application API and follows
    the account's events on a real socket."""

    def __init__(self, server, demo, conversation: Conversation) -> None:
        self.server = server
        self.demo = demo
        self.conversation = conversation
        self.base = (
            f"/api/v1/accounts/{demo.account_id}/conversations/"
            f"{conversation.display_id}/messages"
        )
        assert shutil.which("node"), "Node.js is required (CI installs it)"
        self.socket = CableClient(
            server.cable_url,
            {
                "pubsub_token": demo.pubsub_token,
                "account_id": demo.account_id,
                "user_id": demo.user_id,
            },
            seconds=180,
        )
        self.socket.until(lambda step: step["step"] == "connected")

    def send(self, content: str, content_type: str = "text", **attributes) -> dict:
        """Post an outgoing message; returns its payload."""
        body = {"content": content, "content_type": content_type}
        if attributes:
            body["content_attributes"] = attributes
        status, message = api_post(
            self.server.url, self.base, self.demo.api_access_token, body
        )
        assert status == 200, (status, message)
        return message

    def event(self, name: str, check) -> dict:
        """The payload of the next ``name`` event that passes ``check``."""
        step, _ = self.socket.until(
            lambda step: (
                step["step"] == "event" and step["name"] == name and check(step["data"])
            )
        )
        return step["data"]

    def answer_for(self, question: dict) -> tuple[dict, dict]:
        """The visitor's answer message and the answered question, as the
        agent's socket receives them (in either order)."""
        found: dict[str, dict] = {}
        while len(found) < 2:
            step = self.socket.step()
            if step["step"] != "event":
                continue
            data = step["data"]
            attributes = data.get("content_attributes") or {}
            if (
                step["name"] == "message.created"
                and attributes.get("in_reply_to") == question["id"]
            ):
                found["answer"] = data
            elif (
                step["name"] == "message.updated"
                and data["id"] == question["id"]
                and attributes.get("answered") is True
            ):
                found["question"] = data
        answer = found["answer"]
        assert answer["message_type"] == Message.MessageType.INCOMING
        assert answer["conversation_id"] == self.conversation.display_id
        return answer, found["question"]


@pytest.fixture
def started(visit, server, website, site_inbox, demo) -> Iterator:
    """A visitor whose conversation is open, and the agent with its socket up:
    ``(page, frame, agent)``."""
    page = visit(website.add("/rich", embed_snippet(site_inbox, server.url)))
    open_chat(page)
    say(page, "Hi, I need help with my order.")
    wait_stored(page, 1)
    conversation = Conversation.objects.get(inbox=site_inbox)
    agent = Agent(server, demo, conversation)
    try:
        yield page, chat(page), agent
    finally:
        assert agent.socket.stop() == 0


def question(frame, message: dict):
    """The drawn message of ``message`` in the widget."""
    node = frame.locator(f"#message-{message['id']}")
    expect(node).to_be_visible()
    return node


def menu_answered_with_its_choice_highlighted(started) -> None:
    """A menu is a list of choices; the visitor's pick reaches the agent and the
    question stays drawn with the choice highlighted."""
    page, frame, agent = started
    asked = agent.send(
        "What can we help with?",
        "input_select",
        header="Pick a topic",
        footer="Our team answers within minutes",
        items=[
            {"title": "Billing", "value": "billing"},
            {"title": "Shipping", "value": "shipping"},
            {"title": "Returns", "value": "returns"},
        ],
    )
    menu = question(frame, asked)
    expect(menu.locator(".rich-header")).to_have_text("Pick a topic")
    expect(menu.locator(".rich-footer")).to_have_text("Our team answers within minutes")
    expect(menu.locator(".rich-option")).to_have_text(
        ["Billing", "Shipping", "Returns"]
    )
    screenshot(page, "widget-rich-menu")
    menu.get_by_role("button", name="Shipping").click()

    answer, updated = agent.answer_for(asked)
    assert answer["content"] == "Shipping"
    assert answer["content_attributes"]["submitted_values"] == [
        {"title": "Shipping", "value": "shipping"}
    ]
    assert updated["content_attributes"]["submitted_values"] == [
        {"title": "Shipping", "value": "shipping"}
    ]
    chosen = menu.locator(".rich-option.rich-chosen")
    expect(chosen).to_have_text("Shipping")
    expect(chosen).to_have_attribute("aria-pressed", "true")
    expect(menu.locator(".rich-option:disabled")).to_have_count(3)
    expect(frame.locator(".message-mine .message-text").last).to_have_text("Shipping")
    screenshot(page, "widget-rich-menu-answered")
    assert serious_accessibility_violations(chat_window(page)) == []


def quick_replies_disappear_once_answered(started) -> None:
    """Quick replies are buttons that go once one is chosen; the answer shows as
    the visitor's own message."""
    page, frame, agent = started
    asked = agent.send(
        "Did that solve it?",
        "input_select",
        quick_reply=True,
        items=[{"title": "Yes 👍", "value": "yes"}, {"title": "No", "value": "no"}],
    )
    node = question(frame, asked)
    buttons = node.locator(".rich-quick-reply")
    expect(buttons).to_have_text(["Yes 👍", "No"])
    screenshot(page, "widget-rich-quick-replies")
    buttons.first.click()
    answer, _ = agent.answer_for(asked)
    assert answer["content"] == "Yes 👍"
    expect(buttons).to_have_count(0)
    expect(frame.locator(".message-mine .message-text").last).to_have_text("Yes 👍")


FORM_ITEMS = [
    {"name": "full_name", "label": "Your name", "type": "text", "required": True},
    {"name": "email", "label": "Email", "type": "email", "required": True},
    {"name": "order", "label": "Order number", "type": "number"},
    {"name": "phone", "label": "Phone", "type": "phone"},
    {"name": "day", "label": "Delivery day", "type": "date"},
    {
        "name": "plan",
        "label": "Plan",
        "type": "select",
        "required": True,
        "options": [
            {"title": "Basic", "value": "basic"},
            {"title": "Pro", "value": "pro"},
        ],
    },
    {"name": "notes", "label": "Notes", "type": "text_area", "placeholder": "Optional"},
    {
        "name": "terms",
        "label": "I accept the terms",
        "type": "checkbox",
        "required": True,
    },
]


def form_checked_in_the_browser_then_sent(started) -> None:
    """A form says what is missing or wrong under each field before anything is
    sent; the sent values reach the agent and the form shows them read-only."""
    page, frame, agent = started
    asked = agent.send("A few details, please", "form", items=FORM_ITEMS)
    form = question(frame, asked).locator("form.rich-form")
    expect(form.locator(".rich-field")).to_have_count(8)
    expect(form.get_by_label("Delivery day")).to_have_attribute("type", "date")
    expect(form.get_by_label("Phone")).to_have_attribute("type", "tel")
    form.get_by_label("Email").fill("not an email")
    form.get_by_label("Phone").fill("(555) call me")
    form.get_by_role("button", name="Send").click()

    def problem(label: str):
        field = form.get_by_label(label)
        return form.locator(f"#{field.get_attribute('aria-describedby')}")

    expect(problem("Your name")).to_have_text("This field is required.")
    expect(problem("Email")).to_have_text("Please enter a valid email address.")
    expect(problem("Phone")).to_have_text("Please enter a valid phone number.")
    expect(problem("Plan")).to_have_text("This field is required.")
    expect(problem("I accept the terms")).to_have_text("This field is required.")
    expect(form.get_by_label("Your name")).to_be_focused()
    expect(form.get_by_label("Your name")).to_have_attribute("aria-invalid", "true")
    screenshot(page, "widget-rich-form-problems")
    assert serious_accessibility_violations(chat_window(page)) == []

    form.get_by_label("Your name").fill("Vera Díaz")
    form.get_by_label("Email").fill("vera@example.com")
    form.get_by_label("Order number").fill("1042")
    form.get_by_label("Phone").fill("")
    form.get_by_label("Delivery day").fill("2026-12-03")
    form.get_by_label("Plan").select_option("pro")
    form.get_by_label("I accept the terms").check()
    form.get_by_role("button", name="Send").click()

    answer, _ = agent.answer_for(asked)
    values = {
        v["name"]: v["value"] for v in answer["content_attributes"]["submitted_values"]
    }
    assert values["full_name"] == "Vera Díaz"
    assert values["plan"] == "pro"
    assert values["terms"] is True
    assert "phone" not in values
    assert "Your name: Vera Díaz" in answer["content"]
    sent = question(frame, asked).locator(".rich-form-answered")
    expect(sent.locator("dt")).to_have_text(
        [
            "Your name",
            "Email",
            "Order number",
            "Delivery day",
            "Plan",
            "I accept the terms",
        ]
    )
    expect(sent.locator("dd")).to_have_text(
        ["Vera Díaz", "vera@example.com", "1042", "2026-12-03", "Pro", "Yes"]
    )
    expect(question(frame, asked).locator("input, select, textarea")).to_have_count(0)
    screenshot(page, "widget-rich-form-answered")


def cards_link_out_and_answer_by_postback(started) -> None:
    """Cards show image, title and description; a link button opens a new tab
    without an opener, a postback answers and stays highlighted; a
    ``javascript:`` address never becomes a link."""
    page, frame, agent = started
    image = f"{agent.server.url}/media/plan-basic.png"
    page.route(
        image,
        lambda route: route.fulfill(
            body=gradient_png(480, 240), content_type="image/png"
        ),
    )
    asked = agent.send(
        "Our plans",
        "cards",
        items=[
            {
                "title": "Basic",
                "description": "For small shops",
                "media_url": image,
                "actions": [
                    {
                        "type": "link",
                        "text": "Details",
                        "uri": "https://example.com/basic",
                    },
                    {
                        "type": "postback",
                        "text": "Choose Basic",
                        "payload": "plan_basic",
                    },
                ],
            },
            {
                "title": "Pro",
                "description": "For growing teams",
                "actions": [
                    {"type": "postback", "text": "Choose Pro", "payload": "plan_pro"}
                ],
            },
        ],
    )
    cards = question(frame, asked)
    expect(cards.locator(".rich-card-title")).to_have_text(["Basic", "Pro"])
    expect(cards.locator(".rich-card-image")).to_have_attribute("src", image)
    details = cards.get_by_role("link", name="Details")
    expect(details).to_have_attribute("href", "https://example.com/basic")
    expect(details).to_have_attribute("target", "_blank")
    expect(details).to_have_attribute("rel", "noopener noreferrer")
    screenshot(page, "widget-rich-cards")
    cards.get_by_role("button", name="Choose Pro").click()
    answer, _ = agent.answer_for(asked)
    assert answer["content_attributes"]["submitted_values"] == [
        {"title": "Choose Pro", "value": "plan_pro"}
    ]
    expect(cards.locator(".rich-chosen")).to_have_text("Choose Pro")
    expect(cards.locator(".rich-card-postback:disabled")).to_have_count(2)


def satisfaction_survey_with_rating_and_feedback(started) -> None:
    """The survey asks for a rating first, then sends it with the comment; once
    answered it shows the rating and comment, not the form."""
    page, frame, agent = started
    asked = agent.send("How did we do?", "input_csat")
    survey = question(frame, asked)
    ratings = survey.get_by_role("radio")
    expect(ratings).to_have_count(5)
    survey.get_by_role("button", name="Send").click()
    expect(survey.locator(".rich-problem")).to_have_text("Please choose a rating.")
    # The keyboard moves along the ratings.
    ratings.first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(survey.get_by_role("radio", name="4 out of 5")).to_be_focused()
    expect(survey.get_by_role("radio", name="4 out of 5")).to_have_attribute(
        "aria-checked", "true"
    )
    survey.get_by_label("Anything to add? (optional)").fill("Quick and kind")
    screenshot(page, "widget-rich-csat")
    survey.get_by_role("button", name="Send").click()
    answer, _ = agent.answer_for(asked)
    assert answer["content_attributes"]["submitted_values"] == {
        "csat_survey_response": {"rating": 4, "feedback_message": "Quick and kind"}
    }
    expect(survey.locator(".rich-csat-stars")).to_have_attribute(
        "aria-label", "You rated 4 out of 5"
    )
    expect(survey.locator(".rich-csat-feedback")).to_have_text("Quick and kind")
    expect(survey.get_by_role("radio")).to_have_count(0)


def email_question_from_an_agent(started) -> None:
    """An agent's ``input_email`` question is answered in place; the agent sees
    the question answered."""
    _, frame, agent = started
    asked = agent.send("Where can we reach you?", "input_email")
    prompt = question(frame, asked)
    prompt.locator("input[type=email]").fill("nope")
    prompt.get_by_role("button", name="Submit").click()
    expect(prompt.locator(".email-problem")).to_have_text(
        "Please enter a valid email address."
    )
    prompt.locator("input[type=email]").fill("vera@example.com")
    prompt.get_by_role("button", name="Submit").click()
    updated = agent.event(
        "message.updated",
        lambda data: (
            data["id"] == asked["id"]
            and data["content_attributes"].get("submitted_email") == "vera@example.com"
        ),
    )
    assert updated["content_type"] == "input_email"
    expect(prompt.locator(".email-done")).to_have_text(
        "Thanks! We will email you at vera@example.com."
    )


def articles_locations_and_contacts_drawn(started) -> None:
    """Articles are links; a location shows its name, address and a map link
    (OpenStreetMap without its own URL); contact cards link phones and emails."""
    page, frame, agent = started
    articles = agent.send(
        "These may help",
        "article",
        items=[
            {
                "title": "Track your parcel",
                "description": "Where it is now",
                "link": "https://help.example.com/track",
            },
            {"title": "Returns", "link": "https://help.example.com/returns"},
        ],
    )
    drawn = question(frame, articles)
    expect(drawn.get_by_role("link", name="Track your parcel")).to_have_attribute(
        "href", "https://help.example.com/track"
    )
    expect(drawn.locator(".rich-article-description")).to_have_text("Where it is now")

    place = agent.send(
        "Our shop",
        "location",
        latitude=52.52,
        longitude=13.405,
        name="Acme Berlin",
        address="Unter den Linden 1, Berlin",
    )
    shop = question(frame, place)
    expect(shop.locator(".rich-location-name")).to_have_text("Acme Berlin")
    expect(shop.locator(".rich-location-address")).to_have_text(
        "Unter den Linden 1, Berlin"
    )
    expect(shop.get_by_role("link", name="Open map")).to_have_attribute(
        "href",
        "https://www.openstreetmap.org/?mlat=52.52&mlon=13.405#map=16/52.52/13.405",
    )

    people = agent.send(
        "Call us",
        "contacts",
        contacts=[
            {
                "name": "Acme support",
                "organization": "Acme GmbH",
                "phones": ["+49 30 1234567"],
                "emails": ["help@acme.example"],
            }
        ],
    )
    card = question(frame, people)
    expect(card.locator(".rich-contact-name")).to_have_text("Acme support")
    expect(card.get_by_role("link", name="+49 30 1234567")).to_have_attribute(
        "href", "tel:+49301234567"
    )
    expect(card.get_by_role("link", name="help@acme.example")).to_have_attribute(
        "href", "mailto:help@acme.example"
    )
    screenshot(page, "widget-rich-article-location-contacts")
    assert serious_accessibility_violations(chat_window(page)) == []


def test_reply_and_reaction_from_the_widget(started):
    """The visitor replies to the agent's message (a quote above the composer,
    then above the sent message) and reacts to it; the agent's socket gets the
    reply with ``in_reply_to`` and the target's reactions; the reaction itself is
    never a bubble, and a click on the visitor's own chip takes it back."""
    page, frame, agent = started
    said = agent.send("Your parcel left the warehouse this morning.")
    node = question(frame, said)
    node.hover()
    node.get_by_role("button", name="Reply", exact=True).click()
    expect(frame.locator("#reply-bar")).to_be_visible()
    expect(frame.locator("#reply-text")).to_have_text(
        "Your parcel left the warehouse this morning."
    )
    expect(frame.locator("#input")).to_be_focused()
    # Escape drops the reply first; the chat stays open.
    frame.locator("#input").press("Escape")
    expect(frame.locator("#reply-bar")).to_be_hidden()
    expect(page.locator("onechat-widget iframe")).to_be_visible()
    node.hover()
    node.get_by_role("button", name="Reply", exact=True).click()
    expect(frame.locator("#reply-bar")).to_be_visible()
    screenshot(page, "widget-reply-composer")
    say(page, "Great, thanks!")
    reply = agent.event(
        "message.created",
        lambda data: data["content"] == "Great, thanks!",
    )
    assert reply["content_attributes"]["in_reply_to"] == said["id"]
    assert reply["content_attributes"]["reply_to"]["id"] == said["id"]
    expect(frame.locator("#reply-bar")).to_be_hidden()
    mine = frame.locator(f"#message-{reply['id']}")
    expect(mine.locator(".message-quote-text")).to_have_text(
        "Your parcel left the warehouse this morning."
    )

    # React with the keyboard: focus reveals the actions, Escape closes the picker.
    node.get_by_role("button", name="React", exact=True).focus()
    page.keyboard.press("Enter")
    picker = node.locator(".reaction-picker")
    expect(picker).to_be_visible()
    page.keyboard.press("Escape")
    expect(picker).to_be_hidden()
    expect(node.get_by_role("button", name="React", exact=True)).to_be_focused()
    expect(page.locator("onechat-widget iframe")).to_be_visible()
    page.keyboard.press("Enter")
    picker.get_by_role("button", name="React with 👍").click()
    updated = agent.event(
        "message.updated",
        lambda data: (
            data["id"] == said["id"] and data["content_attributes"].get("reactions")
        ),
    )
    assert updated["content_attributes"]["reactions"][0]["emoji"] == "👍"
    assert updated["content_attributes"]["reactions"][0]["sender_type"] == "contact"
    chip = node.locator(".reaction-chip")
    expect(chip).to_have_text("👍")
    expect(chip).to_have_attribute("aria-pressed", "true")
    # Only two bubbles of the visitor's: the reaction is not one.
    expect(frame.locator(".message-mine")).to_have_count(2)
    screenshot(page, "widget-reaction")
    assert serious_accessibility_violations(chat_window(page)) == []
    chip.click()
    agent.event(
        "message.updated",
        lambda data: (
            data["id"] == said["id"] and not data["content_attributes"].get("reactions")
        ),
    )
    expect(chip).to_have_count(0)

    # A photo can reply too (the quote travels with the upload).
    node.hover()
    node.get_by_role("button", name="Reply", exact=True).click()
    frame.locator("#file").set_input_files(
        {"name": "parcel.png", "mimeType": "image/png", "buffer": gradient_png(8, 8)}
    )
    photo = agent.event(
        "message.created",
        lambda data: (
            data["id"] != reply["id"]
            and (data.get("content_attributes") or {}).get("in_reply_to") == said["id"]
        ),
    )
    sent = frame.locator(f"#message-{photo['id']}")
    expect(sent.locator(".message-quote")).to_be_visible()
    expect(sent.locator("img.message-image")).to_have_count(1)


def test_agent_reaction_and_quote_shown_live(started):
    """An agent's reply quoting the visitor shows the quote; the agent's
    reaction shows as a chip the visitor cannot take back (a click adds theirs)."""
    _, frame, agent = started
    first = frame.locator(".message-mine").first
    visitor_id = int(first.get_attribute("id").split("-")[1])
    reply = agent.send("Of course, which order?", in_reply_to=visitor_id)
    node = question(frame, reply)
    expect(node.locator(".message-quote-author")).to_have_text("You")
    expect(node.locator(".message-quote-text")).to_have_text(
        "Hi, I need help with my order."
    )
    status, _ = api_post(
        agent.server.url,
        agent.base,
        agent.demo.api_access_token,
        {
            "content": "❤️",
            "content_type": "reaction",
            "content_attributes": {"in_reply_to": visitor_id},
        },
    )
    assert status == 200
    chip = first.locator(".reaction-chip")
    expect(chip).to_have_text("❤️")
    expect(chip).to_have_attribute("aria-pressed", "false")
    # The agent's reaction message is not a bubble.
    expect(frame.locator(".message-theirs")).to_have_count(1)
    node.locator(".message-quote").click()
    expect(first).to_be_focused()
    # A long press (touch) on a bubble opens the picker.
    first.locator(".message-bubble").dispatch_event(
        "pointerdown", {"pointerType": "touch", "isPrimary": True}
    )
    expect(first.locator(".reaction-picker")).to_be_visible()


def media_viewer_players_and_document_cards(started) -> None:
    """Images open full size in a viewer that Escape closes (focus returns);
    audio and video get the browser's players; other files are cards with
    name, size and type; a ``javascript:`` address is never a link."""
    page, frame, agent = started
    conversation = agent.conversation
    message = Message.objects.create(
        account_id=conversation.account_id,
        inbox=conversation.inbox,
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content="Here are the files",
    )
    base = agent.server.url
    for file_type, url, size in (
        (Attachment.FileType.IMAGE, f"{base}/static/widget/dot.png", 0),
        (Attachment.FileType.AUDIO, f"{base}/media/voice%20note.mp3", 48_000),
        (Attachment.FileType.VIDEO, f"{base}/media/unboxing.mp4", 3_500_000),
        (Attachment.FileType.FILE, f"{base}/media/Invoice%201042.pdf", 1_536),
        (Attachment.FileType.FILE, "javascript:window.__owned=3", 10),
    ):
        Attachment.objects.create(
            account_id=conversation.account_id,
            message=message,
            file_type=file_type,
            external_url=url,
            file_size=size,
        )
    page.route(
        "**/static/widget/dot.png",
        lambda route: route.fulfill(
            body=gradient_png(480, 320), content_type="image/png"
        ),
    )
    page.reload()
    page.wait_for_function("window.__onechatReady === true", timeout=10_000)
    open_chat(page)
    node = question(frame, {"id": message.pk})
    expect(node.locator("audio")).to_have_attribute("controls", "")
    expect(node.locator("video")).to_have_attribute("controls", "")
    cards = node.locator(".message-file")
    expect(cards.locator(".message-file-name")).to_have_text(
        [
            "voice note.mp3",
            "unboxing.mp4",
            "Invoice 1042.pdf",
            "javascript:window.__owned=3",
        ]
    )
    expect(cards.nth(2).locator(".message-file-details")).to_have_text("1.5 kB · PDF")
    expect(cards.nth(1).locator(".message-file-details")).to_have_text("3.3 MB · MP4")
    assert cards.nth(3).get_attribute("href") is None
    assert frame.locator('a[href^="javascript"]').count() == 0

    opener = node.locator(".message-image-button")
    opener.click()
    viewer = frame.locator("#viewer")
    expect(viewer).to_be_visible()
    expect(viewer.locator("img")).to_have_attribute(
        "src", f"{base}/static/widget/dot.png"
    )
    expect(viewer.get_by_role("button", name="Close image")).to_be_focused()
    screenshot(page, "widget-image-viewer")
    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()
    expect(opener).to_be_focused()
    # Escape closed the viewer only, not the chat.
    expect(page.locator("onechat-widget iframe")).to_be_visible()
    screenshot(page, "widget-media")
    assert serious_accessibility_violations(chat_window(page)) == []


def delivery_ticks_on_the_visitors_messages(started) -> None:
    """The visitor's own messages show their delivery: ✓ sent, ✓✓ read (coloured),
    ⚠ failed with its reason written out."""
    page, frame, agent = started
    first = frame.locator(".message-mine").first
    visitor_id = int(first.get_attribute("id").split("-")[1])
    sent = Message.objects.create(
        account_id=agent.conversation.account_id,
        inbox=agent.conversation.inbox,
        conversation=agent.conversation,
        message_type=Message.MessageType.INCOMING,
        sender_contact=agent.conversation.contact,
        content="One more thing",
    )
    failed = Message.objects.create(
        account_id=agent.conversation.account_id,
        inbox=agent.conversation.inbox,
        conversation=agent.conversation,
        message_type=Message.MessageType.INCOMING,
        sender_contact=agent.conversation.contact,
        content="Photo of the damage",
        status=Message.Status.FAILED,
        content_attributes={"external_error": "The file could not be stored"},
    )
    Message.objects.filter(pk=visitor_id).update(status=Message.Status.READ)
    page.reload()
    page.wait_for_function("window.__onechatReady === true", timeout=10_000)
    open_chat(page)
    read = frame.locator(f"#message-{visitor_id} .message-delivery")
    expect(read).to_have_class("message-delivery delivery-read")
    expect(read).to_contain_text("✓✓")
    expect(read).to_have_attribute("title", "Read")
    just_sent = frame.locator(f"#message-{sent.pk} .message-delivery")
    expect(just_sent).to_have_attribute("title", "Sent")
    expect(just_sent).to_contain_text("✓")
    expect(just_sent).not_to_contain_text("✓✓")
    problem = frame.locator(f"#message-{failed.pk} .message-delivery")
    expect(problem).to_contain_text("⚠")
    expect(problem.locator(".delivery-reason")).to_have_text(
        "Not delivered: The file could not be stored"
    )
    screenshot(page, "widget-delivery")


def markup_and_bad_addresses_in_rich_messages_stay_inert(started) -> None:
    """Markup in every string a rich message draws shows as text; addresses that
    are not http(s) never become links or images, even when stored without the
    server's checks (written straight to the database here)."""
    page, frame, agent = started

    def stored(content_type: str, **attributes) -> dict:
        message = Message.objects.create(
            account_id=agent.conversation.account_id,
            inbox=agent.conversation.inbox,
            conversation=agent.conversation,
            message_type=Message.MessageType.OUTGOING,
            content=HOSTILE,
            content_type=content_type,
            content_attributes=attributes,
        )
        return {"id": message.pk}

    bad = "javascript:window.__owned=2"
    cards = stored(
        "cards",
        items=[
            {
                "title": HOSTILE,
                "description": HOSTILE,
                "media_url": bad,
                "actions": [
                    {"type": "link", "text": HOSTILE, "uri": bad},
                    {"type": "postback", "text": HOSTILE, "payload": "x"},
                ],
            }
        ],
    )
    menu = stored(
        "input_select",
        header=HOSTILE,
        footer=HOSTILE,
        items=[{"title": HOSTILE, "value": "x", "url": bad}],
    )
    form = stored(
        "form",
        items=[
            {"name": "a", "label": HOSTILE, "type": "text", "placeholder": HOSTILE},
            {
                "name": "b",
                "label": HOSTILE,
                "type": "select",
                "options": [{"title": HOSTILE, "value": "x"}],
            },
        ],
    )
    articles = stored("article", items=[{"title": HOSTILE, "link": bad}])
    place = stored(
        "location", latitude=1, longitude=2, name=HOSTILE, address=HOSTILE, url=bad
    )
    people = stored(
        "contacts",
        contacts=[
            {
                "name": HOSTILE,
                "organization": HOSTILE,
                "phones": [HOSTILE],
                "emails": [HOSTILE, "a@b.co?bcc=x@y.z"],
            }
        ],
    )
    quoted = stored(
        "text",
        in_reply_to=1,
        reply_to={"id": 1, "content": HOSTILE, "sender_name": HOSTILE},
        reactions=[{"emoji": HOSTILE, "sender_type": "user", "sender_id": 1}],
    )
    page.reload()
    page.wait_for_function("window.__onechatReady === true", timeout=10_000)
    open_chat(page)
    expect(question(frame, cards).locator(".rich-card-title")).to_have_text(HOSTILE)
    expect(question(frame, cards).locator(".rich-card-link")).to_have_text(HOSTILE)
    expect(question(frame, menu).locator(".rich-option")).to_have_text(HOSTILE)
    expect(question(frame, menu).locator(".rich-header")).to_have_text(HOSTILE)
    expect(question(frame, form).locator("label")).to_have_text([HOSTILE, HOSTILE])
    expect(question(frame, form).locator("option").last).to_have_text(HOSTILE)
    expect(question(frame, articles).locator(".rich-article-title")).to_have_text(
        HOSTILE
    )
    expect(question(frame, place).locator(".rich-location-name")).to_have_text(HOSTILE)
    expect(question(frame, people).locator(".rich-contact-phone")).to_have_text(HOSTILE)
    expect(question(frame, quoted).locator(".message-quote-text")).to_have_text(HOSTILE)
    expect(question(frame, quoted).locator(".reaction-chip")).to_have_text(HOSTILE)
    assert frame.locator(".messages img").count() == 0
    assert frame.locator('[href^="javascript"], [src^="javascript"]').count() == 0
    assert frame.locator('[href^="tel"], [href^="mailto"]').count() == 0
    assert question(frame, articles).locator("a").count() == 0
    # The location's own link is refused; the map falls back to OpenStreetMap.
    expect(
        question(frame, place).get_by_role("link", name="Open map")
    ).to_have_attribute(
        "href", "https://www.openstreetmap.org/?mlat=1&mlon=2#map=16/1/2"
    )
    assert chat_window(page).evaluate("window.__owned") is None
    assert page.evaluate("window.__owned") is None
    screenshot(page, "widget-rich-hostile")


def visitor_shares_their_location(started) -> None:
    """The visitor shares where they are (the browser's geolocation, allowed in
    the SDK's iframe); the agent's socket gets a location message and the widget
    draws it with its map link."""
    page, frame, agent = started
    page.context.set_geolocation({"latitude": 48.858372, "longitude": 2.294481})
    page.context.grant_permissions(["geolocation"])
    expect(page.locator("onechat-widget iframe")).to_have_attribute(
        "allow",
        "clipboard-write; geolocation; microphone; camera; display-capture; autoplay",
    )
    frame.get_by_role("button", name="Share my location").click()
    shared = agent.event(
        "message.created", lambda data: data["content_type"] == "location"
    )
    assert shared["message_type"] == Message.MessageType.INCOMING
    assert shared["content_attributes"]["latitude"] == 48.85837
    assert shared["content_attributes"]["longitude"] == 2.29448
    mine = frame.locator(f"#message-{shared['id']}")
    expect(mine).to_have_class(re.compile(r"\bmessage-mine\b"))
    expect(mine.get_by_role("link", name="Open map")).to_have_attribute(
        "href",
        "https://www.openstreetmap.org/?mlat=48.85837&mlon=2.29448#map=16/48.85837/2.29448",
    )
    expect(frame.locator("#error")).to_be_hidden()
    screenshot(page, "widget-location-shared")


def test_rich_words_follow_the_widget_language(started):
    """The words the widget adds to rich messages come from its catalogue: in
    Arabic the survey, the form's checks and the actions read in Arabic and
    the page runs right to left."""
    page, frame, agent = started
    survey = question(frame, agent.send("How did we do?", "input_csat"))
    form = question(
        frame,
        agent.send(
            "Your name?",
            "form",
            items=[{"name": "n", "label": "Name", "type": "text", "required": True}],
        ),
    )
    page.evaluate("window.$onechat.setLocale('ar')")
    expect(frame.locator("html")).to_have_attribute("dir", "rtl")
    expect(survey.get_by_role("radiogroup")).to_have_attribute(
        "aria-label", "قيّم هذه المحادثة"
    )
    form.get_by_role("button", name="إرسال").click()
    expect(form.locator(".rich-problem").first).to_have_text("هذا الحقل مطلوب.")
    expect(form.get_by_role("button", name="رد", exact=True)).to_have_count(1)
    expect(frame.get_by_role("button", name="مشاركة موقعي")).to_be_visible()
    screenshot(page, "widget-rich-arabic")
    assert serious_accessibility_violations(chat_window(page)) == []


def answer_given_elsewhere_shows_live(started, site_inbox) -> None:
    """A question answered from another tab of the same visitor redraws as
    answered from ``message.updated`` alone, with no action in this page."""
    page, frame, agent = started
    asked = agent.send(
        "Which size?",
        "input_select",
        items=[{"title": "Small", "value": "s"}, {"title": "Large", "value": "l"}],
    )
    menu = question(frame, asked)
    expect(menu.locator(".rich-option:enabled")).to_have_count(2)
    token = chat_window(page).evaluate(
        f"localStorage.getItem('onechat.session.{site_inbox.website_token}')"
    )
    request = urllib.request.Request(
        f"{agent.server.url}/api/v1/widget/messages/{asked['id']}"
        f"?website_token={site_inbox.website_token}",
        data=json.dumps(
            {"submitted_values": [{"title": "Large", "value": "l"}]}
        ).encode(),
        headers={"Content-Type": "application/json", "X-Widget-Session": token},
        method="PATCH",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
    expect(menu.locator(".rich-chosen")).to_have_text("Large")
    expect(menu.locator(".rich-option:enabled")).to_have_count(0)
    expect(frame.locator(".message-mine .message-text").last).to_have_text("Large")


# One visitor answers several questions in turn, each checked as its function
# says: opening a widget and an agent's socket costs more than the checks.


def test_menu_quick_replies_and_email_question_answered(started):
    """A menu, quick replies and an email question, answered one after another
    in one conversation."""
    menu_answered_with_its_choice_highlighted(started)
    quick_replies_disappear_once_answered(started)
    email_question_from_an_agent(started)


def test_form_and_satisfaction_survey_answered(started):
    """A form, then a satisfaction survey, in one conversation."""
    form_checked_in_the_browser_then_sent(started)
    satisfaction_survey_with_rating_and_feedback(started)


def test_shared_location_cards_articles_locations_and_contacts(started):
    """The visitor's own location (first: the agent's socket then hears no
    other location), cards answered by postback, then articles, a location and
    contact cards, in one conversation."""
    visitor_shares_their_location(started)
    cards_link_out_and_answer_by_postback(started)
    articles_locations_and_contacts_drawn(started)


def test_answer_given_elsewhere_then_media(started, site_inbox):
    """A question answered from another tab, then media drawn after a reload,
    in one conversation."""
    answer_given_elsewhere_shows_live(started, site_inbox)
    media_viewer_players_and_document_cards(started)


def test_delivery_ticks_then_markup_stays_inert(started):
    """The visitor's delivery ticks, then hostile rich messages, each drawn
    after a reload of one conversation."""
    delivery_ticks_on_the_visitors_messages(started)
    markup_and_bad_addresses_in_rich_messages_stay_inert(started)
