"""Delivery state of messages (``Message.status``): sent, delivered, read, failed.

- Agent to contact (outgoing and template messages, never private notes):
  ``delivered`` once a frame carrying the message reached a socket of the
  conversation's contact, ``read`` once the contact's last-seen moved past it.
- Contact to agents (incoming messages): ``delivered`` once it reached a
  socket of an agent of the account, ``read`` once an agent's last-seen of the
  conversation moved past it.
- ``failed``, with the reason in ``content_attributes.external_error``, when
  the server could not complete the message (an attachment it could not store).

A state only moves forward (sent, delivered, read; failed stays): each change
is one conditional UPDATE naming the states it may move from, so concurrent
marks never undo each other. Activity lines and private notes are never
marked. The UPDATEs publish nothing themselves: ``schedule_push`` enqueues one
job per conversation at most every ``PUSH_SECONDS`` (``push_changes``), which
publishes ``message.updated`` for the messages whose state changed.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from common.commit import after_commit
from conversations.models import Message
from conversations.signals import message_statuses_changed, message_statuses_push_due

# At most one batch of message.updated per conversation in this many seconds.
PUSH_SECONDS = 1
# The most messages one batch pushes (the newest); clients reload the rest.
PUSH_LIMIT = 200
# Deliveries recorded in one statement.
RECORD_CHUNK = 200

TO_CONTACT = (Message.MessageType.OUTGOING, Message.MessageType.TEMPLATE)
TO_AGENTS = (Message.MessageType.INCOMING,)
# The states each mark may move a message from.
BEFORE_DELIVERED = (Message.Status.SENT,)
BEFORE_READ = (Message.Status.SENT, Message.Status.DELIVERED)


@dataclass(frozen=True)
class Delivered:
    """Messages of one direction of a conversation, up to ``up_to``, reached
    a socket of their recipient side."""

    account_id: int
    conversation_id: int
    to_contact: bool
    up_to: int


def _tracked(
    *, account_id: int, conversation_id: int, to_contact: bool
) -> QuerySet[Message]:
    """The messages of one direction of a conversation that carry a state."""
    return Message.objects.filter(
        account_id=account_id,
        conversation_id=conversation_id,
        message_type__in=TO_CONTACT if to_contact else TO_AGENTS,
        private=False,
    )


def record_deliveries(deliveries: list[Delivered]) -> None:
    """Mark ``sent`` messages delivered, each batch of ``deliveries`` up to its
    message id, and schedule the push of every conversation that changed.

    One read and one write for all of them: the sync thread these run on
    serves HTTP requests too.
    """
    for start in range(0, len(deliveries), RECORD_CHUNK):
        _record(deliveries[start : start + RECORD_CHUNK])


def _record(deliveries: list[Delivered]) -> None:
    reached = Q()
    for delivered in deliveries:
        reached |= Q(
            account_id=delivered.account_id,
            conversation_id=delivered.conversation_id,
            message_type__in=TO_CONTACT if delivered.to_contact else TO_AGENTS,
            pk__lte=delivered.up_to,
        )
    with transaction.atomic():
        found = list(
            Message.objects.filter(
                reached, private=False, status__in=BEFORE_DELIVERED
            ).values_list("pk", "conversation_id")
        )
        if not found:
            return
        Message.objects.filter(
            pk__in=[pk for pk, _ in found], status__in=BEFORE_DELIVERED
        ).update(status=Message.Status.DELIVERED, updated_at=timezone.now())
        for conversation_id in sorted(
            {conversation_id for _, conversation_id in found}
        ):
            schedule_push(conversation_id=conversation_id)


def mark_read(
    *, account_id: int, conversation_id: int, by_contact: bool, seen_at: datetime
) -> int:
    """Mark read what the reader's side was sent up to ``seen_at``: the agents'
    messages when the contact read (``by_contact``), else the contact's. Call
    inside the transaction that moves the last-seen time. Returns how many
    messages changed."""
    changed = (
        _tracked(
            account_id=account_id,
            conversation_id=conversation_id,
            to_contact=by_contact,
        )
        .filter(created_at__lte=seen_at, status__in=BEFORE_READ)
        .update(status=Message.Status.READ, updated_at=seen_at, seen_at=seen_at)
    )
    if changed:
        schedule_push(conversation_id=conversation_id)
    return changed


def mark_failed(*, message: Message, reason: str) -> None:
    """Mark a message being created failed, with ``reason`` in
    ``content_attributes.external_error``. Call before its ``message.created``
    is encoded (inside ``create_message``'s transaction): that event carries
    the state, and no other is published."""
    message.status = Message.Status.FAILED
    message.content_attributes = {
        **message.content_attributes,
        "external_error": reason,
    }
    Message.objects.filter(pk=message.pk).update(
        status=message.status, content_attributes=message.content_attributes
    )


def schedule_push(*, conversation_id: int) -> None:
    """Have the conversation's state changes pushed within ``PUSH_SECONDS``,
    once the current transaction commits; a push already due covers them."""
    after_commit("scheduling a delivery push", _enqueue_push, conversation_id)


def _enqueue_push(conversation_id: int) -> None:
    # The key lives PUSH_SECONDS and the job runs after it expired, so a
    # change committed while the key lives is committed before the job reads.
    started = timezone.now()
    if not cache.add(f"message-status-push:{conversation_id}", 1, PUSH_SECONDS):
        return
    message_statuses_push_due.send(
        sender=Message,
        conversation_id=conversation_id,
        run_after=timezone.now() + timedelta(seconds=PUSH_SECONDS),
        # A change committed just before the key was taken may carry a time
        # up to the length of its UPDATE earlier: look back one window more.
        since=started - timedelta(seconds=PUSH_SECONDS),
    )


def push_changes(*, conversation_id: int, since: datetime) -> list[Message]:
    """Publish the state of the conversation's messages that changed since
    ``since`` (the newest ``PUSH_LIMIT``). Publishes ``message.updated`` for
    each."""
    with transaction.atomic():
        messages = list(
            Message.objects.filter(
                conversation_id=conversation_id,
                updated_at__gte=since,
                status__in=(
                    Message.Status.DELIVERED,
                    Message.Status.READ,
                    Message.Status.FAILED,
                ),
                message_type__in=TO_CONTACT + TO_AGENTS,
                private=False,
            )
            .select_related(
                "conversation__contact_inbox", "sender_user", "sender_contact"
            )
            .prefetch_related("attachments", "sender_user__memberships")
            .order_by("-id")[:PUSH_LIMIT]
        )[::-1]
        if messages:
            message_statuses_changed.send(sender=Message, messages=messages)
    return messages
