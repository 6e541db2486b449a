"""Whether the code running now is an automation rule's action.

A rule's actions change conversations through the ordinary services, whose
signals would start rules again; the receivers ask ``is_automated()`` and
enqueue nothing for those changes, as Chatwoot's listener skips events
``performed_by`` a rule. A context variable scopes the mark to the job that
runs the rule (and its thread), never to other requests.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_automated: ContextVar[bool] = ContextVar("onechat_automated", default=False)


@contextmanager
def automated() -> Iterator[None]:
    """Mark the changes made inside the block as an automation rule's."""
    token = _automated.set(True)
    try:
        yield
    finally:
        _automated.reset(token)


def is_automated() -> bool:
    """Whether an automation rule's action is running now."""
    return _automated.get()
