"""The dashboard draws every rich message of RICH.md, as text, with only
http(s) links: questions and their answers, cards, articles, places, contact
cards, quotes, reactions, delivery ticks and media."""

import struct
import zlib

import pytest
from playwright.sync_api import expect

from django.core.files.base import ContentFile

from accounts.models import User
from conversations.models import Attachment, Conversation, Message
from tests import factories
from tests.browser import screenshot, serious_accessibility_violations
from tests.dashboard.conftest import PHONE
from tests.dashboard.test_conversation import open_conversation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

MARKUP = '<img src=x onerror="window.__owned=1">'
SCRIPT_URL = "javascript:window.__owned=2"


def png(width: int, height: int) -> bytes:
    """A valid blue PNG of the given size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + bytes([30, 90, 200]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def hostile(word: str) -> str:
    """A string a page must show as text, markup and all."""
    return f"{word} {MARKUP}"


def outgoing(conversation: Conversation, user_id: int, **fields) -> Message:
    return factories.MessageFactory(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        sender_user_id=user_id,
        **fields,
    )


def seed_rich_conversation(demo) -> tuple[Conversation, dict[str, Message]]:
    """Marco's conversation with one message of each rich kind, answered where
    the contact answers, every string carrying markup."""
    conversation = Conversation.objects.get(
        account_id=demo.account_id, contact__name="Marco Rossi"
    )
    contact_id = conversation.contact_id
    m: dict[str, Message] = {}
    m["menu"] = outgoing(
        conversation,
        demo.user_id,
        content=hostile("Pick a size"),
        content_type="input_select",
        content_attributes={
            "header": hostile("Sizes"),
            "items": [
                {"title": hostile("Small"), "value": "s"},
                {"title": hostile("Large"), "value": "l", "url": SCRIPT_URL},
            ],
            "submitted_values": [{"title": hostile("Large"), "value": "l"}],
            "answered": True,
        },
        status="read",
    )
    m["quick"] = outgoing(
        conversation,
        demo.user_id,
        content="Was this helpful?",
        content_type="input_select",
        content_attributes={
            "quick_reply": True,
            "items": [{"title": "Yes", "value": "yes"}, {"title": "No", "value": "no"}],
        },
        status="delivered",
    )
    m["form"] = outgoing(
        conversation,
        demo.user_id,
        content="Your details",
        content_type="form",
        content_attributes={
            "items": [
                {"name": "full_name", "label": hostile("Full name"), "type": "text"},
                {"name": "agree", "label": "Agree", "type": "checkbox"},
            ],
            "submitted_values": [
                {"name": "full_name", "value": hostile("Marco")},
                {"name": "agree", "value": True},
            ],
            "answered": True,
        },
    )
    m["cards"] = outgoing(
        conversation,
        demo.user_id,
        content="Our plans",
        content_type="cards",
        content_attributes={
            "items": [
                {
                    "title": hostile("Gold plan"),
                    "description": hostile("All features"),
                    "media_url": SCRIPT_URL,
                    "actions": [
                        {"type": "link", "text": hostile("Read"), "uri": SCRIPT_URL},
                        {"type": "postback", "text": "Buy", "payload": "buy_gold"},
                    ],
                }
            ]
        },
    )
    m["article"] = outgoing(
        conversation,
        demo.user_id,
        content="Help articles",
        content_type="article",
        content_attributes={
            "items": [
                {"title": hostile("Returns"), "link": "https://help.example.com/r"},
                {"title": "Sneaky", "link": SCRIPT_URL},
            ]
        },
    )
    m["csat"] = outgoing(
        conversation,
        demo.user_id,
        content="Rate us",
        content_type="input_csat",
        content_attributes={
            "submitted_values": {
                "csat_survey_response": {
                    "rating": 4,
                    "feedback_message": hostile("Quick"),
                }
            },
            "answered": True,
        },
    )
    m["email"] = outgoing(
        conversation,
        demo.user_id,
        content="Your email?",
        content_type="input_email",
        content_attributes={"submitted_email": "marco@example.com"},
        status="failed",
    )
    m["email"].content_attributes["external_error"] = hostile("Relay down")
    m["email"].save()
    m["location"] = factories.MessageFactory(
        conversation=conversation,
        sender_contact_id=contact_id,
        content="Here",
        content_type="location",
        content_attributes={
            "latitude": 45.46,
            "longitude": 9.19,
            "name": hostile("Duomo"),
            "url": SCRIPT_URL,
        },
    )
    m["contacts"] = factories.MessageFactory(
        conversation=conversation,
        sender_contact_id=contact_id,
        content="Card",
        content_type="contacts",
        content_attributes={
            "contacts": [
                {
                    "name": hostile("Luca"),
                    "phones": ["+39 02 1234"],
                    "emails": ["luca@example.com"],
                    "organization": hostile("Acme"),
                },
                {
                    "name": "Mallory",
                    "phones": ["javascript:alert(1)"],
                    "emails": ['x@y.z"><img src=x onerror=alert(1)>'],
                },
            ]
        },
    )
    quoted = m["menu"]
    m["reply"] = factories.MessageFactory(
        conversation=conversation,
        sender_contact_id=contact_id,
        content="About that menu",
        content_attributes={
            "in_reply_to": quoted.id,
            "reply_to": {
                "id": quoted.id,
                "content": hostile("Pick a size"),
                "content_type": "input_select",
                "sender_name": hostile("Agent"),
                "message_type": 1,
                "deleted": False,
            },
            "reactions": [
                {"emoji": "👍", "sender_type": "user", "sender_id": demo.user_id},
                {"emoji": "👍", "sender_type": "contact", "sender_id": contact_id},
                {"emoji": "❤️", "sender_type": "contact", "sender_id": contact_id},
            ],
        },
    )
    m["reaction"] = outgoing(
        conversation,
        demo.user_id,
        content="👍",
        content_type="reaction",
        content_attributes={"in_reply_to": m["reply"].id, "is_reaction": True},
    )
    m["media"] = outgoing(conversation, demo.user_id, content="Media")
    image = Attachment(
        account_id=demo.account_id,
        message=m["media"],
        file_type=Attachment.FileType.IMAGE,
        extension="png",
    )
    image.file.save("photo.png", ContentFile(png(120, 80)))
    for kind, name, size in [
        (Attachment.FileType.AUDIO, "voice.ogg", 2048),
        (Attachment.FileType.VIDEO, "clip.mp4", 3 * 1024 * 1024),
        (Attachment.FileType.FILE, "report.pdf", 1536),
    ]:
        attachment = Attachment(
            account_id=demo.account_id,
            message=m["media"],
            file_type=kind,
            extension=name.rsplit(".", 1)[1],
            file_size=size,
        )
        attachment.file.save(name, ContentFile(b"x" * 16))
    return conversation, m


def bubble(page, message: Message):
    return page.locator(f'.message[data-message-id="{message.id}"]')


def test_every_rich_kind_is_drawn_as_text_with_safe_links(signed_in, demo):
    """Each kind shows its parts and its answer; markup shows as text and no
    javascript: address becomes a link or an image."""
    conversation, m = seed_rich_conversation(demo)
    # Tall enough that the screenshot shows the whole thread.
    page = signed_in(viewport={"width": 1280, "height": 3200})
    open_conversation(page, conversation.display_id)

    menu = bubble(page, m["menu"])
    expect(menu.locator(".rich-header")).to_have_text(hostile("Sizes"))
    expect(menu.locator(".rich-option")).to_have_count(2)
    expect(menu.locator(".rich-option.chosen")).to_contain_text(hostile("Large"))
    expect(menu.locator(".rich-option.chosen")).to_have_count(1)
    expect(menu.locator(".rich-answered")).to_have_text("Answered")
    expect(menu.locator(".ticks")).to_have_attribute("data-status", "read")

    quick = bubble(page, m["quick"])
    expect(quick.locator(".quick-reply .rich-option")).to_have_count(2)
    expect(quick.locator(".rich-waiting")).to_have_text("Waiting for an answer")
    expect(quick.locator(".ticks")).to_have_attribute("data-status", "delivered")
    expect(quick.locator(".ticks")).to_contain_text("✓✓")

    form = bubble(page, m["form"])
    expect(form.locator(".rich-fields li")).to_have_count(2)
    submitted = form.locator(".rich-submitted")
    expect(submitted.locator("dt").first).to_have_text(hostile("Full name"))
    expect(submitted.locator("dd").first).to_have_text(hostile("Marco"))
    expect(submitted.locator("dd").last).to_have_text("Yes")

    cards = bubble(page, m["cards"])
    expect(cards.locator(".rich-card-title")).to_have_text(hostile("Gold plan"))
    expect(cards.locator(".rich-card-description")).to_have_text(
        hostile("All features")
    )
    expect(cards.locator(".rich-action")).to_have_count(2)
    expect(cards.locator("img")).to_have_count(0)

    article = bubble(page, m["article"])
    expect(article.locator("a.rich-article-title")).to_have_attribute(
        "href", "https://help.example.com/r"
    )
    expect(article.locator("a.rich-article-title")).to_have_count(1)

    csat = bubble(page, m["csat"])
    expect(csat.locator(".rich-answered")).to_contain_text("Rating: 4/5")
    expect(csat.locator(".rich-feedback")).to_have_text(hostile("Quick"))

    email = bubble(page, m["email"])
    expect(email.locator(".rich-answered")).to_have_text("Answered: marco@example.com")
    failed = email.locator(".ticks.failed")
    expect(failed).to_contain_text(hostile("Relay down"))
    expect(failed).to_have_attribute("title", hostile("Relay down"))

    location = bubble(page, m["location"])
    expect(location.locator(".rich-location-name")).to_have_text(
        "📍 " + hostile("Duomo")
    )
    # A script address falls back to the OpenStreetMap link at the coordinates.
    expect(location.locator("a.rich-map-link")).to_have_attribute(
        "href", "https://www.openstreetmap.org/?mlat=45.46&mlon=9.19#map=16/45.46/9.19"
    )

    card = bubble(page, m["contacts"])
    expect(card.locator(".rich-contact-name").first).to_have_text(
        "👤 " + hostile("Luca")
    )
    expect(card.locator(".rich-phone").first).to_have_text("☎ +39 02 1234")
    expect(card.locator(".rich-email-address").first).to_have_text("✉ luca@example.com")
    # What is no phone number or address stays text.
    mallory = card.locator(".rich-contact").last
    expect(mallory.locator(".rich-phone")).to_have_text("☎ javascript:alert(1)")
    expect(mallory.locator("a")).to_have_count(0)
    expect(card.locator(".rich-phone a").first).to_have_attribute(
        "href", "tel:+39021234"
    )
    expect(card.locator(".rich-email-address a").first).to_have_attribute(
        "href", "mailto:luca@example.com"
    )

    reply = bubble(page, m["reply"])
    expect(reply.locator(".reply-quote-name")).to_have_text(hostile("Agent"))
    expect(reply.locator(".reply-quote-text")).to_have_text(hostile("Pick a size"))
    expect(reply.locator(".reaction")).to_have_count(2)
    expect(reply.locator("button.reaction.mine")).to_have_text("👍 2")
    expect(reply.locator(".reaction").last).to_have_text("❤️ 1")
    # The reaction itself is not a bubble.
    expect(bubble(page, m["reaction"])).to_have_count(0)

    thread = page.locator(".messages")
    assert thread.locator('a[href^="javascript"], img[src^="javascript"]').count() == 0
    assert thread.locator("img[onerror]").count() == 0
    assert page.evaluate("window.__owned") is None
    screenshot(page, "dashboard-rich-messages")
    assert serious_accessibility_violations(page) == []

    page.locator(".messages-scroll").evaluate("box => box.scrollTop = box.scrollHeight")
    reply.locator(".reply-quote").click()
    expect(menu).to_be_focused()
    expect(menu).to_be_in_viewport()


def test_media_draws_players_documents_and_an_image_viewer(signed_in, demo):
    """Images open in a viewer that Escape closes, giving focus back; audio and
    video get players; a document shows its name, type and size."""
    conversation, m = seed_rich_conversation(demo)
    page = signed_in()
    open_conversation(page, conversation.display_id)
    media = bubble(page, m["media"])
    expect(media.locator("audio[controls]")).to_have_count(1)
    # Nothing in the thread makes the page itself scroll.
    assert page.evaluate("document.documentElement.scrollHeight") <= 800
    expect(media.locator("video[controls]")).to_have_count(1)
    assert "voice" in media.locator("audio").get_attribute("src")
    document = media.locator(".attachment.file")
    expect(document.locator(".file-name")).to_contain_text("report")
    expect(document.locator(".file-details")).to_have_text("PDF · 1.5 kB")
    expect(media.locator(".attachment.media figcaption").last).to_contain_text("clip")

    opener = media.locator("button.attachment.image")
    opener.click()
    viewer = page.get_by_role("dialog")
    expect(viewer).to_be_visible()
    expect(viewer.get_by_role("button", name="Close")).to_be_focused()
    width = viewer.locator("img").evaluate(
        """img => img.complete ? img.naturalWidth : new Promise(done => {
            img.onload = () => done(img.naturalWidth);
            img.onerror = () => done(0);
        })"""
    )
    assert width == 120
    screenshot(page, "dashboard-image-viewer")
    page.keyboard.press("Escape")
    expect(viewer).to_have_count(0)
    expect(opener).to_be_focused()
    media.scroll_into_view_if_needed()
    screenshot(page, "dashboard-media")

    # Another message redraws the thread, but not the players: a recording
    # being listened to goes on playing.
    media.locator("audio").evaluate("audio => { audio.onechatProbe = true; }")
    composer = page.locator("#composer-input")
    composer.fill("Listening to it now")
    composer.press("Enter")
    expect(page.locator(".messages .message.outgoing").last).to_contain_text(
        "Listening to it now"
    )
    assert media.locator("audio").evaluate("audio => audio.onechatProbe === true")


def test_rich_messages_fit_a_phone_and_read_right_to_left(signed_in, demo):
    """On a phone, in Arabic, rich messages stay inside the screen and the
    editor's words are translated."""
    conversation, m = seed_rich_conversation(demo)
    agent = User.objects.get(pk=demo.user_id)
    agent.ui_settings = {**(agent.ui_settings or {}), "locale": "ar"}
    agent.save(update_fields=["ui_settings"])
    page = signed_in(viewport=PHONE)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.get_by_role("tab", name="الكل").click()
    page.locator(f'[data-conversation-id="{conversation.display_id}"]').click()
    expect(bubble(page, m["menu"]).locator(".rich-answered")).to_have_text(
        "تمت الإجابة"
    )
    overflow = page.evaluate(
        "() => document.querySelector('.messages').scrollWidth"
        " - document.querySelector('.messages').clientWidth"
    )
    assert overflow <= 0
    screenshot(page, "dashboard-rich-phone-ar")
    page.get_by_role("button", name="المزيد…").click()
    expect(page.locator("#rich-editor")).to_contain_text("إضافة خيار")
    screenshot(page, "dashboard-rich-editor-phone-ar")
