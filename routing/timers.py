"""Routing's timed work: reassigning a conversation its agent left
unanswered, telling a visitor queued too long, and setting agents gone from
the dashboard offline.

A job (``routing/tasks.py``) is enqueued by ``routing/receivers.py`` on the
signal of the change that makes it due, in that change's transaction: the
job row commits with the change, survives restarts, and is claimed by one
worker. Each job's function re-checks the
state under a row lock and does nothing when it moved on, so there is no job
to cancel: an agent's reply turns the pending reassignment into a no-op.
"""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import AccountUser
from conversations import lines
from conversations.models import Conversation, Message
from conversations.services import (
    account_locale,
    assign_agent,
    create_message,
    record_activity,
)
from routing import selectors, services, signals

### Reassignment when the assignee does not reply


def reassign_unanswered(
    *, conversation_id: int, assignee_id: int, since: datetime
) -> Conversation | None:
    """Move an open conversation from ``assignee_id`` when the visitor has
    waited for an answer since ``since`` or earlier: to another online member
    with room, or back to the queue (keeping the visitor's wait) when the
    assignee is no longer online. An assignee still online with nobody else
    having room keeps it, checked again after the same delay. None when
    nothing moved: answered, closed, reassigned already, or the inbox stopped
    reassigning.

    Publishes ``message.created`` (the activity line) and what
    ``assign_agent`` and the queue publish.
    """
    found = Conversation.objects.filter(pk=conversation_id).values("account_id")
    if not found:
        return None
    with transaction.atomic():
        services.lock_account(found[0]["account_id"])
        conversation = (
            Conversation.objects.select_for_update(of=("self",))
            .select_related("inbox", "assignee", "contact", "contact_inbox")
            .get(pk=conversation_id)
        )
        minutes = selectors.inbox_minutes(conversation.inbox, "reassign_after_minutes")
        if (
            minutes is None
            or conversation.status != Conversation.Status.OPEN
            or conversation.assignee_id != assignee_id
        ):
            return None
        waiting_since = selectors.unanswered_since(conversation)
        if waiting_since is None or waiting_since > since:
            # Answered; a later unanswered message has a job of its own.
            return None
        roster = selectors.assignment_roster(account_id=conversation.account_id)
        if conversation.inbox_id not in roster.inbox_limits:
            return None
        seat = roster.pick(
            inbox_id=conversation.inbox_id,
            team_id=conversation.team_id,
            passing_over=assignee_id,
        )
        if seat is None and roster.is_online(assignee_id):
            signals.reply_awaited.send(
                sender=Conversation, conversation=conversation, since=timezone.now()
            )
            return None
        record_activity(
            conversation=conversation,
            kind="assignee.no_reply",
            params={"name": conversation.assignee.available_name, "minutes": minutes},
        )
        if seat is not None:
            return services.hand_off(conversation=conversation, seat=seat)
        conversation = assign_agent(conversation=conversation, assignee=None)
        services.start_waiting(conversation=conversation, since=waiting_since)
        return conversation


### Queue timeout


def tell_long_wait(*, conversation_id: int, waiting_since: datetime) -> Message | None:
    """Send a visitor still queued since ``waiting_since`` the inbox's queue
    timeout message (OneChat's ``queue.timeout`` line when the inbox has no
    words of its own), once per conversation. The conversation keeps its place
    in the queue. None when it no longer waits there, the inbox stopped timing
    its queue, or it was sent already.

    Publishes ``message.created``.
    """
    with transaction.atomic():
        conversation = (
            Conversation.objects.select_for_update(of=("self",))
            .select_related("inbox")
            .filter(
                pk=conversation_id,
                status=Conversation.Status.OPEN,
                assignee__isnull=True,
                waiting_since=waiting_since,
            )
            .first()
        )
        if conversation is None or (
            selectors.inbox_minutes(conversation.inbox, "queue_timeout_minutes") is None
        ):
            return None
        if conversation.messages.filter(
            content_attributes__queue_timeout=True
        ).exists():
            return None
        attributes: dict = {"queue_timeout": True}
        content = selectors.queue_timeout_message(conversation.inbox)
        if not content:
            # The inbox times its queue without words of its own: a visitor
            # waiting that long is still told, in OneChat's words.
            content, line = lines.written(
                kind="queue.timeout",
                params={},
                locale=account_locale(conversation),
            )
            attributes |= line
        return create_message(
            conversation=conversation,
            message_type=Message.MessageType.TEMPLATE,
            content=content,
            content_attributes=attributes,
        )


### Auto-offline


def note_agent_seen(*, account_id: int, user_id: int) -> None:
    """Record that a dashboard socket of the agent is open now."""
    AccountUser.objects.filter(account_id=account_id, user_id=user_id).update(
        last_seen_at=timezone.now()
    )


def note_agent_left(*, account_id: int, user_id: int) -> None:
    """Record that a dashboard socket of the agent closed now, and check after
    ``ONECHAT_AUTO_OFFLINE_SECONDS`` whether any socket of theirs was seen
    since (no check when that setting is 0)."""
    seconds = settings.ONECHAT_AUTO_OFFLINE_SECONDS
    now = timezone.now()
    with transaction.atomic():
        left = AccountUser.objects.filter(
            account_id=account_id, user_id=user_id
        ).update(last_seen_at=now)
        if left and seconds:
            signals.agent_left.send(
                sender=AccountUser, account_id=account_id, user_id=user_id, left_at=now
            )


def take_offline_when_away(
    *, account_id: int, user_id: int, left_at: datetime
) -> AccountUser | None:
    """Set the agent offline when no dashboard socket of theirs was seen since
    ``left_at`` and they keep auto-offline on; None when nothing changed.

    Publishes ``agent.unavailable`` and ``presence.update``.
    """
    with transaction.atomic():
        membership = (
            AccountUser.objects.select_for_update()
            .select_related("user", "account")
            .filter(
                account_id=account_id,
                user_id=user_id,
                auto_offline=True,
                last_seen_at__lte=left_at,
            )
            .exclude(availability=AccountUser.Availability.OFFLINE)
            .first()
        )
        if membership is None:
            return None
        membership.availability = AccountUser.Availability.OFFLINE
        membership.save(update_fields=["availability"])
        signals.agent_went_offline.send(sender=AccountUser, membership=membership)
        return membership
