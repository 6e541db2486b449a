"""Sending the outbox: in order per receiver and conversation, retried with
exponential backoff, a failing webhook disabled with a notice.

A row is sent only once no earlier row of its queue (same receiver, same
conversation) is still open; a job finding an earlier open row sends that
one first when it is due and free, so a crashed worker's rows go out with
the next event or with ``send_due``. A worker holds a row while sending it
(``claimed_until``): two jobs never send one row at once, and a crashed
worker's hold lapses.
"""

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AccountUser
from agentbots.models import AgentBot
from webhooks import http, outbox, services, signals, signing
from webhooks.models import OutboxEvent, Webhook, WebhookDelivery

logger = logging.getLogger(__name__)

# Rows one job sends at most when it finds a backlog before its own.
MAX_CHAIN = 200
OPEN = WebhookDelivery.OPEN


def deliver(delivery_id: int) -> None:
    """Send the delivery, after the open ones before it in its queue (the
    events before it expanded first)."""
    for _step in range(MAX_CHAIN):
        row = WebhookDelivery.objects.filter(pk=delivery_id, status__in=OPEN).first()
        if row is None:
            return
        outbox.expand_before(
            conversation_id=row.conversation_id, event_id=row.outbox_event_id
        )
        head = queue_head(row)
        if not attempt(head):
            return
        if head.pk == row.pk:
            kick_next(row)
            return


def send_due() -> int:
    """Send every open delivery that is due and free, queue by queue in
    order, after expanding the events whose expansion is overdue (the
    recovery path after a crash or a stopped worker); the number of rows
    looked at."""
    now = timezone.now()
    hold = timedelta(seconds=settings.ONECHAT_WEBHOOK_CLAIM_SECONDS)
    overdue = OutboxEvent.objects.filter(expanded=False, created_at__lt=now - hold)
    for pk in overdue.order_by("pk").values_list("pk", flat=True)[:10_000]:
        outbox.expand(pk)
    due = (
        WebhookDelivery.objects.filter(status__in=OPEN, next_attempt_at__lte=now)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("id")
        .values_list("pk", flat=True)
    )
    ids = list(due[:10_000])
    for pk in ids:
        deliver(pk)
    return len(ids)


def queue_head(row: WebhookDelivery) -> WebhookDelivery:
    """The earliest open delivery of ``row``'s queue (``row`` itself when
    none is before it, or when it has no conversation)."""
    if row.conversation_id is None:
        return row
    return (
        WebhookDelivery.objects.filter(
            target=row.target,
            conversation_id=row.conversation_id,
            status__in=OPEN,
            outbox_event_id__lte=row.outbox_event_id,
        )
        .order_by("outbox_event_id", "pk")
        .first()
        or row
    )


def kick_next(row: WebhookDelivery) -> None:
    """Enqueue the next open delivery of ``row``'s queue, which waited."""
    if row.conversation_id is None:
        return
    following = (
        WebhookDelivery.objects.filter(
            target=row.target,
            conversation_id=row.conversation_id,
            status__in=OPEN,
            outbox_event_id__gt=row.outbox_event_id,
        )
        .order_by("outbox_event_id")
        .values_list("pk", flat=True)
        .first()
    )
    if following is not None:
        signals.deliveries_due.send(
            sender=WebhookDelivery, delivery_ids=[following], run_after=None
        )


def attempt(row: WebhookDelivery) -> bool:
    """Try ``row`` once if it is due and free; whether it is finished
    (delivered or failed) afterwards."""
    now = timezone.now()
    hold = now + timedelta(seconds=settings.ONECHAT_WEBHOOK_CLAIM_SECONDS)
    claimed = (
        WebhookDelivery.objects.filter(
            pk=row.pk, status__in=OPEN, next_attempt_at__lte=now
        )
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=hold)
    )
    if not claimed:
        row.refresh_from_db()
        if row.status not in OPEN:
            return True
        if row.claimed_until and row.claimed_until > now:
            # Held by another worker: look again once its hold lapses.
            signals.deliveries_due.send(
                sender=WebhookDelivery,
                delivery_ids=[row.pk],
                run_after=row.claimed_until,
            )
        return False
    receiver = _receiver(row)
    if receiver is None:
        _finish(
            row,
            WebhookDelivery.Status.FAILED,
            error="The receiver is disabled or gone.",
        )
        return True
    url, secret = receiver
    payload = (
        OutboxEvent.objects.filter(pk=row.outbox_event_id)
        .values_list("payload", flat=True)
        .get()
    )
    body = json.dumps(payload).encode()
    headers = signing.headers(
        secret=secret,
        timestamp=int(now.timestamp()),
        body=body,
        delivery_id=str(row.delivery_id),
    )
    result = http.post(url, body=body, headers=headers)
    return _record(row, result)


