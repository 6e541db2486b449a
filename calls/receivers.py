"""Where calls' jobs are enqueued: in the transaction of the change that
makes them due. Connected in ``CallsConfig.ready()``."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings

from calls import tasks
from calls.models import Call
from calls.signals import call_interrupted


def schedule_end_of_interrupted_call(
    sender: type, *, call: Call, interrupted_at: datetime, **kwargs: Any
) -> None:
    """End the call ``ONECHAT_CALL_RESUME_SECONDS`` after its connection was
    lost, unless it is back by then."""
    delay = timedelta(seconds=settings.ONECHAT_CALL_RESUME_SECONDS)
    tasks.end_interrupted_call.using(run_after=interrupted_at + delay).enqueue(
        call_id=call.pk, interrupted_at=interrupted_at.isoformat()
    )


def connect() -> None:
    """Connect the receivers (idempotent: registered by uid)."""
    call_interrupted.connect(
        schedule_end_of_interrupted_call, dispatch_uid="calls-interrupted"
    )
