"""Reads of webhooks and their deliveries. Who listens to an account or an
inbox is asked on every chat event, so it is cached (the services and the
receivers of webhook and bot changes drop the entry)."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404

from accounts.models import Account
from agentbots.selectors import bot_of_inbox
from common.cache import forget, remembered
from webhooks.models import Webhook, WebhookDelivery

# Seconds a cached entry lives: another process's change is seen by then
# even where the cache is per process (no Redis).
CACHE_SECONDS = 30


@dataclass(frozen=True)
class Listener:
    """An enabled webhook as the chat path needs it."""

    webhook_id: int
    inbox_id: int | None
    subscriptions: frozenset[str]
    private_notes: bool


def listeners_key(account_id: int) -> str:
    return f"webhooks:listeners:{account_id}"


def bot_key(inbox_id: int) -> str:
    return f"webhooks:bot:{inbox_id}"


def forget_listeners(account_id: int) -> None:
    """Drop the account's cached listeners, now and once the change commits
    (a read in between would cache the old rows)."""
    key = listeners_key(account_id)
    forget(key)
    transaction.on_commit(lambda: forget(key))


def forget_bot(inbox_id: int) -> None:
    """Drop the inbox's cached bot, now and once the change commits."""
    key = bot_key(inbox_id)
    forget(key)
    transaction.on_commit(lambda: forget(key))


def listeners(*, account_id: int) -> tuple[Listener, ...]:
    """The account's enabled webhooks (cached; one indexed query when not)."""

    def read() -> tuple[Listener, ...]:
        return tuple(
            Listener(
                webhook_id=pk,
                inbox_id=inbox_id,
                subscriptions=frozenset(subscriptions or ()),
                private_notes=private,
            )
            for pk, inbox_id, subscriptions, private in Webhook.objects.filter(
                account_id=account_id, enabled=True
            ).values_list("pk", "inbox_id", "subscriptions", "include_private_notes")
        )

    return remembered(listeners_key(account_id), read, seconds=CACHE_SECONDS)


def bot_id_of_inbox(*, inbox_id: int) -> int | None:
    """The id of the inbox's active agent bot with an outgoing URL (cached;
    0 is cached for none)."""

    def read() -> int:
        bot = bot_of_inbox(inbox_id=inbox_id)
        return bot.pk if bot is not None and bot.outgoing_url else 0

    return remembered(bot_key(inbox_id), read, seconds=CACHE_SECONDS) or None


def webhooks(*, account: Account) -> QuerySet[Webhook]:
    return Webhook.objects.filter(account=account).select_related("inbox")


def get_webhook(*, account: Account, webhook_id: int) -> Webhook:
    """One webhook of the account; 404 for any other id."""
    found = webhooks(account=account).filter(pk=webhook_id).first()
    if found is None:
        raise Http404("Webhook not found")
    return found


def deliveries(*, webhook: Webhook) -> QuerySet[WebhookDelivery]:
    """A webhook's delivery log, newest first."""
    return WebhookDelivery.objects.filter(webhook=webhook).order_by("-id")


def get_delivery(*, webhook: Webhook, delivery_id: str) -> WebhookDelivery:
    """One delivery of the webhook by its delivery id; 404 for any other."""
    found = deliveries(webhook=webhook).filter(delivery_id=delivery_id).first()
    if found is None:
        raise Http404("Delivery not found")
    return found
