"""The widget on a customer's website (another origin), with an agent answering
in the dashboard, in headless Chromium."""

import json
import re
import time
import urllib.request

import pytest
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import expect

from accounts.embed import embed_snippet
from accounts.models import User
from contacts.models import Contact, ContactInbox
from contacts.services import identifier_hash
from conversations.attachments import readable_size
from conversations.models import Attachment, Conversation, Label, Message
from conversations.services import create_contact_message
from onechat.demo import seed_demo_account
from tests import factories
from tests.browser import screenshot, serious_accessibility_violations
from tests.realtime.sockets import api_post
from tests.widget.conftest import MAX_ATTACHMENT_BYTES, open_dashboard
from webhooks import payloads
from webhooks.models import OutboxEvent
from webhooks.services import create_webhook

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
READY_FLAG = (
    "addEventListener('onechat:ready', () => { window.__onechatReady = true; });"
)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00"
    b"\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def demo():
    return seed_demo_account()


@pytest.fixture
def site_inbox(demo):
    """A website inbox of the demo account (its administrator answers it)."""
    return factories.InboxFactory(
        account_id=demo.account_id,
        name="Acme shop",
        welcome_title="Hi there!",
        welcome_tagline="We usually answer within minutes.",
        greeting_enabled=True,
        greeting_message="Ask us anything about your order.",
        email_collect_enabled=False,
    )


