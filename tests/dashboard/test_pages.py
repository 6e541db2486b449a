import re

import pytest
from playwright.sync_api import expect

from onechat.embed import embed_snippet
from onechat.models import AccountUser, Inbox, Team
from tests import factories
from tests.browser import screenshot
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
    page.get_by_label("Email").fill("new.agent@example.com")
    page.get_by_label("Name", exact=True).fill("Nina New")
    page.get_by_role("button", name="Add agent").click()
    expect(page.locator(".table")).to_contain_text("Nina New")
    assert AccountUser.objects.filter(
        account_id=demo.account_id, user__email="new.agent@example.com"
    ).exists()

    page.get_by_role("link", name="Teams").click()
    page.get_by_label("Team name").fill("Billing")
    page.get_by_role("button", name="Create team").click()
    expect(page.locator(".team-list")).to_contain_text("Billing")
    billing = Team.objects.get(account_id=demo.account_id, name="Billing")
    page.get_by_label("Add an agent to Billing").select_option(label="Nina New")
    billing_members = page.locator(".card", has_text="Billing").locator(".member-list")
    expect(billing_members).to_contain_text("Nina New")
    assert billing.members.filter(email="new.agent@example.com").exists()

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


def test_contacts_page_searches_and_edits(signed_in):
    """The contacts page lists, searches and edits contacts."""
    page = signed_in()
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


def test_agent_switches_own_availability(signed_in, demo):
    """The availability switch saves the choice and shows it in the agents list."""
    page = signed_in()
    me = page.locator(".agents-presence li", has_text="Demo Admin")
    expect(me.locator(".dot")).to_have_class("dot dot-online")
    page.get_by_label("My availability").select_option("busy")
    expect(page.locator("#my-availability-dot")).to_have_class("dot dot-busy")
    expect(me.locator(".dot")).to_have_class("dot dot-busy")
    membership = AccountUser.objects.get(
        account_id=demo.account_id, user_id=demo.user_id
    )
    assert membership.availability == AccountUser.Availability.BUSY


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


def test_contact_online_dot_follows_presence(signed_in, visitor_factory):
    """A visitor on /cable shows as online in the list and the conversation."""
    visitor = visitor_factory("Polly Present")
    conversation_id = visitor.start_conversation()
    visitor.say("Hi")
    page = signed_in()
    page.get_by_role("tab", name="All").click()
    item = page.locator(f'[data-conversation-id="{conversation_id}"]')
    expect(item.locator(".dot")).to_have_count(0)
    visitor.come_online()
    # The dashboard asks for presence every 20 s; switching availability asks now.
    page.get_by_label("My availability").select_option("busy")
    expect(item.locator(".dot-online")).to_have_count(1)
    item.click()
    expect(page.locator(".thread-title .dot")).to_have_class("dot dot-online")
    expect(page.locator(".contact-pane")).to_contain_text("Online now")
