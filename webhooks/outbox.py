"""The outbox: a delivery row per event and receiver, written in the
transaction of the change that caused it, with the job that sends it. A
rolled-back change leaves neither; a stopped worker leaves the rows, sent
when it runs again (``engine.send_due``)."""

from django.utils import timezone

from webhooks import signals
from webhooks.models import WebhookDelivery


def record(
    *,
    account_id: int,
    event: str,
    payload: dict,
    conversation_id: int | None,
    webhook_ids: list[int] = (),  # type: ignore[assignment]
    bot_id: int | None = None,
    url: str = "",
) -> list[WebhookDelivery]:
    """Write one pending delivery of ``payload`` to each webhook, to the bot
    and to the ad hoc ``url`` given, and enqueue their sending."""
    now = timezone.now()
    common = {
        "account_id": account_id,
        "event": event,
        "payload": payload,
        "conversation_id": conversation_id,
        "next_attempt_at": now,
    }
    rows = [
        WebhookDelivery(webhook_id=pk, target=f"webhook:{pk}", **common)
        for pk in webhook_ids
    ]
    if bot_id is not None:
        rows.append(
            WebhookDelivery(agent_bot_id=bot_id, target=f"bot:{bot_id}", **common)
        )
    if url:
        rows.append(WebhookDelivery(url=url, target=f"url:{url}", **common))
    if not rows:
        return []
    rows = WebhookDelivery.objects.bulk_create(rows)
    for row in rows:
        signals.delivery_due.send(
            sender=WebhookDelivery, delivery_id=row.pk, run_after=None
        )
    return rows
