"""Where notification jobs are enqueued: in the transaction of the change
that makes them due (an assignment, a mention, a message, a wait, a snooze,
the first notification for an email), so a job commits with its change and
none exists without it. The jobs create the notifications; the request or
the chat path only writes a job row, and only when someone may be told.
Connected in ``NotificationsConfig.ready()``.
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from conversations.models import Conversation, Message
from conversations.signals import (
    conversation_assigned,
    conversation_mentioned,
    message_created,
)
from notifications import rules, signals, tasks
from notifications.models import Notification
from routing import signals as routing_signals
from routing.selectors import inbox_minutes

# The inbox setting (``auto_assignment_config``) after which a conversation
# still queued is told to its readers; off when unset.
WAITING_SETTING = "notify_waiting_after_minutes"


def conversation_was_assigned(
    sender: type,
    *,
    conversation: Conversation,
    assignee: User,
    actor: User | None,
    **kwargs: Any,
) -> None:
    if actor is not None and actor.pk == assignee.pk:
        return
    tasks.notify_assignment.enqueue(
        conversation_id=conversation.pk,
        assignee_id=assignee.pk,
        actor_id=actor.pk if actor else None,
    )


def user_was_mentioned(
    sender: type, *, user: User, message: Message, **kwargs: Any
) -> None:
    if user.pk != message.sender_user_id:
        tasks.notify_mention.enqueue(message_id=message.pk, user_id=user.pk)


def message_was_created(sender: type, *, message: Message, **kwargs: Any) -> None:
    if rules.may_interest_someone(message):
        tasks.notify_new_message.enqueue(message_id=message.pk)


def waiting_started(
    sender: type, *, conversation: Conversation, since: datetime, **kwargs: Any
) -> None:
    minutes = inbox_minutes(conversation.inbox, WAITING_SETTING)
    if minutes is not None:
        due = since + timedelta(minutes=minutes)
        tasks.notify_waiting.using(run_after=due).enqueue(
            conversation_id=conversation.pk, waiting_since=since.isoformat()
        )


def notification_was_snoozed(
    sender: type, *, notification: Notification, **kwargs: Any
) -> None:
    until = notification.snoozed_until
    tasks.wake_notification.using(run_after=until).enqueue(
        notification_id=notification.pk, snoozed_until=until.isoformat()
    )


def digest_became_due(sender: type, *, user_id: int, **kwargs: Any) -> None:
    delay = timedelta(seconds=settings.ONECHAT_NOTIFICATION_EMAIL_DELAY_SECONDS)
    tasks.send_digest.using(run_after=timezone.now() + delay).enqueue(user_id=user_id)


def connect() -> None:
    """Connect the receivers (idempotent: registered by uid)."""
    conversation_assigned.connect(conversation_was_assigned, dispatch_uid="nt-assign")
    conversation_mentioned.connect(user_was_mentioned, dispatch_uid="nt-mention")
    message_created.connect(message_was_created, dispatch_uid="nt-message")
    routing_signals.waiting_started.connect(waiting_started, dispatch_uid="nt-wait")
    signals.notification_snoozed.connect(
        notification_was_snoozed, dispatch_uid="nt-snooze"
    )
    signals.digest_due.connect(digest_became_due, dispatch_uid="nt-digest")
