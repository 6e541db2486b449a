"""What a conversation's saved change means for routing, decided in one place."""

import pytest

from conversations.models import Conversation
from routing.changes import load_moves


@pytest.mark.parametrize(
    ("status", "assignee_id", "changes", "moves"),
    [
        # Bookkeeping of a new message: nobody's load moves.
        ("open", 7, {}, (None, None)),
        # Assigned while open: the agent gains one.
        ("open", 7, {"assignee_id": (None, 7)}, (None, 7)),
        # Handed from one agent to another.
        ("open", 8, {"assignee_id": (7, 8)}, (7, 8)),
        # Resolved, or reopened, with the same assignee.
        ("resolved", 7, {"status": ("open", "resolved")}, (7, None)),
        ("open", 7, {"status": ("snoozed", "open")}, (None, 7)),
        # Reassigned while not open: no open conversation moved.
        ("pending", 8, {"assignee_id": (7, 8)}, (None, None)),
        # Unassigned while open.
        ("open", None, {"assignee_id": (7, None)}, (7, None)),
    ],
)
def test_load_moves(status, assignee_id, changes, moves):
    """Who lost and who gained an open conversation through a change."""
    conversation = Conversation(status=status, assignee_id=assignee_id)
    assert load_moves(conversation, changes) == moves
