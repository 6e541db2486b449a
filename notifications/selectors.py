"""Reads of notifications: a user's own in one account, counts, settings, and
who may be notified about a conversation."""

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from conversations.models import Conversation
from conversations.selectors import conversation_readers
from notifications.models import Notification, NotificationSetting

# What the list, the payloads and the email read of each notification.
RELATIONS = (
    "user",
    "secondary_user",
    "secondary_message__sender_user",
    "secondary_message__sender_contact",
    "conversation__contact",
    "conversation__contact_inbox",
    "conversation__inbox",
    "conversation__assignee",
    "conversation__team",
)
# The people the payloads show, with the availability ``UserSerializer`` reads.
PEOPLE = (
    "user__memberships",
    "secondary_user__memberships",
    "secondary_message__sender_user__memberships",
    "conversation__assignee__memberships",
)


def _not_snoozed() -> Q:
    return Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=timezone.now())


def user_notifications(
    *, user_id: int, account_id: int, include_snoozed: bool = False
) -> QuerySet[Notification]:
    """The user's own notifications in the account, newest activity first;
    those snoozed now only with ``include_snoozed``."""
    found = Notification.objects.filter(user_id=user_id, account_id=account_id)
    if not include_snoozed:
        found = found.filter(_not_snoozed())
    return found.select_related(*RELATIONS).prefetch_related(*PEOPLE)


def counts(*, user_id: int, account_id: int) -> dict[str, int]:
    """``unread_count`` and ``count`` of the notifications the list shows."""
    return Notification.objects.filter(
        _not_snoozed(), user_id=user_id, account_id=account_id
    ).aggregate(
        unread_count=Count("pk", filter=Q(read_at__isnull=True)), count=Count("pk")
    )


def get_notification(
    *, user_id: int, account_id: int, notification_id: int
) -> Notification:
    """One of the user's notifications in the account; 404 for anyone else's."""
    found = (
        user_notifications(user_id=user_id, account_id=account_id, include_snoozed=True)
        .filter(pk=notification_id)
        .first()
    )
    if found is None:
        raise Http404("Notification not found")
    return found


def settings_for(*, user_id: int, account_id: int) -> NotificationSetting:
    """The user's notification settings in the account (the defaults, unsaved,
    until they change them)."""
    found = NotificationSetting.objects.filter(
        user_id=user_id, account_id=account_id
    ).first()
    return found or NotificationSetting(user_id=user_id, account_id=account_id)


def settings_of(
    *, account_id: int, user_ids: Iterable[int]
) -> dict[int, NotificationSetting]:
    """Each user's settings in the account, the defaults for those with none."""
    ids = list(user_ids)
    saved = {
        setting.user_id: setting
        for setting in NotificationSetting.objects.filter(
            account_id=account_id, user_id__in=ids
        )
    }
    return {
        user_id: saved.get(user_id)
        or NotificationSetting(user_id=user_id, account_id=account_id)
        for user_id in ids
    }


def notifiable_readers(
    *, conversation: Conversation, user_ids: Iterable[int]
) -> list[User]:
    """Those of ``user_ids`` who may read the conversation now: nobody hears
    of a conversation they cannot open."""
    ids = set(user_ids)
    if not ids:
        return []
    return list(
        conversation_readers(conversation=conversation)
        .filter(pk__in=ids)
        .order_by("pk")
    )


def pending_digest(*, user_id: int) -> QuerySet[Notification]:
    """The user's notifications waiting for an email digest, in every account."""
    return Notification.objects.filter(
        user_id=user_id, email_due=True, emailed_at__isnull=True
    )