@pytest.fixture
def visit(chromium):
    """Open a page of the website in a fresh browser (a new visitor)."""
    contexts = []

    def open_page(url, viewport=DESKTOP, wait_ready=True, setup=None, locale=None):
        context = chromium.new_context(viewport=viewport, locale=locale)
        contexts.append(context)
        page = context.new_page()
        if setup:
            setup(page)
        page.console_errors = []
        page.on(
            "console",
            lambda message: (
                message.type == "error" and page.console_errors.append(message.text)
            ),
        )
        page.add_init_script(READY_FLAG)
        page.goto(url)
        if wait_ready:
            page.wait_for_function("window.__onechatReady === true", timeout=10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def chat(page):
    return page.frame_locator("onechat-widget iframe")


def chat_window(page):
    return next(frame for frame in page.frames if "/widget?" in frame.url)


def open_chat(page):
    page.locator("onechat-widget .bubble").click()
    expect(chat(page).locator("#input")).to_be_focused()


def eventually(check, timeout=5.0):
    """Poll ``check`` until it is true (the server works in another process)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def wait_stored(page, count):
    """Wait until ``count`` visitor messages are stored (none pending or failed)."""
    stored = chat(page).locator(
        ".message-mine:not(.message-sending):not(.message-failed)"
    )
    expect(stored).to_have_count(count)
    expect(chat(page).locator("#error")).to_be_hidden()


def say(page, text):
    composer = chat(page).locator("#input")
    composer.fill(text)
    composer.press("Enter")


def test_visitor_and_agent_chat_live(
    chromium, visit, server, website, demo, site_inbox
):
    """A visitor writes from the website; the agent sees it live in the dashboard,
    types and replies; the visitor sees typing and reply live, markup stays text,
    and after a reload the thread is still there. Each opening tells the
    inbox's webhooks (webwidget_triggered)."""
    create_webhook(
        account=site_inbox.account,
        url="https://93.184.215.14/hook",
        subscriptions=["webwidget_triggered"],
    )
    opened = OutboxEvent.objects.filter(event="webwidget_triggered")
    agent_context, agent = open_dashboard(chromium, server, demo.email, demo.password)
    try:
        agent.get_by_role("tab", name="All").click()
        page = visit(website.add("/shop", embed_snippet(site_inbox, server.url)))

        bubble = page.locator("onechat-widget .bubble")
        expect(bubble).to_be_visible()
        box = bubble.bounding_box()
        # The page's "* { display: block }" and "button { all: unset }" cannot
        # reach into the widget: the bubble keeps its size and corner.
        assert 55 <= box["width"] <= 65 and 55 <= box["height"] <= 65
        assert box["x"] > DESKTOP["width"] - 100 and box["y"] > DESKTOP["height"] - 100
        # A page view alone stores nothing: no contact, session or conversation.
        assert ContactInbox.objects.filter(inbox=site_inbox).count() == 0
        assert Conversation.objects.filter(inbox=site_inbox).count() == 0
        screenshot(page, "widget-closed")

        open_chat(page)
        frame = chat(page)
        expect(frame.locator("#title")).to_have_text("Hi there!")
        eventually(lambda: opened.count() == 1)
        info = payloads.build(opened.get().source)["event_info"]
        assert info["referer"].startswith(website.url)
        # Headless Chromium names itself so in its User-Agent.
        assert info["browser"]["browser_name"] == "HeadlessChrome"
        assert info["widget_language"] == "en"
        expect(frame.locator("#greeting")).to_have_text(
            "Ask us anything about your order."
        )
        say(page, "Hello! Has order #1042 shipped?")
        mine = frame.locator(".message-mine")
        expect(mine).to_have_count(1)
        expect(mine.locator(".message-text")).to_have_text(
            "Hello! Has order #1042 shipped?"
        )

        item = agent.locator(".conversation-item", has_text="order #1042")
        expect(item).to_be_visible()
        item.click()
        expect(agent.locator(".messages .message.incoming")).to_have_count(1)

        frame.locator("#input").press_sequentially("still ther", delay=20)
        expect(agent.locator(".typing-indicator")).to_contain_text("typing")
        frame.locator("#input").fill("")

        composer = agent.locator("#composer-input")
        composer.press_sequentially("Yes, it", delay=20)
        expect(frame.locator("#typing")).to_have_text("Demo Admin is typing…")
        composer.fill("Yes, it left our warehouse this morning.")
        composer.press("Enter")
        theirs = frame.locator(".message-theirs")
        expect(theirs).to_have_count(1)
        expect(theirs.locator(".message-text")).to_have_text(
            "Yes, it left our warehouse this morning."
        )
        expect(theirs.locator(".message-author")).to_have_text("Demo Admin")
        expect(frame.locator("#typing")).to_be_hidden()
        # The agent opened the conversation after the visitor wrote: read.
        expect(mine.locator(".message-status")).to_have_text("Seen")

        hostile = (
            '<img src=x onerror="window.__owned=1"><script>window.__owned=2</script>'
        )
        say(page, hostile)
        expect(mine).to_have_count(2)
        expect(mine.last.locator(".message-text")).to_have_text(hostile)
        assert mine.last.locator("img, script").count() == 0
        expect(agent.locator(".messages .message.incoming")).to_have_count(2)
        assert chat_window(page).evaluate("window.__owned") is None
        assert page.evaluate("window.__owned") is None
        screenshot(page, "widget-open")

        frame.locator("#input").press("Escape")
        expect(page.locator("onechat-widget iframe")).to_be_hidden()
        expect(bubble).to_have_attribute("aria-expanded", "false")
        expect(bubble).to_be_focused()

        # A reply while the chat is closed shows as unread on the bubble.
        composer.fill("Tracking number: 1Z999.")
        composer.press("Enter")
        expect(bubble.locator(".badge")).to_have_text("1")

        page.reload()
        page.wait_for_function("window.__onechatReady === true", timeout=10_000)
        page.evaluate("window.$onechat.toggle()")
        expect(frame.locator(".message-mine")).to_have_count(2)
        expect(frame.locator(".message-theirs")).to_have_count(2)
        expect(frame.locator(".message-theirs").last).to_contain_text("1Z999")
        eventually(lambda: opened.count() == 2)

        # Another page of the same site continues the same conversation.
        page.goto(website.add("/shop/cart", embed_snippet(site_inbox, server.url)))
        page.wait_for_function("window.__onechatReady === true", timeout=10_000)
        page.evaluate("window.$onechat.toggle()")
        expect(frame.locator(".message")).to_have_count(4)
        assert Conversation.objects.filter(inbox=site_inbox).count() == 1
        assert ContactInbox.objects.filter(inbox=site_inbox).count() == 1
        assert page.console_errors == []
    finally:
        agent_context.close()


def test_set_user_with_good_and_bad_hash(visit, server, website, site_inbox):
    """A right HMAC identifies and verifies the visitor; a wrong one is refused
    with a clear error and stores nothing."""
    page = visit(website.add("/account", embed_snippet(site_inbox, server.url)))
    contacts_before = Contact.objects.count()
    error = page.evaluate(
        """async () => {
            try { await window.$onechat.setUser("user-8", {name: "Mallory",
                  identifier_hash: "0".repeat(64)}); return null; }
            catch (e) { return e.message; }
        }"""
    )
    assert error == "HMAC failed: Invalid Identifier Hash Provided"
    assert any("HMAC failed" in line for line in page.console_errors)
    # Refused before any session was opened: not even an anonymous contact.
    assert Contact.objects.count() == contacts_before

    good = identifier_hash(inbox=site_inbox, identifier="user-7")
    page.evaluate(
        """(hash) => window.$onechat.setUser("user-7", {name: "Ana Lima",
               email: "ana@example.com", identifier_hash: hash})""",
        good,
    )
    contact = Contact.objects.get(identifier="user-7")
    assert (contact.name, contact.email) == ("Ana Lima", "ana@example.com")
    assert ContactInbox.objects.get(contact=contact, inbox=site_inbox).hmac_verified

    page.evaluate("window.$onechat.setCustomAttributes({plan: 'gold'})")
    contact.refresh_from_db()
    assert contact.custom_attributes == {"plan": "gold"}

    page.evaluate("window.$onechat.reset()")
    open_chat(page)
    say(page, "A new visitor now")
    wait_stored(page, 1)
    conversation = Conversation.objects.get(inbox=site_inbox)
    assert conversation.contact != contact


def test_wrong_or_disabled_website_token_draws_nothing(visit, server, website):
    """The SDK logs why and leaves the page untouched."""
    off = factories.InboxFactory(widget_enabled=False)
    for token in ("not-a-real-token", off.website_token):
        snippet = embed_snippet(off, server.url).replace(off.website_token, token)
        page = visit(website.add(f"/bad-{token[:8]}", snippet), wait_ready=False)
        page.wait_for_function(
            "() => !document.querySelector('onechat-widget')", timeout=10_000
        )
        assert any("not available" in line for line in page.console_errors)
        assert page.evaluate("window.__onechatReady") is None


def test_attachments_are_checked_and_shown(visit, server, website, site_inbox):
    """Oversize and disallowed files get a clear error; an image shows inline."""
    page = visit(website.add("/files", embed_snippet(site_inbox, server.url)))
    open_chat(page)
    frame = chat(page)
    files = frame.locator("#file")
    files.set_input_files(
        {
            "name": "huge.png",
            "mimeType": "image/png",
            "buffer": b"\0" * (MAX_ATTACHMENT_BYTES + 1),
        }
    )
    # The limit reads as the server writes it (the page gets it in its config).
    limit = readable_size(MAX_ATTACHMENT_BYTES)
    expect(frame.locator("#error")).to_have_text(
        f"huge.png: the file is larger than the {limit} limit."
    )
    files.set_input_files(
        {"name": "page.html", "mimeType": "text/html", "buffer": b"<b>hi</b>"}
    )
    expect(frame.locator("#error")).to_contain_text("page.html: this file type")
    assert Conversation.objects.filter(inbox=site_inbox).count() == 0

    Label.objects.create(account=site_inbox.account, title="vip")
    page.evaluate("window.$onechat.setLabel('vip')")
    files.set_input_files({"name": "dot.png", "mimeType": "image/png", "buffer": PNG})
    image = frame.locator(".message-mine img.message-image")
    expect(image).to_have_count(1)
    expect(frame.locator("#error")).to_be_hidden()
    # The label set before the first message lands on the new conversation.
    conversation = Conversation.objects.get(inbox=site_inbox)
    eventually(lambda: [label.title for label in conversation.labels.all()] == ["vip"])


def test_email_prompt_when_nobody_answers(visit, server, website, demo):
    """After the delay without an agent reply, an inline form asks for an email;
    the answer updates the prompt and the contact."""
    inbox = factories.InboxFactory(account_id=demo.account_id, name="Night shift")
    page = visit(website.add("/night", embed_snippet(inbox, server.url)))
    open_chat(page)
    say(page, "Is anyone there?")
    frame = chat(page)
    form = frame.locator(".email-form")
    expect(form).to_be_visible(timeout=10_000)
    expect(frame.locator(".message-theirs .message-text")).to_have_text(
        "Get notified by email"
    )
    screenshot(page, "widget-email-prompt")
    form.locator("input").fill("nope")
    form.get_by_role("button", name="Submit").click()
    expect(form.locator(".email-problem")).to_have_text(
        "Please enter a valid email address."
    )
    form.locator("input").fill("vera@example.com")
    form.get_by_role("button", name="Submit").click()
    expect(frame.locator(".email-done")).to_have_text(
        "Thanks! We will email you at vera@example.com."
    )
    contact = Conversation.objects.get(inbox=inbox).contact
    assert contact.email == "vera@example.com"


def test_phone_gets_a_full_screen_chat(visit, server, website, site_inbox):
    """On a narrow screen the open chat fills the screen and closes from its
    header; a light brand colour gets dark text to stay readable."""
    site_inbox.widget_color = "#f5c518"
    site_inbox.save()
    page = visit(website.add("/phone", embed_snippet(site_inbox, server.url)), PHONE)
    open_chat(page)
    header = chat(page).locator(".chat-header")
    expect(header).to_have_css("color", "rgb(17, 17, 17)")
    page.wait_for_function(
        "() => document.querySelector('onechat-widget').shadowRoot"
        ".querySelector('iframe').getBoundingClientRect().top === 0"
    )
    box = page.locator("onechat-widget iframe").bounding_box()
    assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 390, 844)
    page.evaluate("window.$onechat.setLocale('fr')")
    expect(chat(page).locator("#input")).to_have_attribute(
        "placeholder", "Écrivez votre message…"
    )
    page.evaluate("window.$onechat.setLocale('en')")
    say(page, "Hello from my phone")
    wait_stored(page, 1)
    screenshot(page, "widget-phone")
    chat(page).get_by_role("button", name="Close chat").click()
    expect(page.locator("onechat-widget .bubble")).to_be_visible()