def _receiver(row: WebhookDelivery) -> tuple[str, str] | None:
    """The URL and secret to send ``row`` to, None when its receiver is gone
    or disabled."""
    if row.webhook_id is not None:
        webhook = Webhook.objects.filter(pk=row.webhook_id, enabled=True).first()
        return (webhook.url, webhook.secret) if webhook else None
    if row.agent_bot_id is not None:
        bot = AgentBot.objects.filter(pk=row.agent_bot_id).first()
        return (bot.outgoing_url, bot.secret) if bot and bot.outgoing_url else None
    return (row.url, "") if row.url else None


def backoff(attempts: int) -> float:
    """Seconds before attempt ``attempts + 1``: doubling from the base, at
    most the ceiling."""
    base = settings.ONECHAT_WEBHOOK_BACKOFF_BASE_SECONDS
    ceiling = settings.ONECHAT_WEBHOOK_BACKOFF_MAX_SECONDS
    return min(base * 2 ** max(attempts - 1, 0), ceiling)


def _record(row: WebhookDelivery, result: http.Result) -> bool:
    now = timezone.now()
    row.attempts += 1
    row.response_status = result.status
    row.response_ms = result.milliseconds
    row.last_error = result.error
    row.claimed_until = None
    fields = ["attempts", "response_status", "response_ms", "last_error"]
    if result.delivered:
        row.status = WebhookDelivery.Status.DELIVERED
        row.sent_at = now
        row.save(update_fields=[*fields, "status", "sent_at", "claimed_until"])
        _webhook_succeeded(row)
        return True
    delay = timedelta(seconds=backoff(row.attempts))
    window = timedelta(seconds=settings.ONECHAT_WEBHOOK_RETRY_SECONDS)
    if result.retry and now + delay - row.created_at <= window:
        row.status = WebhookDelivery.Status.RETRYING
        row.next_attempt_at = now + delay
        row.save(update_fields=[*fields, "status", "next_attempt_at", "claimed_until"])
        signals.deliveries_due.send(
            sender=WebhookDelivery, delivery_ids=[row.pk], run_after=row.next_attempt_at
        )
        _webhook_failed(row)
        return False
    row.status = WebhookDelivery.Status.FAILED
    row.save(update_fields=[*fields, "status", "claimed_until"])
    _webhook_failed(row)
    return True


def _finish(row: WebhookDelivery, status: str, *, error: str) -> None:
    WebhookDelivery.objects.filter(pk=row.pk).update(
        status=status, last_error=error, claimed_until=None
    )


def _webhook_succeeded(row: WebhookDelivery) -> None:
    if row.webhook_id is not None:
        Webhook.objects.filter(pk=row.webhook_id, consecutive_failures__gt=0).update(
            consecutive_failures=0, failing_since=None
        )


def _webhook_failed(row: WebhookDelivery) -> None:
    """Count a failed attempt; a webhook failing since longer than
    ``WEBHOOK_DISABLE_AFTER_SECONDS`` is disabled and its administrators told."""
    if row.webhook_id is None:
        return
    now = timezone.now()
    webhook = Webhook.objects.filter(pk=row.webhook_id, enabled=True).first()
    if webhook is None:
        return
    webhook.consecutive_failures += 1
    webhook.failing_since = webhook.failing_since or now
    fields = ["consecutive_failures", "failing_since", "updated_at"]
    limit = timedelta(seconds=settings.ONECHAT_WEBHOOK_DISABLE_AFTER_SECONDS)
    if now - webhook.failing_since < limit:
        webhook.save(update_fields=fields)
        return
    services.disable_webhook(
        webhook=webhook,
        reason=_(
            "Disabled after %(count)s failed deliveries since %(since)s: %(error)s"
        )
        % {
            "count": webhook.consecutive_failures,
            "since": webhook.failing_since.strftime("%Y-%m-%d %H:%M UTC"),
            "error": row.last_error,
        },
    )
    _tell_administrators(webhook)


def _tell_administrators(webhook: Webhook) -> None:
    emails = list(
        AccountUser.objects.filter(
            account_id=webhook.account_id, role=AccountUser.Role.ADMINISTRATOR
        ).values_list("user__email", flat=True)
    )
    if not emails:
        return
    subject = _("A webhook of %(account)s was disabled") % {
        "account": webhook.account.name
    }
    text = _(
        "OneChat stopped sending events to %(url)s.\n\n%(reason)s\n\n"
        "Enable it again in Settings, Webhooks, once the receiver answers."
    ) % {"url": webhook.url, "reason": webhook.disabled_reason}
    try:
        send_mail(subject, text, None, emails)
    except Exception:  # the webhook stays disabled either way
        logger.exception("webhook %s: the notice could not be sent", webhook.pk)
