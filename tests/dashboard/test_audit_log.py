"""The Audit log settings page: an administrator reads who did what in
sentences, with each change, pages and filters; markup in a recorded name or
value is shown as text; an agent is refused the page."""

import pytest
from playwright.sync_api import expect

from accounts.models import Inbox, User
from audit.context import Actor
from audit.services import record
from tests import factories
from tests.browser import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

MARKUP = '<img src=x onerror="document.title=1">'


def test_administrator_reads_and_filters_the_log(signed_in, demo):
    admin = User.objects.get(pk=demo.user_id)
    as_admin = Actor(user=admin, remote_address="203.0.113.7")
    inbox = Inbox.objects.get(pk=demo.inbox_id)
    record(
        account_id=demo.account_id,
        action="update",
        auditable_type="Inbox",
        auditable_id=inbox.pk,
        name=MARKUP,
        changes={"name": ["A", MARKUP], "widget_color": ["#1f93ff", "#000000"]},
        actor=as_admin,
    )
    record(
        account_id=demo.account_id,
        action="sign_in_failed",
        auditable_type="User",
        auditable_id=admin.pk,
        actor=Actor(username="<b>who</b>@example.com", remote_address="198.51.100.9"),
    )
    for number in range(26):
        record(
            account_id=demo.account_id,
            action="create",
            auditable_type="Label",
            auditable_id=number,
            name=f"label-{number}",
            changes={"title": [None, f"label-{number}"]},
            actor=as_admin,
        )
    page = signed_in()
    page.goto(page.url.replace("/conversations", "/settings/audit_log"))
    expect(page.get_by_role("heading", name="Audit log", level=1)).to_be_visible()
    table = page.locator(".audit-table")
    expect(table.locator("tbody tr")).to_have_count(25)
    expect(table).to_contain_text(f"{admin.name} created the label label-25")
    expect(page.locator(".audit-pager")).to_contain_text("Page 1 of 2")
    page.get_by_role("button", name="Older").click()
    expect(table).to_contain_text(f"{admin.name} changed the inbox {MARKUP}")
    expect(table).to_contain_text(f"name: “A” → “{MARKUP}”")
    expect(table).to_contain_text("Failed sign-in as <b>who</b>@example.com")
    expect(table).to_contain_text("198.51.100.9")
    expect(table.locator("img, b")).to_have_count(0)

    page.get_by_label("Action").select_option("sign_in_failed")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text("Failed sign-in")
    page.get_by_label("Action").select_option("update")
    page.get_by_label("Kind").select_option("Inbox")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(page.locator(".audit-pager")).to_contain_text("Page 1 of 1")
    page.get_by_label("Action").select_option("")
    screenshot(page, "dashboard-settings-audit-log")
    page.screenshot(path="/tmp/audit-settings.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 800})
    expect(table).to_contain_text(f"name: “A” → “{MARKUP}”")
    page.screenshot(path="/tmp/audit-settings-phone.png", full_page=True)
    assert page.title() != "1"


def test_agent_is_refused_the_page(signed_in, demo):
    agent = factories.AccountUserFactory(account_id=demo.account_id).user
    page = signed_in(agent)
    page.goto(page.url.replace("/conversations", "/settings/audit_log"))
    expect(page.locator("body")).not_to_contain_text("Nothing recorded.")
    expect(page.locator(".audit-table")).to_have_count(0)
