"""Continuity jobs run as the worker would run them, in the test process;
mail kept in memory; a contact with an email in a conversation an agent
answers."""

from datetime import datetime

import pytest
from django_tasks_db.models import DBTaskResult

from django.utils import timezone
from django.utils.module_loading import import_string

from realtime import presence
from tests import factories


def jobs(name: str | None = None) -> list[DBTaskResult]:
    """The continuity jobs waiting in the database (``name``: of one task)."""
    found = DBTaskResult.objects.filter(
        status="READY", task_path__startswith="continuity.tasks."
    )
    if name is not None:
        found = found.filter(task_path=f"continuity.tasks.{name}")
    return list(found.order_by("id"))


def run_jobs(*, until: datetime | None = None) -> int:
    """Run the waiting continuity jobs due by ``until`` (now by default),
    each once, as the worker would; how many ran."""
    ran = 0
    while True:
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


@pytest.fixture(autouse=True)
def mail_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ONECHAT_CONTINUITY_EMAIL_DELAY_SECONDS = 120
    settings.ONECHAT_INBOUND_EMAIL_DOMAIN = "reply.example.com"
    settings.ONECHAT_INBOUND_EMAIL_SECRET = "inbound-secret"
    settings.DEFAULT_FROM_EMAIL = "OneChat <chat@example.com>"


@pytest.fixture
def contact(account):
    return factories.ContactFactory(
        account=account, name="Vera Visitor", email="vera@example.org"
    )


class Presence:
    """The conversation's contact on the widget's page, or gone from it."""

    def __init__(self, conversation) -> None:
        self.key = (conversation.account_id, presence.CONTACTS)
        self.contact_id = conversation.contact_id

    def mark(self) -> None:
        presence._record_in_process(*self.key, self.contact_id)

    def leave(self) -> None:
        presence._seen.pop(self.key, None)


@pytest.fixture
def present(conversation):
    """Mark (``present.mark()``) the conversation's contact as on the page."""
    visitor = Presence(conversation)
    yield visitor
    visitor.leave()
