"""Where deliveries are recorded: in the transaction of the change, for the
webhooks subscribed to its event (and the inbox's agent bot, for the events
Chatwoot sends bots): one outbox row per event whatever the number of
webhooks, its body built by the job. With no listener, the chat path pays
cache reads only.
Connected in ``WebhooksConfig.ready()``."""

from datetime import datetime
from typing import Any

from django.db.models.signals import post_delete, post_save

from accounts.models import User
from agentbots.models import AgentBot, AgentBotInbox
from contacts.models import Contact, ContactInbox
from contacts.signals import contact_created, contact_updated, webwidget_triggered
from conversations.models import Conversation, Message
from conversations.signals import (
    conversation_changed,
    conversation_created,
    message_created,
    message_updated,
    typing_changed,
)
from webhooks import outbox, payloads, selectors, signals, tasks
from webhooks.models import Webhook

# The events Chatwoot's AgentBotListener sends a bot, and the statuses that
# make a conversation opened or resolved for it.
BOT_EVENTS = frozenset(
    {
        "message_created",
        "message_updated",
        "conversation_opened",
        "conversation_resolved",
        "webwidget_triggered",
    }
)
BOT_STATUS_EVENTS = {"open": "conversation_opened", "resolved": "conversation_resolved"}


def dispatch(
    *,
    account_id: int,
    inbox_id: int | None,
    conversation_id: int | None,
    event: str,
    source: dict,
    private: bool = False,
    bot_event: str | None = None,
) -> None:
    """Record ``event`` for every webhook of the account subscribed to it
    (of its inbox, or of every inbox; private ones only to those asking for
    private notes), and ``bot_event`` for the inbox's bot: rows naming what
    the body is built from (``source``), built by the job."""
    webhook_ids = [
        listener.webhook_id
        for listener in selectors.listeners(account_id=account_id)
        if event in listener.subscriptions
        and (listener.inbox_id is None or listener.inbox_id == inbox_id)
        and (listener.private_notes or not private)
    ]
    bot_id = (
        selectors.bot_id_of_inbox(inbox_id=inbox_id)
        if bot_event and inbox_id is not None and not private
        else None
    )
    if not webhook_ids and bot_id is None:
        return
    if webhook_ids:
        outbox.record(
            account_id=account_id,
            event=event,
            targets=[f"webhook:{pk}" for pk in webhook_ids],
            source=source,
            conversation_id=conversation_id,
        )
    if bot_id is not None:
        outbox.record(
            account_id=account_id,
            event=bot_event,
            targets=[f"bot:{bot_id}"],
            source={**source, "event": bot_event},
            conversation_id=conversation_id,
        )


def _conversation(
    conversation: Conversation,
    event: str,
    changes: dict | None = None,
    bot_event: str | None = None,
) -> None:
    dispatch(
        account_id=conversation.account_id,
        inbox_id=conversation.inbox_id,
        conversation_id=conversation.pk,
        event=event,
        source=payloads.conversation_source(event, conversation.pk, changes),
        bot_event=bot_event,
    )


def conversation_was_created(
    sender: type, conversation: Conversation, **kwargs: Any
) -> None:
    _conversation(conversation, "conversation_created")


def conversation_was_changed(
    sender: type,
    conversation: Conversation,
    changes: dict[str, tuple[Any, Any]],
    **kwargs: Any,
) -> None:
    # A save that changed nothing tracked (a message's bookkeeping) is no
    # conversation_updated, as Chatwoot sends none without changed attributes.
    if not changes:
        return
    if "status" in changes:
        status = changes["status"][1]
        _conversation(
            conversation,
            "conversation_status_changed",
            changes,
            bot_event=BOT_STATUS_EVENTS.get(status),
        )
    _conversation(conversation, "conversation_updated", changes)


def _message(message: Message, event: str) -> None:
    # Activity lines are no webhook event in Chatwoot either.
    if message.message_type == Message.MessageType.ACTIVITY:
        return
    dispatch(
        account_id=message.account_id,
        inbox_id=message.inbox_id,
        conversation_id=message.conversation_id,
        event=event,
        source=payloads.message_source(event, message.pk),
        private=message.private,
        bot_event=event,
    )


