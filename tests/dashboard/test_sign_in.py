import pytest
from playwright.sync_api import expect

from accounts.models import AccountUser
from tests import factories
from tests.browser import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]


def test_demo_administrator_signs_in_sees_conversations_and_signs_out(
    chromium, server, demo
):
    """The form at / opens the demo account's conversations; sign out ends it."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{server.url}/")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    screenshot(page, "dashboard-sign-in")

    page.get_by_label("Email").fill(demo.email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("do not match")

    page.get_by_label("Password").fill(demo.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/app/accounts/*/conversations")
    items = page.locator(".conversation-item")
    # Mine: the demo administrator was assigned Jane's conversation.
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Jane Doe")
    page.get_by_role("tab", name="All").click()
    expect(items).to_have_count(2)
    expect(page.get_by_role("tab", name="Unassigned")).to_contain_text("1")
    expect(items.nth(1)).to_contain_text("Jane Doe")
    expect(items.first).to_contain_text("Marco Rossi")
    expect(page.locator("body[data-cable=connected]")).to_be_attached()
    screenshot(page, "dashboard-conversation-list")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    page.goto(f"{server.url}/app/accounts/{demo.account_id}/conversations")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    context.close()


def test_agent_of_two_accounts_switches_account(chromium, server, demo):
    """A user in two accounts picks the other one from the top bar."""
    user = factories.UserFactory(name="Sam Switcher")
    first = factories.AccountFactory(name="First Shop")
    second = factories.AccountFactory(name="Second Shop")
    for account in (first, second):
        factories.AccountUserFactory(
            account=account, user=user, role=AccountUser.Role.ADMINISTRATOR
        )
    context = chromium.new_context()
    page = context.new_page()
    page.goto(f"{server.url}/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/app/accounts/{first.pk}/conversations")
    expect(page).to_have_title("First Shop · OneChat")

    page.get_by_label("Account").select_option(str(second.pk))
    page.get_by_role("button", name="Switch").click()
    page.wait_for_url(f"**/app/accounts/{second.pk}/conversations")
    expect(page).to_have_title("Second Shop · OneChat")
    # An account the user does not belong to stays hidden.
    response = page.goto(f"{server.url}/app/accounts/{demo.account_id}/conversations")
    assert response.status == 404
    context.close()
