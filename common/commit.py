"""Work that runs once the current transaction commits, each piece on its own.

Django's ``on_commit(..., robust=True)`` logs a failure with
``func.__qualname__``, which a ``functools.partial`` or a callable object
lacks: the logging itself raises, after the commit, and the transaction's later
callbacks never run. Every on-commit callback in OneChat goes through
``after_commit`` instead, which catches and logs by the name it is given.
"""

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


def after_commit(
    name: str, func: Callable[..., Any], *args: Any, **kwargs: Any
) -> None:
    """Run ``func(*args, **kwargs)`` once the current transaction commits (at
    once outside one; never if it rolls back). A failure is logged naming
    ``name`` and stops neither the transaction's other callbacks nor the
    request that committed."""

    def run() -> None:
        run_logged(name, func, *args, **kwargs)

    # What runs, for a caller looking for its own callback in the queue.
    run.__wrapped__ = func  # type: ignore[attr-defined]
    transaction.on_commit(run)


def run_logged(name: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Run ``func(*args, **kwargs)``; log a failure naming ``name`` instead of
    raising it."""
    try:
        func(*args, **kwargs)
    except Exception:
        logger.exception("%s failed after commit", name)
