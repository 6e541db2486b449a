"""Where automation jobs are enqueued: in the transaction of the conversation
or message change that is the rule's event, so the job commits with it, and
only when the account has an active rule of that event (cached, so a
change costs no query for it). Changes made by a
rule's own actions enqueue nothing (``automation.context``), so a rule never
starts itself again. Connected in ``AutomationConfig.ready()``."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from automation import selectors, tasks
from automation.context import is_automated
from automation.models import AutomationRule
from conversations.models import Conversation, Message
from conversations.signals import (
    conversation_changed,
    conversation_created,
    message_created,
)

Event = AutomationRule.Event
# Saves that are a change of the conversation for Chatwoot's
# ``conversation_updated``; seen markers, activity times and the queue's
# bookkeeping are not. A save of ``updated_at`` alone is a label change.
UPDATING_FIELDS = {
    "status",
    "priority",
    "assignee",
    "team",
    "snoozed_until",
    "custom_attributes",
    "additional_attributes",
}


def _enqueue(
    event_name: str, conversation: Conversation, message_id: int | None = None
) -> None:
    if is_automated():
        return
    if event_name not in selectors.events_with_rules(
        account_id=conversation.account_id
    ):
        return
    tasks.run_rules.enqueue(
        event_name=event_name, conversation_id=conversation.pk, message_id=message_id
    )


def conversation_was_created(
    sender: type, *, conversation: Conversation, **kwargs: Any
) -> None:
    _enqueue(Event.CONVERSATION_CREATED, conversation)


def conversation_was_changed(
    sender: type,
    *,
    conversation: Conversation,
    changes: dict,
    fields: tuple[str, ...] | None,
    **kwargs: Any,
) -> None:
    if (
        fields is None
        or UPDATING_FIELDS & set(fields)
        or tuple(fields) == ("updated_at",)
    ):
        _enqueue(Event.CONVERSATION_UPDATED, conversation)
    status = changes.get("status")
    if status and status[1] == Conversation.Status.OPEN:
        _enqueue(Event.CONVERSATION_OPENED, conversation)


def message_was_created(sender: type, *, message: Message, **kwargs: Any) -> None:
    # Activity lines are OneChat's own record of changes, not messages.
    if message.message_type != Message.MessageType.ACTIVITY:
        _enqueue(Event.MESSAGE_CREATED, message.conversation, message.pk)


def rules_changed(sender: type, *, instance: AutomationRule, **kwargs: Any) -> None:
    # Forgotten now and again on commit: a read between the two, by another
    # process, may have cached the rules as they were before the commit.
    account_id = instance.account_id
    selectors.forget_events_with_rules(account_id=account_id)
    transaction.on_commit(
        lambda: selectors.forget_events_with_rules(account_id=account_id)
    )


def connect() -> None:
    """Connect the receivers (idempotent: registered by uid)."""
    conversation_created.connect(conversation_was_created, dispatch_uid="au-created")
    conversation_changed.connect(conversation_was_changed, dispatch_uid="au-changed")
    message_created.connect(message_was_created, dispatch_uid="au-message")
    post_save.connect(rules_changed, sender=AutomationRule, dispatch_uid="au-saved")
    post_delete.connect(rules_changed, sender=AutomationRule, dispatch_uid="au-gone")
