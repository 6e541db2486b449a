"""Timed work of routing, run by the job worker (``manage.py db_worker``).

Each job re-reads the state it acts on under a row lock and does nothing when
that state moved on, so a job run late, twice, or after the change it was
scheduled for was undone is harmless. Times travel as ISO 8601 strings (job
arguments are JSON).
"""

from datetime import datetime

from django_tasks import task

from routing import timers


@task()
def reassign_unanswered_conversation(
    *, conversation_id: int, assignee_id: int, since: str
) -> None:
    """Move a conversation whose assignee has not replied since ``since`` (see
    ``timers.reassign_unanswered``)."""
    timers.reassign_unanswered(
        conversation_id=conversation_id,
        assignee_id=assignee_id,
        since=datetime.fromisoformat(since),
    )


@task()
def tell_long_wait(*, conversation_id: int, waiting_since: str) -> None:
    """Tell a visitor still queued that the wait is long (see
    ``timers.tell_long_wait``)."""
    timers.tell_long_wait(
        conversation_id=conversation_id,
        waiting_since=datetime.fromisoformat(waiting_since),
    )


@task()
def take_agent_offline(*, account_id: int, user_id: int, left_at: str) -> None:
    """Set an agent gone from the dashboard offline (see
    ``timers.take_offline_when_away``)."""
    timers.take_offline_when_away(
        account_id=account_id, user_id=user_id, left_at=datetime.fromisoformat(left_at)
    )
