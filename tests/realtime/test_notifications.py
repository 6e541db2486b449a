"""Notifications end to end over real sockets: an assignment made over HTTP
enqueues a job, the job worker creates the notification, and its event
reaches the assignee's open socket alone; reading, snoozing back and
deleting it over HTTP reach that socket too."""

import asyncio
from collections.abc import Iterator
from datetime import timedelta

import pytest

from django.utils import timezone

from tests import factories
from tests.realtime.cable import agent_identifier
from tests.realtime.sockets import Client, api_post
from tests.realtime.test_embedded import STEP_SECONDS, connected
from tests.servers import Server, embedded_server_and_worker
from tests.shapes import assert_shape

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker) -> Iterator[Server]:
    """A server and a job worker without Redis, as ``make run`` runs them."""
    with django_db_blocker.unblock(), embedded_server_and_worker() as running:
        yield running


async def next_event(client: Client, name: str) -> dict:
    try:
        return await client.next_event(name, timeout=STEP_SECONDS)
    except TimeoutError:
        pytest.fail(f"no {name} within {STEP_SECONDS} s")


async def call(server: Server, user, method: str, path: str, body=None) -> dict:
    status, answer = await asyncio.to_thread(
        api_post, server.url, path, user.access_token, body or {}, method
    )
    assert status == 200, (status, answer)
    return answer


def test_notification_events_reach_the_assignee_only(
    server, account, inbox, agent, administrator, conversation
):
    """Assigned by an administrator: notification.created on the agent's
    socket with the counts; a colleague's socket hears none of it. Read,
    snoozed (its wake-up run by the worker) and deleted: each an event."""
    colleague = factories.UserFactory(name="Cleo Colleague")
    factories.AccountUserFactory(account=account, user=colleague)
    factories.InboxMemberFactory(inbox=inbox, user=colleague)
    base = f"/api/v1/accounts/{account.pk}"
    conversation_path = f"{base}/conversations/{conversation.display_id}"

    async def scenario():
        mine = await connected(server, agent_identifier(agent, account.pk))
        theirs = await connected(server, agent_identifier(colleague, account.pk))
        await call(
            server,
            administrator,
            "POST",
            f"{conversation_path}/assignments",
            {"assignee_id": agent.pk},
        )
        created = await next_event(mine, "notification.created")
        assert_shape(created["data"], "notification_created", drop=("notification",))
        notification = created["data"]["notification"]
        assert notification["notification_type"] == "conversation_assignment"
        assert notification["primary_actor_id"] == conversation.display_id
        assert notification["secondary_actor"]["id"] == administrator.pk
        assert created["data"]["unread_count"] == 1
        path = f"{base}/notifications/{notification['id']}"
        await call(server, agent, "PATCH", path)
        updated = await next_event(mine, "notification.updated")
        assert updated["data"]["unread_count"] == 0
        until = (timezone.now() + timedelta(seconds=1)).isoformat()
        await call(server, agent, "POST", f"{path}/snooze", {"snoozed_until": until})
        snoozed = await next_event(mine, "notification.updated")
        assert snoozed["data"]["notification"]["snoozed_until"] is not None
        woken = await next_event(mine, "notification.updated")
        assert woken["data"]["notification"]["snoozed_until"] is None
        assert woken["data"]["notification"]["read_at"] is None
        assert woken["data"]["unread_count"] == 1
        await call(server, agent, "DELETE", path)
        deleted = await next_event(mine, "notification.deleted")
        assert deleted["data"]["notification"] == {"id": notification["id"]}
        # The colleague heard the assignment itself, and nothing of the
        # notification that followed it.
        await theirs.next_event("assignee.changed")
        with pytest.raises(TimeoutError):
            await theirs.next_frame(
                lambda frame: (
                    str(frame.get("message", {}).get("event", "")).startswith(
                        "notification."
                    )
                    if isinstance(frame.get("message"), dict)
                    else False
                ),
                timeout=1,
            )
        for client in (mine, theirs):
            await client.close()

    asyncio.run(scenario())
