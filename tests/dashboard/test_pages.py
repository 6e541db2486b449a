import re

import pytest
from playwright.sync_api import expect

from accounts.embed import embed_snippet
from accounts.models import AccountUser, Inbox, Invitation, Team, User
from accounts.services import accept_invitation
from contacts.models import Contact
from tests import factories
from tests.browser import screenshot, serious_accessibility_violations
from tests.dashboard.conftest import PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]


def test_phone_shows_list_and_thread_as_separate_views(signed_in):
    """On a phone-sized screen the list and the open thread take turns."""
    page = signed_in(viewport=PHONE)
    page.get_by_role("tab", name="Mine").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="All")).to_be_focused()
    expect(page.get_by_role("tab", name="All")).to_have_attribute(
        "aria-selected", "true"
    )
    items = page.locator(".conversation-item")
    expect(items).to_have_count(2)
    expect(page.locator(".thread-pane")).to_be_hidden()
    screenshot(page, "dashboard-phone-list")

    items.filter(has_text="Jane Doe").click()
    expect(page.locator(".list-pane")).to_be_hidden()
    expect(page.locator(".messages")).to_contain_text("order #1042")
    composer = page.locator("#composer-input")
    composer.fill("First line")
    composer.press("Shift+Enter")
    composer.press_sequentially("second line")
    expect(composer).to_have_value("First line\nsecond line")
    composer.press("Enter")
    expect(page.locator(".message.outgoing .content").last).to_have_text(
        "First line\nsecond line"
    )
    expect(page.locator(".message.pending")).to_have_count(0)
    screenshot(page, "dashboard-phone-thread")

    page.get_by_role("button", name="Back to the list").click()
    expect(page.locator(".list-pane")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/conversations$"))


def test_administrator_creates_website_inbox_and_copies_its_snippet(signed_in, demo):
    """Settings create a website inbox and show its embed snippet."""
    page = signed_in()
    page.get_by_role("link", name="Settings").click()
    page.wait_for_url("**/settings/inboxes")
    page.get_by_label("Inbox name").fill("Shop website")
    page.get_by_label("Website URL").fill("https://shop.example.com")
    page.get_by_role("button", name="Create inbox").click()
    snippet = page.locator("#embed-snippet")
    expect(page.locator(".inbox-detail h2")).to_have_text("Shop website")
    inbox = Inbox.objects.get(account_id=demo.account_id, name="Shop website")
    assert inbox.channel_type == Inbox.ChannelType.WEBSITE
    expect(snippet).to_contain_text(f'websiteToken: "{inbox.website_token}"')
    text = snippet.inner_text()
    origin = page.evaluate("location.origin")
    assert text.strip() == embed_snippet(inbox, origin).strip()
    expect(page.locator(".inbox-detail")).to_contain_text(inbox.hmac_token)
    screenshot(page, "dashboard-settings-inbox")

    page.get_by_role("link", name="Agents").click()
    # Nobody chooses another person's password: the email lets them.
    expect(page.locator("form input[type=password]")).to_have_count(0)
    page.get_by_label("Email").fill("new.agent@example.com")
    page.get_by_label("Name", exact=True).fill("Nina New")
    page.get_by_role("button", name="Add agent").click()
    nina = page.locator(".table tr", has_text="Nina New")
    expect(nina).to_contain_text("invited")

    # An invited agent goes into a team before answering, marked invited.
    page.get_by_role("link", name="Teams").click()
    page.get_by_label("Team name").fill("Billing")
    page.get_by_role("button", name="Create team").click()
    expect(page.locator(".team-list")).to_contain_text("Billing")
    billing = Team.objects.get(account_id=demo.account_id, name="Billing")
    page.get_by_label("Add an agent to Billing").select_option(label="Nina New")
    billing_members = page.locator(".card", has_text="Billing").locator(".member-list")
    expect(billing_members).to_contain_text("Nina Newinvited")
    assert billing.members.filter(email="new.agent@example.com").exists()
    # Nina joins by accepting (tests/dashboard/test_invitations.py draws that).
    accept_invitation(
        invitation=Invitation.objects.get(
            account_id=demo.account_id, user__email="new.agent@example.com"
        )
    )

    page.get_by_role("link", name="Inboxes").click()
    page.locator(".settings-list button", has_text="Acme website").click()
    page.get_by_label("Add an agent to Acme website").select_option(label="Nina New")
    members = page.locator(".inbox-detail .member-list")
    expect(members).to_contain_text("Nina New")
    website = Inbox.objects.get(pk=demo.inbox_id)
    assert website.members.filter(email="new.agent@example.com").exists()
    page.get_by_role("button", name="Remove Nina New from Acme website").click()
    expect(members).not_to_contain_text("Nina New")
    assert not website.members.filter(email="new.agent@example.com").exists()


def test_agent_cannot_open_settings(chromium, server, demo):
    """Settings pages are for administrators; an agent is told so."""
    agent = factories.UserFactory(name="Andy Agent")
    factories.AccountUserFactory(account_id=demo.account_id, user=agent)
    context = chromium.new_context()
    page = context.new_page()
    page.goto(f"{server.url}/")
    page.get_by_label("Email").fill(agent.email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/conversations")
    expect(page.get_by_role("link", name="Settings")).to_have_count(0)
    response = page.goto(f"{server.url}/app/accounts/{demo.account_id}/settings/agents")
    assert response.status == 403
    expect(page.locator("body")).to_contain_text("Only administrators")
    context.close()


def test_contacts_page_searches_and_edits_and_drops_an_attribute(signed_in, demo):
    """The contacts page lists, searches and edits contacts. A line deleted
    from the contact's custom attributes is gone after a reload; the lines
    kept stay."""
    marco = Contact.objects.get(account_id=demo.account_id, email="marco@example.com")
    marco.custom_attributes = {"plan": "pro", "seats": "3"}
    marco.save()
    page = signed_in()
    conversations_url = page.url
    page.get_by_role("link", name="Contacts").click()
    page.wait_for_url("**/contacts")
    items = page.locator(".contact-items .conversation-item")
    expect(items).to_have_count(2)
    page.get_by_label("Search contacts").fill("marco")
    expect(items).to_have_count(1)
    items.first.click()
    detail = page.locator(".contact-detail")
    expect(detail).to_contain_text("marco@example.com")
    detail.get_by_role("button", name="Edit contact").click()
    detail.get_by_label("Phone").fill("+39 06 1234567")
    detail.get_by_role("button", name="Save").click()
    expect(detail).to_contain_text("+39 06 1234567")
    expect(items.first).to_contain_text("+39 06 1234567")
    expect(detail.get_by_role("link", name="#2")).to_be_visible()
    screenshot(page, "dashboard-contacts")

    # The contact opened from its own address.
    page.goto(conversations_url.replace("/conversations", f"/contacts/{marco.pk}"))
    expect(detail).to_contain_text("plan")
    detail.get_by_role("button", name="Edit contact").click()
    custom = detail.get_by_label("Custom attributes")
    expect(custom).to_have_value("plan: pro\nseats: 3")
    custom.fill("seats: 3")
    detail.get_by_role("button", name="Save").click()
    expect(detail.get_by_role("button", name="Edit contact")).to_be_visible()
    page.reload()
    expect(detail).to_contain_text("seats")
    expect(detail.locator("dt", has_text="plan")).to_have_count(0)
    screenshot(page, "dashboard-contact-attribute-removed")
    marco.refresh_from_db()
    assert marco.custom_attributes == {"seats": "3"}


def test_list_pages_and_searches(signed_in, demo):
    """The list shows 25 conversations, loads more on request, and searches."""
    session = factories.ContactInboxFactory(
        contact=factories.ContactFactory(account_id=demo.account_id, name="Bulk Buyer"),
        inbox_id=demo.inbox_id,
    )
    for _ in range(26):
        factories.MessageFactory(
            conversation=factories.ConversationFactory(contact_inbox=session)
        )
    page = signed_in()
    page.get_by_role("tab", name="All").click()
    items = page.locator(".conversation-item")
    expect(items).to_have_count(25)
    expect(page.get_by_role("tab", name="All")).to_contain_text("28")
    page.get_by_role("button", name="Load more").click()
    expect(items).to_have_count(28)
    expect(page.get_by_role("button", name="Load more")).to_be_hidden()

    page.get_by_label("Search conversations").fill("Marco")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Marco Rossi")
    page.get_by_label("Search conversations").fill("")
    expect(items).to_have_count(25)


def test_contact_online_dot_follows_presence_and_own_availability(
    signed_in, visitor_factory, demo
):
    """A visitor on /cable shows as online in the list and the conversation.
    The availability switch saves the choice and shows it in the agents list."""
    visitor = visitor_factory("Polly Present")
    conversation_id = visitor.start_conversation()
    visitor.say("Hi")
    page = signed_in()
    me = page.locator(".agents-presence li", has_text="Demo Admin")
    expect(me.locator(".dot")).to_have_class("dot dot-online")
    page.get_by_role("tab", name="All").click()
    item = page.locator(f'[data-conversation-id="{conversation_id}"]')
    expect(item.locator(".dot")).to_have_count(0)
    with visitor.online():
        # The dashboard asks for presence every 20 s; switching availability
        # asks now.
        page.get_by_label("My availability").select_option("busy")
        expect(page.locator("#my-availability-dot")).to_have_class("dot dot-busy")
        expect(me.locator(".dot")).to_have_class("dot dot-busy")
        membership = AccountUser.objects.get(
            account_id=demo.account_id, user_id=demo.user_id
        )
        assert membership.availability == AccountUser.Availability.BUSY
        expect(item.locator(".dot-online")).to_have_count(1)
        item.click()
        expect(page.locator(".thread-title .dot")).to_have_class("dot dot-online")
        expect(page.locator(".contact-pane")).to_contain_text("Online now")


def test_dashboard_in_german_and_arabic(signed_in, demo):
    """The agent's profile language draws the dashboard: German left to right,
    Arabic right to left with the conversation list on the right, and a message
    in Arabic read right to left inside either."""
    user = User.objects.get(pk=demo.user_id)
    user.ui_settings = {"locale": "de"}
    user.save()
    page = signed_in()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("link", name="Unterhaltungen")).to_be_visible()
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    # The scripts' words too: list filters, tabs, the composer.
    expect(page.get_by_placeholder("Unterhaltungen durchsuchen")).to_be_visible()
    expect(page.locator("#status-filter option:checked")).to_have_text("Offen")
    expect(page.get_by_role("tab", name="Meine")).to_be_visible()
    page.locator(".conversation-item").first.click()
    expect(page.locator(".messages .message").first).to_be_visible()
    expect(page.locator("#composer-input")).to_have_attribute(
        "placeholder", re.compile(r"^Antwort schreiben")
    )
    expect(page.get_by_role("button", name="Lösen")).to_be_visible()
    screenshot(page, "dashboard-german")
    page.get_by_role("button", name="Emoji einfügen").click()
    assert serious_accessibility_violations(page) == []

    user.ui_settings = {"locale": "ar"}
    user.save()
    page.reload()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("link", name="المحادثات")).to_be_visible()
    page.locator(".conversation-item").first.click()
    composer = page.locator("#composer-input")
    composer.fill("مرحبا، سنشحن **طلبك** اليوم.")
    composer.press("Enter")
    sent = page.locator(".messages .content", has_text="طلبك")
    expect(sent.locator("strong")).to_have_text("طلبك")
    expect(sent).to_have_css("direction", "rtl")
    # The list shows the reply as plain text, without its Markdown marks.
    preview = page.locator(".conversation-item.active .item-preview")
    expect(preview).to_contain_text("طلبك")
    expect(preview).not_to_contain_text("**")
    expect(page.get_by_placeholder("البحث في المحادثات")).to_be_visible()
    list_box = page.locator(".list-pane").bounding_box()
    thread_box = page.locator(".thread-pane").bounding_box()
    assert list_box["x"] > thread_box["x"]
    screenshot(page, "dashboard-arabic")


def test_profile_resets_the_access_token(signed_in, server, demo):
    """The profile page's button replaces the API access token: the page shows
    the new one and the old one is refused."""
    page = signed_in()
    page.get_by_role("link", name="Profile").click()
    token = page.locator(".access-token")
    expect(token).to_have_text(demo.api_access_token)
    page.get_by_role("button", name="Reset access token").click()
    expect(token).not_to_have_text(demo.api_access_token)
    screenshot(page, "dashboard-profile")
    new_token = token.text_content()
    answers = {}
    for value in (demo.api_access_token, new_token):
        answers[value] = page.request.get(
            f"{server.url}/api/v1/profile", headers={"api-access-token": value}
        ).status
    assert answers == {demo.api_access_token: 401, new_token: 200}
