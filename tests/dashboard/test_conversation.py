import struct
import zlib

import pytest
from playwright.sync_api import expect

from accounts.models import AccountUser, Team
from contacts.models import Contact
from conversations.models import Attachment, Conversation, Label
from tests import factories
from tests.browser import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]


def tiny_png() -> bytes:
    """A valid 8x8 blue PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + bytes([30, 90, 200]) * 8 for _ in range(8))
    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def open_conversation(page, conversation_id: int) -> None:
    page.get_by_role("tab", name="All").click()
    page.locator(f'[data-conversation-id="{conversation_id}"]').click()
    expect(page.locator(".thread-header")).to_contain_text(f"#{conversation_id}")


def send(page, text: str, *, note: bool = False) -> None:
    page.get_by_role("tab", name="Private note" if note else "Reply").click()
    composer = page.locator("#composer-input")
    composer.fill(text)
    composer.press("Enter")


def test_visitor_message_arrives_live_and_agent_replies_and_notes(
    signed_in, visitor_factory, demo
):
    """A new visitor's conversation and messages appear without a reload; the
    agent's reply and private note show once each, the note set apart."""
    page = signed_in()
    page.get_by_role("tab", name="All").click()
    visitor = visitor_factory("Vera Visitor")
    conversation_id = visitor.start_conversation()
    visitor.say("Where is my parcel?")
    item = page.locator(f'[data-conversation-id="{conversation_id}"]')
    expect(item).to_contain_text("Where is my parcel?")
    expect(item.locator(".badge")).to_have_text("1")
    # Jane's, Marco's and Vera's conversations have unread messages.
    expect(page).to_have_title("(3) Acme Inc · OneChat")
    expect(page.locator(".conversation-item").first).to_have_attribute(
        "data-conversation-id", str(conversation_id)
    )

    item.click()
    thread = page.locator(".messages")
    expect(thread.locator(".message.incoming")).to_have_count(1)
    expect(item.locator(".badge")).to_have_count(0)
    visitor.say("It was due on Monday.")
    expect(thread.locator(".message.incoming")).to_have_count(2)
    expect(thread.locator(".message.incoming").last).to_contain_text("due on Monday")

    send(page, "Let me look that up.\nOne moment please.")
    send(page, "Carrier says it is at the depot.", note=True)
    reply = thread.locator(".message.outgoing:not(.note)")
    note = thread.locator(".message.note")
    expect(reply).to_have_count(1)
    expect(note).to_have_count(1)
    expect(reply.locator(".delivery")).to_have_count(0)  # no longer "Sending…"
    # The socket echo of each arrives after the REST answer: still one of each.
    page.wait_for_timeout(500)
    expect(reply).to_have_count(1)
    expect(note).to_have_count(1)
    expect(note).to_contain_text("Private note")
    expect(reply.locator(".content")).to_have_text(
        "Let me look that up.\nOne moment please."
    )

    visitor.typing("on")
    expect(page.locator(".typing-indicator")).to_have_text("Vera Visitor is typing…")
    visitor.typing("off")
    expect(page.locator(".typing-indicator")).to_have_text("")
    visitor.read()
    expect(reply.locator(".ticks")).to_have_attribute("data-status", "read")

    markup = '<img src=x onerror="window.__owned=1"><script>window.__owned=2</script>'
    visitor.say(markup)
    last = thread.locator(".message.incoming").last
    expect(last.locator(".content")).to_have_text(markup)
    assert last.locator("img, script").count() == 0
    assert page.evaluate("window.__owned") is None
    screenshot(page, "dashboard-conversation")

    panel = page.locator(".contact-pane")
    expect(panel).to_contain_text("Vera Visitor")
    panel.get_by_role("button", name="Edit contact").click()
    panel.get_by_label("Email").fill("vera@example.com")
    panel.get_by_label("Custom attributes").fill("plan: gold")
    panel.get_by_role("button", name="Save").click()
    expect(panel).to_contain_text("vera@example.com")
    expect(panel).to_contain_text("gold")
    contact = Contact.objects.get(pk=visitor.contact_id)
    assert contact.email == "vera@example.com"
    assert contact.custom_attributes == {"plan": "gold"}
    screenshot(page, "dashboard-contact-panel")


