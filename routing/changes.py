"""What a conversation's change means for routing, decided once: which agent
lost or gained an open conversation, whose capacity that filled or freed, and
which queue places moved. Routing's receivers and ``realtime/receivers.py``
both ask here, so they never disagree."""

from typing import Any

from django.db import transaction

from accounts.models import AccountUser
from common.commit import after_commit
from conversations.models import Conversation
from routing.selectors import (
    AgentCapacity,
    QueuePlace,
    agent_capacity,
    queue_from,
    queue_stats,
)
from routing.signals import queue_places_moved


def load_moves(
    conversation: Conversation, changes: dict[str, tuple[Any, Any]]
) -> tuple[int | None, int | None]:
    """The agents whose open conversations this saved change took one from and
    gave one to (``(lost_by, gained_by)``, each None when nobody did), from
    the model's ``saved_changes``."""
    was_open = changes.get("status", (conversation.status,))[0] == "open"
    old = changes.get("assignee_id", (conversation.assignee_id,))[0]
    is_open = conversation.status == Conversation.Status.OPEN
    lost_by = (
        old
        if old is not None
        and was_open
        and (old != conversation.assignee_id or not is_open)
        else None
    )
    gained_by = (
        conversation.assignee_id
        if conversation.assignee_id is not None
        and is_open
        and (old != conversation.assignee_id or not was_open)
        else None
    )
    return lost_by, gained_by


def capacity_moves(
    conversation: Conversation, changes: dict[str, tuple[Any, Any]]
) -> list[AgentCapacity]:
    """The capacities of online agents with a limit whose last place this
    change freed (now ``available``) or filled (now not)."""
    lost_by, gained_by = load_moves(conversation, changes)
    moved = []
    for user_id, freed in ((lost_by, True), (gained_by, False)):
        if user_id is None:
            continue
        capacity = _capacity(conversation.account_id, user_id)
        if capacity is None or capacity.limit is None:
            continue
        if capacity.availability != "online":
            continue
        if capacity.load == (capacity.limit - 1 if freed else capacity.limit):
            moved.append(capacity)
    return moved


def _capacity(account_id: int, user_id: int) -> AgentCapacity | None:
    membership = (
        AccountUser.objects.select_related("user", "account")
        .filter(account_id=account_id, user_id=user_id)
        .first()
    )
    return None if membership is None else agent_capacity(membership=membership)


class QueueMoves:
    """The queue places one transaction moved, announced once it commits
    (``queue_places_moved``): each waiting contact hears its place once per
    transaction, however many conversations joined or left ahead of it (a
    drain handing several over)."""

    def __init__(self) -> None:
        # Per inbox, the earliest place that changed: (waiting_since, id).
        self.starts: dict[int, tuple[Any, int]] = {}
        self.left: dict[int, Conversation] = {}
        self.registered = False
        self.sent = False

    @classmethod
    def current(cls) -> "QueueMoves":
        """This transaction's moves, registered to run on commit."""
        for _, callback, _ in reversed(transaction.get_connection().run_on_commit):
            moves = getattr(getattr(callback, "__wrapped__", None), "__self__", None)
            if isinstance(moves, cls) and not moves.sent:
                return moves
        return cls()

    def note(self, conversation: Conversation, *, old: Any, new: Any) -> None:
        """Note a conversation joining (``new``) or leaving (``old``) its queue."""
        place = (new if new is not None else old, conversation.pk)
        start = self.starts.get(conversation.inbox_id)
        self.starts[conversation.inbox_id] = (
            place if start is None else min(start, place)
        )
        if new is None:
            self.left[conversation.pk] = conversation
        else:
            self.left.pop(conversation.pk, None)
        if not self.registered:
            self.registered = True
            # Outside a transaction this runs at once, with the move noted.
            after_commit("queue positions", self.announce)

    def announce(self) -> None:
        """Announce every moved place, reading the queues as committed."""
        self.sent = True
        places = [
            QueuePlace(conversation=conversation, position=None, wait=None)
            for conversation in self.left.values()
        ]
        for inbox_id, (waiting_since, conversation_id) in self.starts.items():
            first, moved = queue_from(
                inbox_id=inbox_id,
                waiting_since=waiting_since,
                conversation_id=conversation_id,
            )
            stats = queue_stats(inbox_id=inbox_id)
            places += [
                QueuePlace(
                    conversation=waiting,
                    position=position,
                    wait=stats.estimate_wait(position),
                )
                for position, waiting in enumerate(moved, start=first)
            ]
        queue_places_moved.send(sender=QueuePlace, places=places)


def note_queue_move(
    conversation: Conversation, changes: dict[str, tuple[Any, Any]]
) -> None:
    """Note, for this transaction's commit, a saved change that put the
    conversation in its queue or took it out."""
    if "waiting_since" in changes:
        old, new = changes["waiting_since"]
        QueueMoves.current().note(conversation, old=old, new=new)
