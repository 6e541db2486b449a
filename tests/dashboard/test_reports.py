"""The Reports pages: the administrators' top-nav link, summary cards, uPlot
charts, the live view, the per-inbox table with its filter and CSV, names
with markup drawn as text; agents get no link and a 403 page."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from accounts.models import AccountUser, Inbox
from conversations.models import Conversation
from reports.models import ReportingEvent
from tests import factories
from tests.browser import screenshot, serious_accessibility_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

MARKUP = '<img src=x onerror="window.pwned=1">Sales <b>desk</b>'


def seed_history(account_id: int) -> Inbox:
    """Resolutions and first responses over the last days, in a new inbox."""
    inbox = factories.InboxFactory(account_id=account_id, name=MARKUP)
    now = timezone.now()
    for day in range(1, 6):
        conversation = factories.ConversationFactory(
            contact_inbox=factories.ContactInboxFactory(
                inbox=inbox, contact=factories.ContactFactory(account_id=account_id)
            ),
            status=Conversation.Status.RESOLVED,
        )
        for name, value in (
            ("first_response", 600 * day),
            ("conversation_resolved", 3600 * day),
        ):
            ReportingEvent.objects.create(
                name=name,
                value=value,
                value_in_business_hours=value / 2,
                account_id=account_id,
                inbox=inbox,
                conversation=conversation,
                created_at=now - timedelta(days=day),
            )
    return inbox


def test_reports_overview_and_an_inbox_report(signed_in, demo):
    inbox = seed_history(demo.account_id)
    page = signed_in()
    page.get_by_role("link", name="Reports").click()
    page.wait_for_url("**/reports/overview")
    expect(page.get_by_role("heading", name="Reports: Overview")).to_be_visible()
    expect(
        page.locator('[data-metric="resolutions_count"] .reports-card-value')
    ).to_have_text("5")
    expect(page.locator('[data-live="open"] .reports-card-value')).to_be_visible()
    expect(page.locator(".reports-chart canvas")).to_have_count(4)
    expect(page.get_by_role("link", name="CSAT")).to_have_attribute(
        "href", f"/app/accounts/{demo.account_id}/reports/csat"
    )
    assert serious_accessibility_violations(page) == []
    path = screenshot(page, "reports-overview")
    path.replace("/tmp/reports-overview.png")

    reports_nav = page.get_by_role("navigation", name="Reports")
    reports_nav.get_by_role("link", name="Conversations").click()
    page.wait_for_url("**/reports/conversations")
    admin = page.locator(f'tr[data-agent-id="{demo.user_id}"]')
    expect(admin.get_by_role("rowheader")).to_have_text("Demo Admin")
    expect(admin.locator("td").first).to_have_text("Online")

    page.get_by_role("link", name="Inboxes").click()
    page.wait_for_url("**/reports/inboxes")
    row = page.locator(f'tr[data-member-id="{inbox.pk}"]')
    expect(row.get_by_role("rowheader")).to_have_text(MARKUP)
    expect(row.locator("td").nth(1)).to_have_text("5")
    csv = page.get_by_role("link", name="Download CSV")
    assert "/reports/inboxes?" in csv.get_attribute("href")
    with page.expect_response(
        lambda r: f"id={inbox.pk}" in r.url and "/summary" in r.url
    ):
        page.get_by_role("combobox", name="Inbox").select_option(str(inbox.pk))
    expect(
        page.locator('[data-metric="avg_resolution_time"] .reports-card-value')
    ).to_have_text("3h 00m")
    page.get_by_label("Business hours only").check()
    expect(
        page.locator('[data-metric="avg_resolution_time"] .reports-card-value')
    ).to_have_text("1h 30m")
    with page.expect_response(lambda r: "/reports?" in r.url and "reply_time" in r.url):
        page.get_by_label("Range").select_option("30")
    expect(page.locator(".reports-chart canvas")).to_have_count(4)
    page.wait_for_timeout(300)
    assert page.evaluate("window.pwned") is None
    path = screenshot(page, "reports-inboxes")
    path.replace("/tmp/reports-inboxes.png")


def test_an_agent_has_no_reports(signed_in, demo):
    agent = factories.UserFactory(name="Avery Agent")
    factories.AccountUserFactory(
        account_id=demo.account_id, user=agent, role=AccountUser.Role.AGENT
    )
    page = signed_in(agent)
    expect(page.get_by_role("link", name="Reports")).to_have_count(0)
    response = page.goto(page.url.replace("/conversations", "/reports/overview"))
    assert response.status == 403
