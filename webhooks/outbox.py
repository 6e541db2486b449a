"""The outbox: a delivery row per event and receiver, written in the
transaction of the change that caused it, with the job that sends it. A
rolled-back change leaves neither; a stopped worker leaves the rows, sent
when it runs again (``engine.send_due``)."""

import uuid
from collections.abc import Sequence

from django.utils import timezone

from webhooks import signals
from webhooks.models import WebhookDelivery


def record(
    *,
    account_id: int,
    event: str,
    conversation_id: int | None,
    source: dict | None = None,
    payload: dict | None = None,
    webhook_ids: Sequence[int] = (),
    bot_id: int | None = None,
    url: str = "",
) -> list[WebhookDelivery]:
    """Write one pending delivery of the event to each webhook, to the bot
    and to the ad hoc ``url`` given, with one job for all of them. The body
    is ``payload``, or built from ``source`` when first sent (once for the
    event's rows, which share an ``event_key``)."""
    common = {
        "account_id": account_id,
        "event": event,
        "payload": payload or {},
        "source": source if payload is None else None,
        "event_key": uuid.uuid4(),
        "conversation_id": conversation_id,
        "next_attempt_at": timezone.now(),
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
    signals.deliveries_due.send(
        sender=WebhookDelivery, delivery_ids=[row.pk for row in rows], run_after=None
    )
    return rows
