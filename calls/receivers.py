"""Where calls' jobs are enqueued: in the transaction of the change that
makes them due. Connected in ``CallsConfig.ready()``.

A call left ringing ends as missed after ``ONECHAT_CALL_RING_SECONDS``; one
answered but never connected, or interrupted and not back, ends after
``ONECHAT_CALL_RESUME_SECONDS``. Each job does nothing when the call moved on.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings

from calls import tasks
from calls.models import Call
from calls.signals import call_updated


def schedule_end_of_stalled_call(
    sender: type, *, call: Call, rung: bool, **kwargs: Any
) -> None:
    """Schedule the end of the call in case it stays in its new state."""
    resume = timedelta(seconds=settings.ONECHAT_CALL_RESUME_SECONDS)
    if call.state == Call.State.RINGING:
        ring = timedelta(seconds=settings.ONECHAT_CALL_RING_SECONDS)
        tasks.end_unanswered_call.using(run_after=call.created_at + ring).enqueue(
            call_id=call.pk
        )
    elif call.state == Call.State.ACCEPTED:
        tasks.end_unconnected_call.using(run_after=call.answered_at + resume).enqueue(
            call_id=call.pk
        )
    elif call.state == Call.State.INTERRUPTED:
        tasks.end_interrupted_call.using(
            run_after=call.interrupted_at + resume
        ).enqueue(call_id=call.pk, interrupted_at=call.interrupted_at.isoformat())


def connect() -> None:
    """Connect the receivers (idempotent: registered by uid)."""
    call_updated.connect(schedule_end_of_stalled_call, dispatch_uid="calls-stalled")
