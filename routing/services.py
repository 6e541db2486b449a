"""Auto-assignment with capacity, and the queue.

A new or reopened conversation goes to an online member of its inbox with room
(fewest open conversations, then idle longest), or waits in the inbox's queue.
The queue drains, longest wait first, whenever capacity frees. Every decision
runs under the account's row lock: two processes never both count an agent's
load before either assigns, so no agent goes over their limit and no
conversation is assigned twice (SQLite serialises writers anyway).

The events follow from the writes through ``realtime/receivers.py``:
``conversation.queued`` when a conversation starts waiting, ``assignee.changed``
and ``conversation.dequeued`` when it is handed to an agent.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import Account, AccountUser, User
from conversations.models import Conversation, Message
from conversations.services import (
    assign_agent,
    create_message,
    record_activity,
    save_conversation,
)
from routing import hours, selectors
from routing.selectors import Roster, Seat
from routing.signals import waiting_started

# Waiting conversations locked and tried per round while draining.
DRAIN_BATCH = 50


def lock_account(account_id: int) -> None:
    """Take the account's row lock, under which every routing decision runs."""
    list(Account.objects.select_for_update().filter(pk=account_id).values("pk"))


def route_conversation(*, conversation: Conversation) -> Conversation:
    """Give an open, unassigned conversation to an agent with room, or queue it.

    Nothing happens in an inbox without auto-assignment, or for a conversation
    of a team that does not allow it. Publishes ``assignee.changed`` (with the
    activity line's ``message.created``) or ``conversation.queued``.
    """
    with transaction.atomic():
        lock_account(conversation.account_id)
        conversation = (
            Conversation.objects.select_for_update(of=("self",))
            .select_related("inbox", "contact", "contact_inbox")
            .get(pk=conversation.pk)
        )
        if (
            conversation.status != Conversation.Status.OPEN
            or conversation.assignee_id is not None
        ):
            return conversation
        roster = selectors.assignment_roster(account_id=conversation.account_id)
        if conversation.inbox_id not in roster.inbox_limits:
            return conversation
        if conversation.team_id is not None and (
            conversation.team_id not in roster.auto_assign_teams
        ):
            return conversation
        ahead = (
            selectors.waiting(inbox_ids=[conversation.inbox_id])
            .exclude(pk=conversation.pk)
            .exists()
        )
        seat = None if ahead else _pick(roster, conversation)
        if seat is not None:
            return hand_off(conversation=conversation, seat=seat)
        if conversation.waiting_since is None:
            start_waiting(conversation=conversation, since=timezone.now())
        if ahead:
            _drain(roster)
        return conversation


def start_waiting(*, conversation: Conversation, since: datetime) -> None:
    """Put the conversation in its inbox's queue, waiting since ``since``,
    with the inbox's queue timeout scheduled (in this transaction: the job
    commits with the wait). Publishes ``conversation.queued``."""
    conversation.waiting_since = since
    save_conversation(conversation=conversation, fields=["waiting_since"])
    waiting_started.send(sender=Conversation, conversation=conversation, since=since)


def drain_queue(*, account_id: int) -> int:
    """Hand waiting conversations of the account to agents with room, longest
    wait first, until nobody has room or nobody waits; how many were handed.

    Publishes ``assignee.changed`` and ``conversation.dequeued`` for each.
    """
    with transaction.atomic():
        lock_account(account_id)
        # Checked under the lock, so a conversation queued meanwhile is seen.
        # Without anyone waiting, reading the whole roster (every agent's
        # load) is skipped: capacity changes often, queues are mostly empty.
        if not selectors.anyone_waiting(account_id=account_id):
            return 0
        return _drain(selectors.assignment_roster(account_id=account_id))


