"""Two agents assigning one conversation at the same moment, over the
Application API in two threads against PostgreSQL: one wins, the other gets a
409 and ``operation.failed`` on their own stream."""

import json
import threading
import time

import pytest

from django.db import connection, connections, transaction

from conversations.models import Conversation
from conversations.services import assign_agent
from realtime import fanout
from tests import factories
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db(transaction=True)


def waiting_for_locks() -> int:
    """How many other sessions wait on a lock now."""
    with connection.cursor() as cursor:
        # Inside a transaction PostgreSQL keeps the first reading of
        # pg_stat_activity: drop it so each call sees the sessions as they are.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_two_agents_self_assigning_at_once(
    monkeypatch, account, inbox, agent, conversation
):
    """Both read the conversation unassigned and may take it; the row lock
    lets one through first, and the other's assignment, decided on what it
    saw, is refused instead of overwriting the winner's."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (DATABASE_URL)")
    colleague = factories.UserFactory(name="Anna Colleague")
    factories.AccountUserFactory(account=account, user=colleague)
    factories.InboxMemberFactory(inbox=inbox, user=colleague)
    # Auto-assignment gave it to the first agent online: take it back.
    assign_agent(conversation=conversation, assignee=None)
    conversation.refresh_from_db()
    assert conversation.assignee_id is None
    sent = []
    monkeypatch.setattr(fanout, "send", sent.append)
    url = (
        f"/api/v1/accounts/{account.pk}/conversations/"
        f"{conversation.display_id}/assignments"
    )
    answers = {}

    def self_assign(user) -> None:
        try:
            answers[user.pk] = client_for(user).post(url, {"assignee_id": user.pk})
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=self_assign, args=(user,))
        for user in (agent, colleague)
    ]
    # Hold the conversation's row until both requests have read it and wait
    # for the lock, so that each decided on an unassigned conversation.
    with transaction.atomic():
        Conversation.objects.select_for_update().get(pk=conversation.pk)
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 30
        while waiting_for_locks() < 2 and all(t.is_alive() for t in threads):
            assert time.monotonic() < deadline, "the requests never waited on the lock"
            time.sleep(0.05)
    for thread in threads:
        thread.join()

    statuses = sorted(answer.status_code for answer in answers.values())
    assert statuses == [200, 409]
    [winner] = [pk for pk, answer in answers.items() if answer.status_code == 200]
    [loser] = [pk for pk, answer in answers.items() if answer.status_code == 409]
    conversation.refresh_from_db()
    assert conversation.assignee_id == winner
    tokens = {agent.pk: agent.pubsub_token, colleague.pk: colleague.pubsub_token}
    failures = [
        (envelope.streams, json.loads(envelope.body)["data"])
        for envelope in sent
        if json.loads(envelope.body).get("event") == "operation.failed"
    ]
    assert len(failures) == 1
    streams, data = failures[0]
    assert streams == (tokens[loser],)
    assert data["operation"] == "assign"
    assert data["conversation_id"] == conversation.display_id
    assert "meanwhile" in data["reason"]
    assert answers[loser].json()["error"] == data["reason"]
