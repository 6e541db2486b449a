"""Writes of webhooks: add, change, disable, delete; resend a delivery;
record an ad hoc delivery (the automation's "send webhook" action)."""

from django.db import transaction
from django.utils import timezone

from accounts.models import Account, Inbox
from webhooks import outbox, selectors
from webhooks.models import Webhook, WebhookDelivery


def create_webhook(
    *,
    account: Account,
    url: str,
    subscriptions: list[str],
    name: str = "",
    inbox: Inbox | None = None,
    include_private_notes: bool = False,
) -> Webhook:
    """Add a webhook; its secret is generated here (answered once)."""
    with transaction.atomic():
        webhook = Webhook.objects.create(
            account=account,
            url=url,
            subscriptions=subscriptions,
            name=name,
            inbox=inbox,
            include_private_notes=include_private_notes,
        )
    return webhook


def update_webhook(*, webhook: Webhook, **changes: object) -> Webhook:
    """Change a webhook's url, name, subscriptions, inbox, private notes or
    ``enabled`` (enabling clears the reason and the failures)."""
    with transaction.atomic():
        for field, value in changes.items():
            setattr(webhook, field, value)
        if changes.get("enabled") is True:
            webhook.disabled_reason = ""
            webhook.disabled_at = None
            webhook.consecutive_failures = 0
            webhook.failing_since = None
        webhook.save()
    return webhook


def disable_webhook(*, webhook: Webhook, reason: str) -> None:
    """Stop sending to a webhook, saying why (shown on the settings page)."""
    with transaction.atomic():
        Webhook.objects.filter(pk=webhook.pk).update(
            enabled=False,
            disabled_reason=reason[:500],
            disabled_at=timezone.now(),
            consecutive_failures=webhook.consecutive_failures,
            failing_since=webhook.failing_since,
        )
        webhook.enabled = False
        webhook.disabled_reason = reason[:500]
        selectors.forget_listeners(webhook.account_id)


def delete_webhook(*, webhook: Webhook) -> None:
    """Delete a webhook with its delivery log."""
    with transaction.atomic():
        webhook.delete()


def resend_delivery(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery again as a new row of the log: the same body and
    event, a new delivery id."""
    with transaction.atomic():
        original = delivery.outbox_event
        outbox_event = outbox.record(
            account_id=delivery.account_id,
            event=delivery.event,
            targets=[delivery.target],
            payload=original.payload if original.expanded else None,
            source=original.source,
            conversation_id=delivery.conversation_id,
        )
        outbox.expand(outbox_event.pk)
        return outbox_event.deliveries.get()


def deliver_to_url(
    *,
    account_id: int,
    url: str,
    event: str,
    payload: dict,
    conversation_id: int | None = None,
) -> None:
    """Record a delivery of ``payload`` (``event`` added) to an ad hoc
    ``url``, with no webhook: sent like a webhook's, in order per
    conversation, retried, vetted against the allowed addresses when sent,
    unsigned (there is no secret). Joins the caller's transaction."""
    with transaction.atomic():
        outbox.record(
            account_id=account_id,
            event=event,
            targets=[f"url:{url}"],
            payload={**payload, "event": event},
            conversation_id=conversation_id,
        )