def message_was_created(sender: type, message: Message, **kwargs: Any) -> None:
    _message(message, "message_created")


def message_was_updated(sender: type, message: Message, **kwargs: Any) -> None:
    _message(message, "message_updated")


def _contact(contact: Contact, event: str) -> None:
    dispatch(
        account_id=contact.account_id,
        inbox_id=None,
        conversation_id=None,
        event=event,
        source=payloads.contact_source(event, contact.pk),
    )


def contact_was_created(sender: type, contact: Contact, **kwargs: Any) -> None:
    _contact(contact, "contact_created")


def contact_was_updated(sender: type, contact: Contact, **kwargs: Any) -> None:
    _contact(contact, "contact_updated")


def widget_was_triggered(
    sender: type, contact_inbox: ContactInbox, event_info: dict, **kwargs: Any
) -> None:
    event = "webwidget_triggered"
    dispatch(
        account_id=contact_inbox.inbox.account_id,
        inbox_id=contact_inbox.inbox_id,
        conversation_id=None,
        event=event,
        source=payloads.widget_source(event, contact_inbox.pk, event_info),
        bot_event=event,
    )


def typing_was_changed(
    sender: type,
    conversation: Conversation,
    actor: User | Contact,
    is_typing: bool,
    is_private: bool,
    **kwargs: Any,
) -> None:
    event = "conversation_typing_on" if is_typing else "conversation_typing_off"
    dispatch(
        account_id=conversation.account_id,
        inbox_id=conversation.inbox_id,
        conversation_id=conversation.pk,
        event=event,
        source=payloads.typing_source(event, conversation.pk, actor, is_private),
        private=is_private,
    )


def event_was_recorded(sender: type, *, event_id: int, **kwargs: Any) -> None:
    tasks.expand.enqueue(event_id=event_id)


def deliveries_became_due(
    sender: type,
    *,
    delivery_ids: list[int],
    run_after: datetime | None,
    **kwargs: Any,
) -> None:
    job = (
        tasks.deliver if run_after is None else tasks.deliver.using(run_after=run_after)
    )
    for delivery_id in delivery_ids:
        job.enqueue(delivery_id=delivery_id)


def webhook_changed(sender: type, instance: Webhook, **kwargs: Any) -> None:
    selectors.forget_listeners(instance.account_id)


def bot_link_changed(sender: type, instance: AgentBotInbox, **kwargs: Any) -> None:
    selectors.forget_bot(instance.inbox_id)


def bot_changed(sender: type, instance: AgentBot, **kwargs: Any) -> None:
    for inbox_id in AgentBotInbox.objects.filter(agent_bot_id=instance.pk).values_list(
        "inbox_id", flat=True
    ):
        selectors.forget_bot(inbox_id)


def connect() -> None:
    """Connect the receivers (idempotent: registered by uid)."""
    conversation_created.connect(conversation_was_created, dispatch_uid="wh-conv-new")
    conversation_changed.connect(conversation_was_changed, dispatch_uid="wh-conv-upd")
    message_created.connect(message_was_created, dispatch_uid="wh-msg-new")
    message_updated.connect(message_was_updated, dispatch_uid="wh-msg-upd")
    contact_created.connect(contact_was_created, dispatch_uid="wh-contact-new")
    contact_updated.connect(contact_was_updated, dispatch_uid="wh-contact-upd")
    typing_changed.connect(typing_was_changed, dispatch_uid="wh-typing")
    webwidget_triggered.connect(widget_was_triggered, dispatch_uid="wh-widget")
    signals.event_recorded.connect(event_was_recorded, dispatch_uid="wh-recorded")
    signals.deliveries_due.connect(deliveries_became_due, dispatch_uid="wh-due")
    for signal in (post_save, post_delete):
        signal.connect(webhook_changed, sender=Webhook, dispatch_uid=f"wh-{signal}-w")
        signal.connect(
            bot_link_changed, sender=AgentBotInbox, dispatch_uid=f"wh-{signal}-l"
        )
        signal.connect(bot_changed, sender=AgentBot, dispatch_uid=f"wh-{signal}-b")
