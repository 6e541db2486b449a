"""Work after commit: each piece runs on its own, and a failure is logged by name."""

import functools
import logging

import pytest

from django.db import transaction

from common.commit import after_commit

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_failing_callback_is_logged_and_the_later_ones_run(caplog):
    """A callable without ``__qualname__`` (a partial) that raises is logged by
    the name given; the commit does not raise and the later callbacks run."""
    ran: list[str] = []

    def fail(reason: str) -> None:
        raise RuntimeError(reason)

    with transaction.atomic():
        after_commit("first job", ran.append, "first")
        after_commit("broken job", functools.partial(fail, "no"))
        after_commit("last job", ran.append, "last")
    assert ran == ["first", "last"]
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "broken job" in record.getMessage()
    assert record.exc_info[0] is RuntimeError


def test_nothing_runs_after_a_rollback():
    """Work registered in a transaction that rolls back never runs."""
    ran: list[str] = []
    with pytest.raises(ValueError), transaction.atomic():
        after_commit("job", ran.append, "never")
        raise ValueError("rolled back")
    assert ran == []


def test_outside_a_transaction_it_runs_at_once():
    """Without a transaction the work runs at once, failures logged too."""
    ran: list[str] = []
    after_commit("job", ran.append, "now")
    assert ran == ["now"]
