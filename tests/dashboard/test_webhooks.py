"""The Webhooks settings page: an administrator adds a webhook (its secret
shown once), sees it disabled with the reason, reads its delivery log and
resends one; markup in a name or URL is shown as text."""

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from tests.browser import screenshot
from webhooks.models import OutboxEvent, Webhook, WebhookDelivery

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]

MARKUP = '<img src=x onerror="document.title=1">'


def test_administrator_manages_webhooks_and_their_log(signed_in, demo):
    page = signed_in()
    page.goto(page.url.replace("/conversations", "/settings/webhooks"))
    expect(page.get_by_role("heading", name="Webhooks", level=1)).to_be_visible()
    page.get_by_label("Webhook URL").fill("https://93.184.215.14/hooks?q=<b>1</b>")
    page.get_by_label("Name", exact=True).fill(MARKUP)
    page.get_by_label("contact_created").check()
    page.get_by_label("Send private notes too").check()
    page.get_by_role("button", name="Create webhook").click()
    expect(page.locator(".webhook-secret-value")).to_be_visible()
    webhook = Webhook.objects.get(account_id=demo.account_id)
    expect(page.locator(".webhook-secret-value")).to_have_text(webhook.secret)
    assert webhook.include_private_notes
    assert "contact_created" in webhook.subscriptions
    row = page.locator(f'tr[data-webhook="{webhook.pk}"]')
    expect(row).to_contain_text(MARKUP)
    expect(row).to_contain_text("https://93.184.215.14/hooks?q=<b>1</b>")
    expect(row.locator("img, b")).to_have_count(0)

    page.get_by_label("Webhook URL").fill("http://127.0.0.1/inside")
    page.get_by_role("button", name="Create webhook").click()
    expect(page.locator("#toast")).to_contain_text("Could not save the webhook")

    Webhook.objects.filter(pk=webhook.pk).update(
        enabled=False, disabled_reason="Disabled after 40 failed deliveries"
    )
    WebhookDelivery.objects.create(
        outbox_event=OutboxEvent.objects.create(
            account_id=demo.account_id,
            event="message_created",
            targets=[f"webhook:{webhook.pk}"],
            payload={"event": "message_created"},
            expanded=True,
        ),
        account_id=demo.account_id,
        webhook=webhook,
        target=f"webhook:{webhook.pk}",
        event="message_created",
        status="failed",
        attempts=40,
        last_error="HTTP 503",
        response_status=503,
        response_ms=12,
        next_attempt_at=timezone.now(),
    )
    page.reload()
    expect(row).to_contain_text("Disabled after 40 failed deliveries")
    expect(page.locator(".webhook-secret-value")).to_have_count(0)
    row.get_by_role("button", name="Deliveries").click()
    log = page.locator(".webhook-deliveries")
    expect(log).to_contain_text("HTTP 503")
    screenshot(page, "dashboard-settings-webhooks")
    log.get_by_role("button", name="Resend").click()
    expect(log.locator("tbody tr")).to_have_count(2)
    assert WebhookDelivery.objects.filter(status="pending").count() == 1

    row.get_by_role("button", name="Edit").click()
    page.get_by_label("Enabled").check()
    page.get_by_role("button", name="Save webhook").click()
    expect(row).not_to_contain_text("Disabled")
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Delete").click()
    expect(row).to_have_count(0)
    assert not Webhook.objects.exists()
