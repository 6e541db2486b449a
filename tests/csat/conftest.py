"""An inbox with surveys on, resolving run with its after-commit work, and
the CSAT jobs run in the test process as the worker would."""

import pytest
from django_tasks_db.models import DBTaskResult

from django.utils.module_loading import import_string

from conversations import services
from conversations.models import Conversation
from tests import factories


@pytest.fixture
def inbox(account):
    return factories.InboxFactory(
        account=account, csat_survey_enabled=True, csat_display_type="star"
    )


@pytest.fixture
def resolve(django_capture_on_commit_callbacks):
    """Resolve a conversation, its survey sent after the commit."""

    def run(conversation: Conversation, actor=None) -> Conversation:
        with django_capture_on_commit_callbacks(execute=True):
            return services.change_status(
                conversation=conversation, status="resolved", actor=actor
            )

    return run


def csat_jobs() -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(
            status="READY", task_path__startswith="csat.tasks."
        ).order_by("id")
    )


def run_csat_jobs() -> int:
    """Run the waiting CSAT jobs once each; how many ran."""
    jobs = csat_jobs()
    for job in jobs:
        job.delete()
        import_string(job.task_path).call(**job.args_kwargs["kwargs"])
    return len(jobs)
