"""The email digest of a user's notifications: one mail of all still unread,
not yet emailed, in the user's language, a few minutes after the first."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from accounts.models import User
from notifications import selectors
from notifications.models import Notification
from notifications.serializers import body_of, title_of


def conversation_link(notification: Notification) -> str:
    """The dashboard's page of the notification's conversation."""
    path = reverse(
        "dashboard-conversation",
        args=[notification.account_id, notification.conversation.display_id],
    )
    return settings.FRONTEND_URL + path


def send_digest(*, user_id: int) -> int:
    """Email the user, in their language, the notifications waiting for a
    digest that are still unread and not snoozed; those read meanwhile are
    dropped from it. Every waiting notification counts as handled after.
    How many the mail listed (0: none sent)."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return 0
    now = timezone.now()
    with transaction.atomic():
        waiting = list(
            selectors.pending_digest(user_id=user_id)
            .select_for_update(of=("self",))
            .select_related(*selectors.RELATIONS)
            .order_by("last_activity_at", "pk")
        )
        if not waiting:
            return 0
        Notification.objects.filter(pk__in=[row.pk for row in waiting]).update(
            emailed_at=now
        )
        unread = [
            row
            for row in waiting
            if row.read_at is None
            and (row.snoozed_until is None or row.snoozed_until <= now)
        ]
        if unread:
            _mail(user, unread)
    return len(unread)


def _mail(user: User, notifications: list[Notification]) -> None:
    with translation.override(user.locale or settings.LANGUAGE_CODE):
        items = [
            {
                # One line each: free text goes into a plain-text list too.
                "title": title_of(row),
                "body": " ".join(body_of(row).split()),
                "link": conversation_link(row),
            }
            for row in notifications
        ]
        count = len(items)
        subject = ngettext(
            "%(count)d new notification on OneChat",
            "%(count)d new notifications on OneChat",
            count,
        ) % {"count": count}
        context = {"name": user.available_name, "items": items, "count": count}
        text = render_to_string("notifications/email/digest.txt", context)
        html = render_to_string(
            "notifications/email/digest.html",
            {**context, "LANGUAGE_CODE": translation.get_language()},
        )
    email = EmailMultiAlternatives(subject, text, to=[user.email])
    email.attach_alternative(html, "text/html")
    email.send()
