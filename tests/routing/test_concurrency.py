"""Two processes routing at the same moment on the same agents: no agent goes
over the limit, no conversation is assigned twice, and the queue drains
longest wait first. Meant for PostgreSQL, where the account's row lock does
the work; SQLite serialises the same writers."""

import os
import subprocess
import sys
import time
from collections import Counter

import pytest

from accounts.models import AccountUser
from conversations.models import Conversation
from routing import selectors
from tests import factories
from tests.servers import ROOT, database_url

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]

LIMIT = 4


def burst(*commands: list[str]) -> None:
    """Run each command as ``python -m tests.routing.burst`` at once."""
    start_at = str(time.time() + 3)
    environment = {**os.environ, "DATABASE_URL": database_url(), "DEBUG": "1"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.routing.burst", *command, start_at],
            cwd=ROOT,
            env=environment,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    for process in processes:
        _, errors = process.communicate(timeout=120)
        assert process.returncode == 0, errors


def assignments(account) -> Counter:
    return Counter(
        Conversation.objects.filter(
            account=account,
            messages__content__startswith="Assigned to",
        ).values_list("pk", flat=True)
    )


def test_two_processes_never_overfill_an_agent(account, inbox):
    """30 visitors from two processes, three agents of limit 4: exactly 12
    assigned, 4 each, once each. Then both processes resolve at once and the
    12 longest-waiting conversations are served, still 4 per agent."""
    account.auto_assignment_limit = LIMIT
    account.save()
    agents = []
    for _ in range(3):
        user = factories.UserFactory()
        factories.AccountUserFactory(account=account, user=user)
        factories.InboxMemberFactory(inbox=inbox, user=user)
        agents.append(user)

    burst(["visit", str(inbox.pk), "15"], ["visit", str(inbox.pk), "15"])
    loads = selectors.agent_loads(account_id=account.pk)
    assert loads == {agent.pk: LIMIT for agent in agents}
    assert set(assignments(account).values()) == {1}
    queue = list(selectors.waiting(inbox_ids=[inbox.pk]))
    assert len(queue) == 30 - 3 * LIMIT

    served = list(
        Conversation.objects.filter(account=account, assignee__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    half = len(served) // 2
    burst(
        ["resolve", ",".join(map(str, served[:half]))],
        ["resolve", ",".join(map(str, served[half:]))],
    )
    loads = selectors.agent_loads(account_id=account.pk)
    assert loads == {agent.pk: LIMIT for agent in agents}
    assert set(assignments(account).values()) == {1}
    assigned_now = set(
        Conversation.objects.filter(
            account=account, status="open", assignee__isnull=False
        ).values_list("pk", flat=True)
    )
    assert assigned_now == {c.pk for c in queue[: 3 * LIMIT]}
    assert AccountUser.objects.filter(account=account).count() == 3