def test_two_agents_see_each_others_changes_live(signed_in, visitor_factory, demo):
    """Resolving, reassigning, replying and noting in one browser shows in another."""
    colleague = factories.UserFactory(name="Casey Colleague")
    factories.AccountUserFactory(
        account_id=demo.account_id, user=colleague, role=AccountUser.Role.AGENT
    )
    factories.InboxMemberFactory(inbox_id=demo.inbox_id, user=colleague)
    visitor = visitor_factory("Pat Visitor")
    conversation_id = visitor.start_conversation()
    visitor.say("Can someone help me?")

    admin = signed_in()
    casey = signed_in(colleague)
    open_conversation(admin, conversation_id)
    open_conversation(casey, conversation_id)

    expect(casey.get_by_role("tab", name="Mine")).to_contain_text("0")
    admin.get_by_label("Assigned agent").select_option(str(colleague.pk))
    expect(casey.get_by_label("Assigned agent")).to_have_value(str(colleague.pk))
    expect(casey.get_by_role("tab", name="Mine")).to_contain_text("1")
    expect(casey.locator(".thread-pane .activity").last).to_contain_text(
        "Casey Colleague"
    )

    support = Team.objects.get(account_id=demo.account_id, name="Support")
    admin.locator(".thread-header").get_by_label("Team").select_option(str(support.pk))
    expect(casey.locator(".thread-header").get_by_label("Team")).to_have_value(
        str(support.pk)
    )

    admin.get_by_role("button", name="Resolve").click()
    expect(casey.locator(".thread-header .chip")).to_have_text("Resolved")
    expect(casey.get_by_role("button", name="Reopen")).to_be_visible()

    send(casey, "Happy to help!")
    expect(admin.locator(".message.outgoing:not(.note)")).to_contain_text(
        "Happy to help!"
    )
    send(admin, "Customer is on the gold plan.", note=True)
    expect(casey.locator(".message.note")).to_contain_text("gold plan")
    # The reply is outgoing, so the conversation stays as the agents left it.
    expect(admin.locator(".thread-header .chip")).to_have_text("Resolved")
    casey.get_by_role("button", name="Reopen").click()
    expect(admin.locator(".thread-header .chip")).to_have_text("Open")


def test_an_agent_picks_labels_among_the_accounts(signed_in, visitor_factory, demo):
    """The label control offers the account's labels, not a free title; a
    picked label shows as a chip and leaves the choices, and removing it
    offers it again."""
    agent = factories.UserFactory(name="Casey Colleague")
    factories.AccountUserFactory(
        account_id=demo.account_id, user=agent, role=AccountUser.Role.AGENT
    )
    factories.InboxMemberFactory(inbox_id=demo.inbox_id, user=agent)
    for title in ("billing", "refund"):
        Label.objects.create(account_id=demo.account_id, title=title)
    Label.objects.create(account=factories.AccountFactory(), title="secret")
    visitor = visitor_factory("Pat Visitor")
    conversation_id = visitor.start_conversation()
    visitor.say("Can someone help me?")
    page = signed_in(agent)
    open_conversation(page, conversation_id)
    row = page.locator(".labels-row")
    row.get_by_role("button", name="Add label").click()
    options = row.locator(".label-option")
    expect(options).to_have_text(["billing", "refund"])
    # The search finds labels; it makes none.
    row.get_by_label("Search labels").fill("new-title")
    expect(options).to_have_count(0)
    row.get_by_label("Search labels").fill("ref")
    options.filter(has_text="refund").click()
    expect(row.locator(".chip")).to_contain_text("refund")
    row.get_by_role("button", name="Add label").click()
    expect(options).to_have_text(["billing"])
    conversation = Conversation.objects.get(
        account_id=demo.account_id, display_id=conversation_id
    )
    assert list(conversation.labels.values_list("title", flat=True)) == ["refund"]
    screenshot(page, "dashboard-label-picked")
    row.get_by_role("button", name="Remove label refund").click()
    expect(row.locator(".chip")).to_have_count(0)
    row.get_by_role("button", name="Add label").click()
    expect(options).to_have_text(["billing", "refund"])
    assert list(Label.objects.values_list("title", flat=True).order_by("title")) == [
        "billing",
        "refund",
        "secret",
    ]


def test_attachments_show_images_inline_and_files_as_links(signed_in, demo):
    """An image goes out inline, any other file as a download link."""
    page = signed_in()
    page.get_by_role("tab", name="All").click()
    page.locator(".conversation-item", has_text="Marco Rossi").click()
    page.locator("#composer-files").set_input_files(
        [
            {"name": "label.png", "mimeType": "image/png", "buffer": tiny_png()},
            {"name": "invoice.txt", "mimeType": "text/plain", "buffer": b"total 12"},
        ]
    )
    page.locator("#composer-input").fill("Label and invoice attached")
    page.locator("#composer-input").press("Enter")
    sent = page.locator(".message.outgoing", has_text="Label and invoice attached")
    expect(sent.locator(".attachment.image img")).to_have_count(1)
    expect(sent.locator(".attachment.file")).to_contain_text("invoice")
    # The <img> is in the page before its file has loaded: wait for either.
    image_width = sent.locator(".attachment.image img").evaluate(
        """img => img.complete ? img.naturalWidth : new Promise(done => {
            img.onload = () => done(img.naturalWidth);
            img.onerror = () => done(0);
        })"""
    )
    assert image_width == 8
    expect(
        page.locator(".message.outgoing", has_text="Label and invoice")
    ).to_have_count(1)


def test_attachment_with_a_script_address_is_not_a_link(signed_in, demo):
    """An attachment whose address is ``javascript:`` shows as plain text."""
    conversation = Conversation.objects.get(
        account_id=demo.account_id, contact__name="Marco Rossi"
    )
    message = factories.MessageFactory(conversation=conversation, content="See file")
    Attachment.objects.create(
        account_id=demo.account_id,
        message=message,
        file_type=Attachment.FileType.FILE,
        external_url="javascript:window.__owned=3",
        fallback_title="harmless.pdf",
    )
    page = signed_in()
    open_conversation(page, conversation.display_id)
    attachment = page.locator(".message", has_text="See file").locator(".attachment")
    expect(attachment).to_have_text("harmless.pdf")
    assert page.locator('a[href^="javascript"]').count() == 0