def test_attachment_links_only_to_web_and_mail_addresses(
    visit, server, website, site_inbox
):
    """An agent's attachment at a ``javascript:`` or ``data:`` address is drawn
    without a link; a ``mailto:`` one stays a link (the kit's one safeUrl rule)."""
    page = visit(website.add("/links", embed_snippet(site_inbox, server.url)))
    open_chat(page)
    say(page, "Where are the files?")
    wait_stored(page, 1)
    conversation = Conversation.objects.get(inbox=site_inbox)
    message = factories.MessageFactory(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content="Here they are",
    )
    for url in (
        "javascript:window.__owned=4",
        "data:text/html,<script>parent.__owned=5</script>",
        "mailto:help@example.com",
    ):
        Attachment.objects.create(
            account_id=site_inbox.account_id,
            message=message,
            file_type=Attachment.FileType.FILE,
            external_url=url,
        )
    # The stored session resumes and the thread reloads over REST.
    page.reload()
    page.wait_for_function("window.__onechatReady === true", timeout=10_000)
    open_chat(page)
    links = chat(page).locator(".message-theirs .message-file")
    expect(links).to_have_count(3)
    hrefs = [links.nth(index).get_attribute("href") for index in range(3)]
    assert hrefs == [None, None, "mailto:help@example.com"]
    assert chat(page).locator('a[href^="javascript"], a[href^="data"]').count() == 0


