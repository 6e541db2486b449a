"""Writing notifications: creating them for the users a change concerns, and
what a user does with their own (read, unread, snooze, delete, settings).

Each write sends the signal of what it did: ``realtime/receivers.py``
publishes ``notification.created``, ``notification.updated`` or
``notification.deleted`` to the user's own stream, and
``notifications/receivers.py`` enqueues the snooze's wake-up and the email
digest in the same transaction.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from conversations.models import Conversation, Message
from notifications import selectors, signals
from notifications.models import Channel, Kind, Notification, NotificationSetting

# Kinds that say "something new here": one notification per conversation,
# brought back to the top (and unread) by each new message.
RECURRING = frozenset(
    {
        Kind.ASSIGNED_CONVERSATION_NEW_MESSAGE,
        Kind.PARTICIPATING_CONVERSATION_NEW_MESSAGE,
    }
)


@dataclass(frozen=True)
class RemovedNotification:
    """A notification just deleted: whose it was, for its event."""

    id: int
    account_id: int
    user_id: int


### Creating


def notify(
    *,
    kind: str,
    conversation: Conversation,
    user_ids: Iterable[int],
    actor_id: int | None = None,
    message: Message | None = None,
    secondary_user: User | None = None,
) -> list[Notification]:
    """Notify each of ``user_ids`` who may read the conversation, wants
    ``kind`` in the dashboard, and is not ``actor_id`` (nobody is notified of
    their own doing). A recurring kind moves the user's notification of the
    conversation instead of adding one.

    Publishes ``notification.created`` or ``notification.updated`` for each.
    """
    wanted = {user_id for user_id in user_ids if user_id != actor_id}
    readers = selectors.notifiable_readers(conversation=conversation, user_ids=wanted)
    chosen = selectors.settings_of(
        account_id=conversation.account_id, user_ids=[user.pk for user in readers]
    )
    written = []
    with transaction.atomic():
        for user in readers:
            setting = chosen[user.pk]
            if not setting.wants(kind, Channel.IN_APP):
                continue
            written.append(
                _write(
                    kind=kind,
                    conversation=conversation,
                    user=user,
                    setting=setting,
                    message=message,
                    secondary_user=secondary_user,
                )
            )
    return written


def _write(
    *,
    kind: str,
    conversation: Conversation,
    user: User,
    setting: NotificationSetting,
    message: Message | None,
    secondary_user: User | None,
) -> Notification:
    existing = None
    if kind in RECURRING:
        existing = (
            Notification.objects.select_for_update()
            .filter(user=user, conversation=conversation, notification_type=kind)
            .first()
        )
    notification = existing or Notification(
        account_id=conversation.account_id,
        user=user,
        conversation=conversation,
        notification_type=kind,
    )
    was_pending = notification.email_due and notification.emailed_at is None
    notification.secondary_message = message
    notification.secondary_user = secondary_user
    notification.read_at = None
    notification.snoozed_until = None
    notification.last_activity_at = timezone.now()
    emailed = setting.wants(kind, Channel.EMAIL)
    if emailed and not was_pending:
        notification.email_due, notification.emailed_at = True, None
    notification.save()
    if emailed and not was_pending:
        others = selectors.pending_digest(user_id=user.pk).exclude(pk=notification.pk)
        if not others.exists():
            signals.digest_due.send(sender=Notification, user_id=user.pk)
    told = signals.notification_created if existing is None else None
    (told or signals.notification_updated).send(
        sender=Notification, notification=notification
    )
    return notification


### A user's own notifications


def _save(notification: Notification, fields: list[str]) -> Notification:
    with transaction.atomic():
        notification.save(update_fields=fields)
        signals.notification_updated.send(
            sender=Notification, notification=notification
        )
    return notification


def mark_read(*, notification: Notification) -> Notification:
    """Mark the notification read. Publishes ``notification.updated``."""
    notification.read_at = timezone.now()
    return _save(notification, ["read_at"])


def mark_unread(*, notification: Notification) -> Notification:
    """Mark the notification unread. Publishes ``notification.updated``."""
    notification.read_at = None
    return _save(notification, ["read_at"])


def snooze(*, notification: Notification, until: datetime) -> Notification:
    """Hide the notification until ``until``, when a job brings it back
    unread. Publishes ``notification.updated``."""
    with transaction.atomic():
        notification.snoozed_until = until
        notification.meta = {**notification.meta, "last_snoozed_at": None}
        _save(notification, ["snoozed_until", "meta"])
        signals.notification_snoozed.send(
            sender=Notification, notification=notification
        )
    return notification


def wake(*, notification_id: int, snoozed_until: datetime) -> Notification | None:
    """Bring back a notification snoozed until ``snoozed_until``, unread and
    on top; None when it was deleted or snoozed again meanwhile. Publishes
    ``notification.updated``."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .filter(pk=notification_id, snoozed_until=snoozed_until)
            .first()
        )
        if notification is None:
            return None
        notification.snoozed_until = None
        notification.read_at = None
        notification.last_activity_at = timezone.now()
        notification.meta = {
            **notification.meta,
            "last_snoozed_at": snoozed_until.isoformat(),
        }
        return _save(
            notification, ["snoozed_until", "read_at", "last_activity_at", "meta"]
        )


def delete_notification(*, notification: Notification) -> None:
    """Delete the notification. Publishes ``notification.deleted``."""
    removed = RemovedNotification(
        id=notification.pk,
        account_id=notification.account_id,
        user_id=notification.user_id,
    )
    with transaction.atomic():
        notification.delete()
        signals.notification_deleted.send(sender=Notification, removed=removed)


def read_all(*, user_id: int, account_id: int, display_id: int | None = None) -> int:
    """Mark all the user's notifications in the account read (those of the
    conversation ``display_id`` only, if given); how many were unread.
    Publishes nothing: the client that asked redraws its list."""
    found = Notification.objects.filter(
        user_id=user_id, account_id=account_id, read_at__isnull=True
    )
    if display_id is not None:
        found = found.filter(conversation__display_id=display_id)
    return found.update(read_at=timezone.now())


def destroy_all(*, user_id: int, account_id: int, only_read: bool = False) -> int:
    """Delete the user's notifications in the account (only the read ones with
    ``only_read``); how many. Publishes nothing, as ``read_all``."""
    found = Notification.objects.filter(user_id=user_id, account_id=account_id)
    if only_read:
        found = found.filter(read_at__isnull=False)
    deleted, _ = found.delete()
    return deleted


### Settings


def update_settings(
    *, user_id: int, account_id: int, channels: dict[str, list[str]]
) -> NotificationSetting:
    """Set the kinds each of ``channels`` carries for the user in the account
    (channels left out keep theirs)."""
    with transaction.atomic():
        setting, _ = NotificationSetting.objects.select_for_update().get_or_create(
            user_id=user_id, account_id=account_id
        )
        for channel, kinds in channels.items():
            setting.channels[str(channel)] = [
                kind for kind in Kind.values if kind in kinds
            ]
        setting.save(update_fields=["channels"])
    return setting
