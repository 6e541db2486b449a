"""Notification jobs run as the worker would run them, in the test process."""

from datetime import datetime

import pytest
from django_tasks_db.models import DBTaskResult

from django.utils import timezone
from django.utils.module_loading import import_string

from tests import factories
from tests.realtime.capture import capture_events

__all__ = ["capture_events"]


def jobs(name: str | None = None) -> list[DBTaskResult]:
    """The notification jobs waiting in the database (``name``: of one task)."""
    found = DBTaskResult.objects.filter(
        status="READY", task_path__startswith="notifications.tasks."
    )
    if name is not None:
        found = found.filter(task_path=f"notifications.tasks.{name}")
    return list(found.order_by("id"))


def run_jobs(*, until: datetime | None = None) -> int:
    """Run the waiting notification jobs due by ``until`` (now by default),
    and the jobs they enqueue, each once, as the worker would; how many ran."""
    ran = 0
    while True:
        # A job enqueued without a time is stored with the latest one there is.
        due = [
            job
            for job in jobs()
            if job.run_after.year == 9999 or job.run_after <= (until or timezone.now())
        ]
        if not due:
            return ran
        job = due[0]
        job.delete()
        import_string(job.task_path).call(**job.args_kwargs["kwargs"])
        ran += 1


@pytest.fixture
def colleague(account, inbox):
    """A second agent of ``inbox``."""
    user = factories.UserFactory(name="Cleo Colleague")
    factories.AccountUserFactory(account=account, user=user)
    factories.InboxMemberFactory(inbox=inbox, user=user)
    return user


@pytest.fixture
def outsider(account):
    """An agent of the account who works none of its inboxes."""
    user = factories.UserFactory(name="Olga Outsider")
    factories.AccountUserFactory(account=account, user=user)
    return user