def agent_reply(server, demo, conversation: Conversation, content: str) -> None:
    """The agent answers through the Application API (not through the browser)."""
    request = urllib.request.Request(
        f"{server.url}/api/v1/accounts/{demo.account_id}/conversations/"
        f"{conversation.display_id}/messages",
        data=json.dumps({"content": content}).encode(),
        method="POST",
        # Django's ASGI handler (and daphne) drop header names with "_", so
        # "api_access_token" only arrives spelt with hyphens.
        headers={
            "Content-Type": "application/json",
            "api-access-token": demo.api_access_token,
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


def test_reconnect_catches_up_without_loss_or_duplicates(
    visit, server, website, demo, site_inbox
):
    """Replies sent while the visitor's socket was down arrive once each after it
    reconnects; nothing is lost and nothing is shown twice."""
    cable = {"up": True, "routes": []}

    def route_cable(page):
        def handle(route):
            cable["routes"].append(route)
            if cable["up"]:
                route.connect_to_server()

        page.route_web_socket(re.compile(r".*/cable$"), handle)

    page = visit(
        website.add("/flaky", embed_snippet(site_inbox, server.url)),
        setup=route_cable,
    )
    open_chat(page)
    say(page, "My wifi is flaky")
    frame = chat(page)
    wait_stored(page, 1)
    conversation = Conversation.objects.get(inbox=site_inbox)
    agent_reply(server, demo, conversation, "Live one")
    expect(frame.locator(".message-theirs")).to_have_count(1)

    cable["up"] = False
    for route in cable["routes"]:
        route.close()
    expect(frame.locator("#error")).to_have_text("Connection lost. Reconnecting…")
    agent_reply(server, demo, conversation, "Missed one")
    agent_reply(server, demo, conversation, "Missed two")
    page.wait_for_timeout(300)
    expect(frame.locator(".message-theirs")).to_have_count(1)

    cable["up"] = True
    theirs = frame.locator(".message-theirs .message-text")
    expect(theirs).to_have_text(
        ["Live one", "Missed one", "Missed two"], timeout=20_000
    )
    expect(frame.locator("#error")).to_be_hidden()
    agent_reply(server, demo, conversation, "Back live")
    expect(theirs).to_have_text(["Live one", "Missed one", "Missed two", "Back live"])
    page.wait_for_timeout(500)
    expect(theirs).to_have_count(4)


def test_long_thread_pages_back_and_keyboard_stays_in_the_chat(
    visit, server, website, site_inbox
):
    """A returning visitor sees the latest messages and can load earlier ones;
    Tab and Shift+Tab cycle inside the open chat."""
    page = visit(website.add("/long", embed_snippet(site_inbox, server.url)))
    open_chat(page)
    say(page, "First question")
    frame = chat(page)
    wait_stored(page, 1)
    conversation = Conversation.objects.get(inbox=site_inbox)
    for number in range(1, 25):
        factories.MessageFactory(
            conversation=conversation, message_type=1, content=f"Answer {number}"
        )

    page.reload()
    page.wait_for_function("window.__onechatReady === true", timeout=10_000)
    open_chat(page)
    expect(frame.locator(".message")).to_have_count(20)
    earlier = frame.get_by_role("button", name="Show earlier messages")
    earlier.click()
    expect(frame.locator(".message")).to_have_count(25)
    expect(frame.locator(".message").first).to_contain_text("First question")
    expect(earlier).to_be_hidden()

    # With a conversation under way, "End chat" opens the header's controls.
    first = frame.get_by_role("button", name="End chat")
    send = frame.get_by_role("button", name="Send message")
    first.focus()
    first.press("Shift+Tab")
    expect(send).to_be_focused()
    send.press("Tab")
    expect(first).to_be_focused()


def test_tampered_session_token_starts_a_fresh_visitor(
    visit, server, website, site_inbox
):
    """A session token edited in the widget's storage is refused: the visitor
    starts over with a new session and sees nobody else's messages."""
    page = visit(website.add("/tamper", embed_snippet(site_inbox, server.url)))
    open_chat(page)
    say(page, "Secret order details")
    wait_stored(page, 1)
    key = f"onechat.session.{site_inbox.website_token}"
    chat_window(page).evaluate(
        """(key) => {
            const token = localStorage.getItem(key);
            const [payload, ...rest] = token.split(":");
            const tail = payload.endsWith("AA") ? "BB" : "AA";
            const forged = payload.slice(0, -2) + tail;
            localStorage.setItem(key, [forged, ...rest].join(":"));
        }""",
        key,
    )
    page.reload()
    page.wait_for_function("window.__onechatReady === true", timeout=10_000)
    open_chat(page)
    say(page, "Hello again")
    frame = chat(page)
    wait_stored(page, 1)
    expect(frame.locator(".message-mine .message-text")).to_have_text(["Hello again"])
    assert ContactInbox.objects.filter(inbox=site_inbox).count() == 2
    assert Conversation.objects.filter(inbox=site_inbox).count() == 2


def test_markdown_links_and_emoji_in_both_front_ends(
    chromium, visit, server, website, demo, site_inbox
):
    """Both front ends draw a message's Markdown from the server's sanitised HTML:
    emphasis, lists and http links open in a new tab; a javascript: link stays
    text. The composers format with Ctrl+B and Ctrl+K and pick emoji."""
    page = visit(website.add("/md", embed_snippet(site_inbox, server.url)))
    open_chat(page)
    frame = chat(page)
    composer = frame.locator("#input")
    composer.fill("thanks")
    composer.press("Control+a")
    composer.press("Control+b")
    composer.press("End")
    emoji = frame.get_by_role("button", name="Insert emoji")
    emoji.click()
    # Escape closes the panel only; the chat stays open.
    frame.locator(".emoji-choice").first.press("Escape")
    expect(frame.locator("#emoji-panel")).to_be_hidden()
    expect(emoji).to_be_focused()
    expect(page.locator("onechat-widget iframe")).to_be_visible()
    emoji.click()
    frame.locator(".emoji-choice", has_text="👍").click()
    expect(composer).to_have_value("**thanks**👍")
    composer.press("Enter")
    wait_stored(page, 1)
    expect(frame.locator(".message-mine strong")).to_have_text("thanks")

    conversation = Conversation.objects.get(inbox=site_inbox)
    agent_reply(
        server,
        demo,
        conversation,
        "**Shipped** _today_:\n\n- box one\n- box two\n\n"
        "Track at https://example.com/track [x](javascript:window.__owned=1)",
    )
    reply = frame.locator(".message-theirs .message-text")
    expect(reply.locator("strong")).to_have_text("Shipped")
    expect(reply.locator("em")).to_have_text("today")
    expect(reply.locator("li")).to_have_count(2)
    link = reply.locator("a")
    expect(link).to_have_count(1)
    expect(link).to_have_attribute("href", "https://example.com/track")
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer nofollow")
    expect(reply).to_contain_text("[x](javascript:window.__owned=1)")
    expect(reply).to_have_attribute("dir", "auto")

    agent_context, agent = open_dashboard(chromium, server, demo.email, demo.password)
    try:
        agent.get_by_role("tab", name="All").click()
        # The demo's own conversations are as recent; open this one by number.
        agent.locator(f'[data-conversation-id="{conversation.display_id}"]').click()
        bodies = agent.locator(".messages .bubble .content")
        expect(bodies).to_have_count(2)
        expect(bodies.first.locator("strong")).to_have_text("thanks")
        expect(bodies.last.locator("a")).to_have_attribute(
            "rel", "noopener noreferrer nofollow"
        )
        textarea = agent.locator("#composer-input")
        textarea.fill("docs")
        textarea.press("Control+a")
        textarea.press("Control+k")
        textarea.type("https://example.org")
        expect(textarea).to_have_value("[docs](https://example.org)")
        textarea.press("Enter")
        expect(frame.locator(".message-theirs .message-text a").last).to_have_attribute(
            "href", "https://example.org/"
        )
        screenshot(agent, "dashboard-markdown")
    finally:
        agent_context.close()
    screenshot(page, "widget-markdown")
    assert chat_window(page).evaluate("window.__owned") is None
    assert page.console_errors == []


def test_agent_edits_and_deletes_replies_seen_live_in_the_widget(
    chromium, visit, server, website, demo, site_inbox
):
    """The agent edits a reply in place and deletes another after confirming:
    the open widget shows the new words marked "(edited)" and the placeholder,
    never the deleted words; the dashboard offers Delete on the visitor's
    message to its administrator, and no action on activity lines."""
    page = visit(website.add("/edits", embed_snippet(site_inbox, server.url)))
    open_chat(page)
    frame = chat(page)
    say(page, "Where is my parcel?")
    wait_stored(page, 1)
    conversation = Conversation.objects.get(inbox=site_inbox)

    agent_context, agent = open_dashboard(chromium, server, demo.email, demo.password)
    try:
        agent.get_by_role("tab", name="All").click()
        agent.locator(f'[data-conversation-id="{conversation.display_id}"]').click()
        composer = agent.locator("#composer-input")
        theirs = frame.locator(".message-theirs")
        # One reply stored before the next is typed.
        for count, text in enumerate(
            ("Teh parcel ships tomorow.", "Your card ends 4242."), 1
        ):
            composer.fill(text)
            composer.press("Enter")
            expect(theirs).to_have_count(count)

        outgoing = agent.locator(".messages .message.outgoing")
        expect(outgoing).to_have_count(2)
        incoming = agent.locator(".messages .message.incoming")
        expect(incoming.locator(".message-edit")).to_have_count(0)
        expect(incoming.locator(".message-delete")).to_have_count(1)

        outgoing.first.locator(".message-edit").click()
        field = agent.locator(".edit-form textarea")
        expect(field).to_have_value("Teh parcel ships tomorow.")
        field.fill("The parcel ships tomorrow.")
        with agent.expect_response(
            lambda response: response.request.method == "PATCH"
        ) as edited:
            field.press("Enter")
        assert edited.value.status == 200
        expect(outgoing.first.locator(".content")).to_have_text(
            "The parcel ships tomorrow."
        )
        expect(outgoing.first.locator(".edited")).to_have_text("(edited)")
        expect(theirs.first.locator(".message-text")).to_have_text(
            "The parcel ships tomorrow."
        )
        expect(theirs.first.locator(".message-edited")).to_have_text("(edited)")

        agent.once("dialog", lambda dialog: dialog.accept())
        outgoing.last.locator(".message-delete").click()
        expect(outgoing.last.locator(".deleted")).to_have_text(
            "This message was deleted"
        )
        expect(outgoing.last.locator(".message-delete")).to_have_count(0)
        expect(theirs.last.locator(".message-deleted")).to_have_text(
            "This message was deleted"
        )
        expect(frame.locator("body")).not_to_contain_text("4242")
        # The list's preview follows: the deleted words leave the page.
        expect(
            agent.locator(f'[data-conversation-id="{conversation.display_id}"]')
        ).to_contain_text("This message was deleted")
        expect(agent.locator("body")).not_to_contain_text("4242")
        screenshot(agent, "dashboard-message-edited-deleted")
        screenshot(page, "widget-message-edited-deleted")

        # A reload draws the same from the history.
        page.reload()
        page.wait_for_function("window.__onechatReady === true", timeout=10_000)
        page.evaluate("window.$onechat.toggle()")
        expect(frame.locator(".message-deleted")).to_have_count(1)
        expect(frame.locator(".message-edited")).to_have_count(1)
        expect(frame.locator("body")).not_to_contain_text("4242")
        assert page.console_errors == []
    finally:
        agent_context.close()


def test_visitor_ends_the_chat_seen_live_by_the_agent(
    chromium, visit, server, website, demo, site_inbox
):
    """ "End chat" resolves the conversation: the visitor and the agent, who has
    it open, both see the line at once and the agent sees it resolved; the
    button goes away until the visitor writes again."""
    page = visit(website.add("/end", embed_snippet(site_inbox, server.url)))
    open_chat(page)
    frame = chat(page)
    end = frame.get_by_role("button", name="End chat")
    expect(end).to_be_hidden()
    say(page, "That is all, thanks!")
    wait_stored(page, 1)
    expect(end).to_be_visible()
    conversation = Conversation.objects.get(inbox=site_inbox)

    agent_context, agent = open_dashboard(chromium, server, demo.email, demo.password)
    try:
        agent.get_by_role("tab", name="All").click()
        agent.locator(f'[data-conversation-id="{conversation.display_id}"]').click()
        expect(agent.locator(".messages .message.incoming")).to_have_count(1)

        screenshot(page, "widget-end-chat-offered")
        end.click()
        line = "ended the chat"
        expect(frame.locator(".message-activity", has_text=line)).to_have_count(1)
        expect(end).to_be_hidden()
        expect(
            agent.locator(".messages .message.activity", has_text=line)
        ).to_have_count(1)
        expect(agent.locator(".chip.status-resolved")).to_have_text("Resolved")
        screenshot(page, "widget-end-chat")
        screenshot(agent, "dashboard-end-chat")
        conversation.refresh_from_db()
        assert conversation.status == Conversation.Status.RESOLVED

        say(page, "Oh, one more thing")
        wait_stored(page, 2)
        expect(end).to_be_visible()
        assert page.console_errors == []
    finally:
        agent_context.close()


def test_arabic_browser_gets_a_right_to_left_widget(visit, server, website, demo):
    """A visitor whose browser speaks Arabic gets the widget in Arabic, laid out
    right to left (send on the left); an English reply still reads left to right.
    A language the widget does not speak falls back to the inbox's."""
    inbox = factories.InboxFactory(
        account_id=demo.account_id,
        name="متجر",
        email_collect_enabled=False,
        locale="de",
    )
    page = visit(
        website.add("/ar", embed_snippet(inbox, server.url)), PHONE, locale="ar-EG"
    )
    # The launcher on the host page speaks the widget's language.
    bubble = page.locator("onechat-widget .bubble")
    expect(bubble).to_have_attribute("aria-label", "تحدث معنا")
    expect(page.locator("#onechat-widget-frame")).to_have_attribute(
        "title", "نافذة المحادثة"
    )
    open_chat(page)
    frame = chat(page)
    root = frame.locator("html")
    expect(root).to_have_attribute("lang", "ar")
    expect(root).to_have_attribute("dir", "rtl")
    expect(frame.locator("#input")).to_have_attribute("placeholder", "اكتب رسالتك…")
    send = frame.locator("#send").bounding_box()
    attach = frame.locator("#attach").bounding_box()
    assert send["x"] < attach["x"]
    say(page, "مرحبا، أين **طلبي**؟")
    wait_stored(page, 1)
    expect(frame.locator(".message-mine strong")).to_have_text("طلبي")
    agent_reply(
        server, demo, Conversation.objects.get(inbox=inbox), "Hello! It ships *today*."
    )
    reply = frame.locator(".message-theirs .message-text")
    expect(reply.locator("em")).to_have_text("today")
    assert reply.evaluate("node => getComputedStyle(node).direction") == "ltr"
    mine = frame.locator(".message-mine .message-text")
    assert mine.evaluate("node => getComputedStyle(node).direction") == "rtl"
    screenshot(page, "widget-arabic-phone")
    frame.get_by_role("button", name="إدراج رمز تعبيري").click()
    assert serious_accessibility_violations(chat_window(page)) == []
    page.evaluate("window.$onechat.setLocale('ja')")
    expect(frame.locator("#input")).to_have_attribute(
        "placeholder", "Schreiben Sie Ihre Nachricht…"
    )
    expect(root).to_have_attribute("dir", "ltr")
    expect(bubble).to_have_attribute("aria-label", "Chat schließen")
    assert page.console_errors == []


def test_waiting_visitor_sees_its_place_in_line(visit, server, website, demo):
    """With the only agent at their limit, a new visitor reads "You are number
    1 in line"; once the agent resolves their conversation, the visitor is
    served and the line goes away."""
    inbox = factories.InboxFactory(account_id=demo.account_id, name="Support")
    agent = factories.UserFactory(name="Lin Agent")
    factories.AccountUserFactory(
        account_id=demo.account_id, user=agent, auto_assignment_limit=1
    )
    factories.InboxMemberFactory(inbox=inbox, user=agent)
    served = create_contact_message(
        contact_inbox=factories.ContactInboxFactory(
            contact=factories.ContactFactory(account_id=demo.account_id), inbox=inbox
        ),
        content="first",
    ).conversation
    served.refresh_from_db()
    assert served.assignee == agent
    page = visit(website.add("/queue", embed_snippet(inbox, server.url)))
    open_chat(page)
    say(page, "<b>Anyone?</b>")
    line = chat(page).locator("#queue")
    expect(line).to_have_text("You are number 1 in line", timeout=10_000)
    screenshot(page, "widget-queue-position")
    request = urllib.request.Request(
        f"{server.url}/api/v1/accounts/{demo.account_id}/conversations/"
        f"{served.display_id}/toggle_status",
        data=json.dumps({"status": "resolved"}).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "api-access-token": agent.access_token,
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
    expect(line).to_be_hidden(timeout=10_000)
    waiting = Conversation.objects.get(inbox=inbox, status="open", assignee=agent)
    assert waiting.pk != served.pk


def test_visitor_sees_an_invited_agent_join_not_a_consult(
    visit, server, website, demo, site_inbox
):
    """An invited agent's "joined the chat" line reaches the visitor live, as a
    line across the thread; a consult before it never shows."""
    admin = User.objects.get(pk=demo.user_id)
    colleague = factories.UserFactory(name="Anna <i>Colleague</i>")
    factories.AccountUserFactory(account_id=demo.account_id, user=colleague)
    factories.InboxMemberFactory(inbox=site_inbox, user=colleague)
    # Nobody is assigned: the only line the visitor sees is the invitation's.
    site_inbox.enable_auto_assignment = False
    site_inbox.save(update_fields=["enable_auto_assignment"])
    page = visit(website.add("/join", embed_snippet(site_inbox, server.url)))
    open_chat(page)
    say(page, "Hello?")
    wait_stored(page, 1)
    conversation = Conversation.objects.get(inbox=site_inbox)
    base = f"/api/v1/accounts/{demo.account_id}/conversations/{conversation.display_id}"
    for action, body in (
        ("consult", {"user_id": colleague.pk, "note": "Secret note"}),
        ("participants", {"user_ids": [colleague.pk]}),
    ):
        status, answer = api_post(
            server.url, f"{base}/{action}", admin.access_token, body
        )
        assert status == 200, answer
    line = chat(page).locator(".message-activity")
    expect(line).to_have_text("Anna <i>Colleague</i> joined the chat")
    expect(chat(page).locator(".message")).to_have_count(2)
    expect(chat(page).get_by_text("Secret note")).to_have_count(0)
    screenshot(page, "widget_agent_joined")


JOINING = "Ana <b>Agent</b>"


def test_the_visitor_sees_who_joined(visit, server, website, demo, site_inbox):
    """Assigning the conversation draws "Ana joined the conversation" with the
    agent's display name as text, none of the agents' own lines; a reload
    draws it again from the history."""
    ana = factories.UserFactory(name="Ana Full Name", display_name=JOINING)
    factories.AccountUserFactory(account_id=demo.account_id, user=ana)
    factories.InboxMemberFactory(inbox=site_inbox, user=ana)
    url = website.add("/joined", embed_snippet(site_inbox, server.url))
    page = visit(url)
    open_chat(page)
    say(page, "Is anyone there?")
    wait_stored(page, 1)
    conversation = Conversation.objects.get(inbox=site_inbox)
    status, _ = api_post(
        server.url,
        f"/api/v1/accounts/{demo.account_id}/conversations/"
        f"{conversation.display_id}/assignments",
        demo.api_access_token,
        {"assignee_id": ana.pk},
    )
    assert status == 200
    line = chat(page).locator(".message-activity")
    expect(line).to_have_text(f"{JOINING} joined the conversation")
    expect(chat(page).locator(".message-activity b")).to_have_count(0)
    expect(chat(page).get_by_text("Assigned to")).to_have_count(0)
    expect(chat(page).get_by_text("Ana Full Name")).to_have_count(0)
    screenshot(page, "widget-agent-joined")
    page.reload()
    page.wait_for_function("window.__onechatReady === true", timeout=10_000)
    open_chat(page)
    expect(chat(page).locator(".message-activity")).to_have_text(
        f"{JOINING} joined the conversation"
    )


def test_visitor_emails_themselves_the_transcript(visit, server, website, site_inbox):
    """Hidden without an email; with one, a click answers "Transcript sent"
    and the job is queued for the contact's email."""
    page = visit(website.add("/transcript", embed_snippet(site_inbox, server.url)))
    open_chat(page)
    frame = chat(page)
    button = frame.get_by_role("button", name="Email transcript")
    say(page, "Please send me this chat")
    wait_stored(page, 1)
    expect(button).to_be_hidden()
    contact = Conversation.objects.get(inbox=site_inbox).contact
    contact.email = "vera@example.org"
    contact.save()
    page.reload()
    page.wait_for_function("window.__onechatReady === true", timeout=10_000)
    open_chat(page)
    expect(button).to_be_visible()
    button.click()
    expect(frame.get_by_role("button", name="Transcript sent")).to_be_disabled()
    screenshot(page, "widget-transcript-sent")
    page.screenshot(path="/tmp/continuity-widget-transcript.png")
    [job] = DBTaskResult.objects.filter(task_path="continuity.tasks.mail_transcript")
    assert job.args_kwargs["kwargs"]["to_email"] == "vera@example.org"
    assert page.console_errors == []
