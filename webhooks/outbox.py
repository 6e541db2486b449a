"""The outbox: one row per event, written in the transaction of the change
that caused it, with the job that expands it. A rolled-back change leaves
neither; a stopped worker leaves the row, expanded and sent when it runs
again (``engine.send_due``). Expanding writes a delivery per receiver and
builds the body once for all of them."""

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from agentbots.models import AgentBot
from webhooks import payloads, signals
from webhooks.models import OutboxEvent, Webhook, WebhookDelivery


def record(
    *,
    account_id: int,
    event: str,
    targets: Sequence[str],
    conversation_id: int | None,
    source: dict | None = None,
    payload: dict | None = None,
) -> OutboxEvent:
    """Write the event for ``targets`` ("webhook:<id>", "bot:<id>",
    "url:<url>") and enqueue its expansion. The body is ``payload``, or
    built from ``source`` when expanded."""
    outbox_event = OutboxEvent.objects.create(
        account_id=account_id,
        event=event,
        conversation_id=conversation_id,
        targets=list(targets),
        source=source if payload is None else None,
        payload=payload or {},
    )
    signals.event_recorded.send(sender=OutboxEvent, event_id=outbox_event.pk)
    return outbox_event


def expand(event_id: int) -> list[int]:
    """Write the event's deliveries, its body built, once (a second call
    finds it expanded); the ids of the deliveries to send, whose jobs are
    enqueued."""
    with transaction.atomic():
        outbox_event = (
            OutboxEvent.objects.select_for_update()
            .filter(pk=event_id, expanded=False)
            .first()
        )
        if outbox_event is None:
            return []
        error = ""
        targets = _still_there(outbox_event.targets)
        if targets and outbox_event.source is not None:
            try:
                outbox_event.payload = payloads.build(outbox_event.source)
            except payloads.Gone as gone:
                error = str(gone)
            outbox_event.source = None
        outbox_event.expanded = True
        outbox_event.save(update_fields=["payload", "source", "expanded"])
        now = timezone.now()
        rows = WebhookDelivery.objects.bulk_create(
            [
                _delivery(outbox_event, target, now=now, error=error)
                for target in targets
            ]
        )
        ids = [row.pk for row in rows if row.status in WebhookDelivery.OPEN]
        if ids:
            signals.deliveries_due.send(
                sender=WebhookDelivery, delivery_ids=ids, run_after=None
            )
        return ids


def _still_there(targets: list[str]) -> list[str]:
    """``targets`` without the webhooks and bots deleted since the event."""
    ids: dict[str, set[int]] = {"webhook": set(), "bot": set()}
    for target in targets:
        kind, _, value = target.partition(":")
        if kind in ids:
            ids[kind].add(int(value))
    there = {
        "webhook": set(
            Webhook.objects.filter(pk__in=ids["webhook"]).values_list("pk", flat=True)
        ),
        "bot": set(
            AgentBot.objects.filter(pk__in=ids["bot"]).values_list("pk", flat=True)
        ),
    }
    kept = []
    for target in targets:
        kind, _, value = target.partition(":")
        if kind not in there or int(value) in there[kind]:
            kept.append(target)
    return kept


def _delivery(
    outbox_event: OutboxEvent, target: str, *, now: datetime, error: str
) -> WebhookDelivery:
    kind, _, value = target.partition(":")
    return WebhookDelivery(
        outbox_event=outbox_event,
        account_id=outbox_event.account_id,
        event=outbox_event.event,
        target=target,
        conversation_id=outbox_event.conversation_id,
        webhook_id=int(value) if kind == "webhook" else None,
        agent_bot_id=int(value) if kind == "bot" else None,
        url=value if kind == "url" else "",
        next_attempt_at=now,
        status=WebhookDelivery.Status.FAILED
        if error
        else WebhookDelivery.Status.PENDING,
        last_error=error,
    )


def expand_before(*, conversation_id: int | None, event_id: int) -> None:
    """Expand the conversation's events recorded before ``event_id`` that
    are not yet (their job is queued, or was lost with a crashed worker), so
    no later delivery overtakes theirs."""
    if conversation_id is None:
        return
    earlier = OutboxEvent.objects.filter(
        expanded=False, conversation_id=conversation_id, pk__lt=event_id
    ).order_by("pk")
    for pk in earlier.values_list("pk", flat=True):
        expand(pk)
