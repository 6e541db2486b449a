"""Automation jobs run as the worker would run them, in the test process, and
API clients of the account's members."""

import pytest
from django_tasks_db.models import DBTaskResult

from django.utils.module_loading import import_string

from accounts.models import AccountUser
from conversations.models import Label
from tests import factories
from tests.api.conftest import client_for


def jobs() -> list[DBTaskResult]:
    """The automation jobs waiting in the database."""
    return list(
        DBTaskResult.objects.filter(
            status="READY", task_path__startswith="automation.tasks."
        ).order_by("id")
    )


def run_jobs() -> int:
    """Run the waiting automation jobs and those they enqueue, each once, as
    the worker would; how many ran."""
    ran = 0
    while waiting := jobs():
        job = waiting[0]
        job.delete()
        import_string(job.task_path).call(**job.args_kwargs["kwargs"])
        ran += 1
    return ran


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def as_admin(administrator):
    return client_for(administrator)


@pytest.fixture
def as_agent(agent):
    return client_for(agent)


@pytest.fixture
def base(account) -> str:
    return f"/api/v1/accounts/{account.pk}"


@pytest.fixture
def team(account):
    return factories.TeamFactory(account=account, name="Billing")


@pytest.fixture
def labels(account):
    """The account's labels ``vip`` and ``bug``."""
    return [
        Label.objects.create(account=account, title="vip"),
        Label.objects.create(account=account, title="bug"),
    ]


@pytest.fixture
def elsewhere():
    """Another account with an administrator, a team and a label."""
    account = factories.AccountFactory()
    user = factories.UserFactory(name="Sam Stranger")
    factories.AccountUserFactory(
        account=account, user=user, role=AccountUser.Role.ADMINISTRATOR
    )
    return {
        "account": account,
        "user": user,
        "team": factories.TeamFactory(account=account),
        "label": Label.objects.create(account=account, title="secret"),
    }