def _drain(roster: Roster) -> int:
    handed = 0
    while inboxes := roster.inboxes_with_room():
        # Rows another transaction holds are skipped: that transaction routes
        # its conversation itself once it has the account's lock.
        batch = list(
            selectors.waiting(inbox_ids=inboxes)
            .select_for_update(of=("self",), skip_locked=True)
            .select_related("inbox", "contact", "contact_inbox")[:DRAIN_BATCH]
        )
        handed_before = handed
        for conversation in batch:
            seat = _pick(roster, conversation)
            if seat is not None:
                hand_off(conversation=conversation, seat=seat)
                handed += 1
        if handed == handed_before or len(batch) < DRAIN_BATCH:
            break
    return handed


def _pick(roster: Roster, conversation: Conversation) -> Seat | None:
    return roster.pick(
        inbox_id=conversation.inbox_id,
        team_id=conversation.team_id,
        passing_over=conversation.left_by_id,
    )


def pass_on(*, conversation: Conversation, leaving: User) -> Conversation:
    """The assignee leaves the conversation: a line both sides see, then it
    goes to another online member with room, or back to the queue (keeping the
    visitor's wait) where the inbox auto-assigns, or stays unassigned. Routing
    never gives it back to the agent who left. Nothing happens when ``leaving``
    is no longer the assignee.

    Publishes ``message.created`` (the activity lines), ``assignee.changed``,
    and ``conversation.queued`` when it waits.
    """
    with transaction.atomic():
        lock_account(conversation.account_id)
        conversation = (
            Conversation.objects.select_for_update(of=("self",))
            .select_related("inbox", "contact", "contact_inbox")
            .get(pk=conversation.pk)
        )
        if conversation.assignee_id != leaving.pk:
            return conversation
        record_activity(
            conversation=conversation,
            kind="participant.left",
            params={"name": leaving.available_name},
            visible_to_contact=True,
        )
        conversation.left_by = leaving
        save_conversation(conversation=conversation, fields=["left_by"])
        roster = selectors.assignment_roster(account_id=conversation.account_id)
        is_open = conversation.status == Conversation.Status.OPEN
        seat = _pick(roster, conversation) if is_open else None
        if seat is not None:
            return hand_off(conversation=conversation, seat=seat)
        conversation = assign_agent(conversation=conversation, assignee=None)
        if is_open and conversation.inbox_id in roster.inbox_limits:
            since = selectors.unanswered_since(conversation) or timezone.now()
            start_waiting(conversation=conversation, since=since)
        return conversation


def hand_off(*, conversation: Conversation, seat: Seat) -> Conversation:
    """Give the conversation to the seat's agent (under the account's lock),
    noting the wait it ends in the inbox's queue statistics."""
    now = timezone.now()
    if conversation.waiting_since is not None:
        stats = selectors.queue_stats(inbox_id=conversation.inbox_id)
        stats.record_handoff(waiting_since=conversation.waiting_since, at=now)
        stats.save()
    AccountUser.objects.filter(
        account_id=conversation.account_id, user_id=seat.user.pk
    ).update(last_assigned_at=now)
    seat.load += 1
    seat.last_assigned_at = now
    return assign_agent(conversation=conversation, assignee=seat.user)


def reply_when_away(*, conversation: Conversation) -> Message | None:
    """Answer a visitor's message outside the inbox's business hours with its
    out-of-office message, once per conversation; None when open, when there
    is no message to send, or when it was sent already.

    Publishes ``message.created``.
    """
    inbox = conversation.inbox
    if (
        not inbox.working_hours_enabled
        or not inbox.out_of_office_message
        or hours.is_open(inbox, timezone.now())
    ):
        return None
    with transaction.atomic():
        conversation = (
            Conversation.objects.select_for_update().filter(pk=conversation.pk).get()
        )
        if conversation.messages.filter(
            content_attributes__out_of_office=True
        ).exists():
            return None
        return create_message(
            conversation=conversation,
            message_type=Message.MessageType.TEMPLATE,
            content=inbox.out_of_office_message,
            content_attributes={"out_of_office": True},
        )
