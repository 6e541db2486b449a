"""Invitations in the dashboard: a member answers on the profile page, a
person of no account yet on the page they land on after signing in, someone
new to OneChat on the page the invitation email links to."""

import pytest
from playwright.sync_api import expect

from accounts.models import AccountUser, Invitation
from accounts.services import invite_agent, send_invitation
from tests import factories
from tests.accounts.test_invitation_emails import LINK
from tests.browser import screenshot
from tests.dashboard.conftest import wait_until_live

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

# An account name is drawn in the invitee's pages: markup must stay text.
MARKUP_NAME = "<img src=x onerror=\"document.title='pwned'\">Beta & Co"


@pytest.fixture
def invited(demo):
    """A member of the demo account whom another account invites."""
    user = factories.UserFactory(name="Ivy Invited")
    factories.AccountUserFactory(account_id=demo.account_id, user=user)
    other = factories.AccountFactory(name=MARKUP_NAME)
    invite_agent(account=other, email=user.email, role="administrator")
    return user, other


def test_member_accepts_an_invitation_on_the_profile(signed_in, invited):
    """The profile lists the invitation with the account's name as text;
    accepting it adds the account to the switcher and the membership."""
    user, other = invited
    page = signed_in(user)
    page.get_by_role("link", name="Profile").click()
    item = page.locator("li", has_text="Beta & Co")
    expect(item).to_contain_text(f"{MARKUP_NAME} (Administrator)")
    expect(page.locator("main img")).to_have_count(0)
    screenshot(page, "dashboard-profile-invitation")
    item.get_by_role("button", name="Accept").click()
    switcher = page.get_by_label("Account")
    expect(switcher.locator("option", has_text="Beta & Co")).to_have_count(1)
    expect(page.get_by_text("No invitations.")).to_be_visible()
    wait_until_live(page)
    screenshot(page, "dashboard-profile-invitation-accepted")
    assert page.title() != "pwned"
    membership = AccountUser.objects.get(user=user, account=other)
    assert membership.role == AccountUser.Role.ADMINISTRATOR
    assert Invitation.objects.exists() is False


def test_member_declines_an_invitation_on_the_profile(signed_in, invited, demo):
    """Declining removes the invitation and joins nothing; the user keeps
    their own account."""
    user, other = invited
    page = signed_in(user)
    page.get_by_role("link", name="Profile").click()
    page.locator("li", has_text="Beta & Co").get_by_role(
        "button", name="Decline"
    ).click()
    expect(page.get_by_text("No invitations.")).to_be_visible()
    expect(page.get_by_label("Account")).to_have_count(0)
    assert AccountUser.objects.filter(user=user, account=other).exists() is False
    assert list(user.memberships.values_list("account_id", flat=True)) == [
        demo.account_id
    ]
    assert Invitation.objects.exists() is False


def test_person_of_no_account_accepts_after_signing_in(chromium, server, demo):
    """A registered person of no account yet signs in, sees the invitation
    and, accepting it, opens the account's dashboard."""
    account = factories.AccountFactory(name=MARKUP_NAME)
    factories.UserFactory(email="nia@example.com")
    invite_agent(account=account, email="nia@example.com")
    context = chromium.new_context()
    page = context.new_page()
    page.goto(f"{server.url}/")
    page.get_by_label("Email").fill("nia@example.com")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    item = page.locator(".invitations li")
    expect(item).to_contain_text(f"{MARKUP_NAME} (Agent)")
    screenshot(page, "dashboard-no-account-invitation")
    item.get_by_role("button", name="Accept").click()
    page.wait_for_url(f"**/app/accounts/{account.pk}/conversations")
    assert AccountUser.objects.filter(
        account=account, user__email="nia@example.com"
    ).exists()
    context.close()


def test_new_person_joins_from_the_email_link(chromium, server, demo, mailoutbox):
    """Someone new to OneChat opens the invitation email's link, reads who
    invites them to which account (markup as text), chooses a name and
    password, and lands signed in in the account's dashboard."""
    account = factories.AccountFactory(name=MARKUP_NAME)
    inviter = factories.UserFactory(name=MARKUP_NAME)
    invitation = invite_agent(account=account, email="noa@example.com", inviter=inviter)
    send_invitation(invitation_id=invitation.pk)
    [path] = LINK.findall(mailoutbox[0].body)
    context = chromium.new_context()
    page = context.new_page()
    page.goto(f"{server.url}{path}")
    card = page.locator(".auth-card")
    expect(card).to_contain_text(f"{MARKUP_NAME} invites you to join {MARKUP_NAME}")
    expect(card).to_contain_text("noa@example.com")
    expect(page.locator("main img")).to_have_count(0)
    page.get_by_label("Name").fill("Noa New")
    page.get_by_label("Password", exact=True).fill("noa-chooses-this-1")
    page.get_by_label("Password (again)").fill("noa-chooses-this-1")
    screenshot(page, "dashboard-join-from-invitation")
    page.get_by_role("button", name="Join").click()
    page.wait_for_url(f"**/app/accounts/{account.pk}/conversations")
    wait_until_live(page)
    screenshot(page, "dashboard-joined-from-invitation")
    assert page.title() != "pwned"
    user = AccountUser.objects.get(account=account, user__email="noa@example.com").user
    assert user.name == "Noa New"
    assert user.check_password("noa-chooses-this-1") is True
    page.goto(f"{server.url}{path}")
    expect(page.locator(".auth-card")).to_contain_text("does not work")
    context.close()
