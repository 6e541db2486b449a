"""Calls' timed work, run by the job worker (``manage.py db_worker``). Times
travel as ISO 8601 strings (job arguments are JSON)."""

from datetime import datetime

from django_tasks import task

from calls import services


@task()
def end_interrupted_call(*, call_id: int, interrupted_at: str) -> None:
    """End a call whose connection was lost and did not come back in time
    (see ``services.end_interrupted_call``)."""
    services.end_interrupted_call(
        call_id=call_id, interrupted_at=datetime.fromisoformat(interrupted_at)
    )


@task()
def end_unanswered_call(*, call_id: int) -> None:
    """Stop a call nobody answered (see ``services.end_unanswered_call``)."""
    services.end_unanswered_call(call_id=call_id)


@task()
def end_unconnected_call(*, call_id: int) -> None:
    """End an answered call that never connected (see
    ``services.end_unconnected_call``)."""
    services.end_unconnected_call(call_id=call_id)
