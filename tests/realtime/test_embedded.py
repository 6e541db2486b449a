"""The embedded default (no Redis) end to end: a daphne process and a job
worker process sharing only the database, real sockets. What the worker
does reaches open sockets without a reload, through the database relay: a
snoozed conversation waking, an agent going offline automatically, a
delivery tick; and a relayed event has a seq that catch-up replays like the
web process's own."""

import asyncio
import json
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from django.utils import timezone

from accounts.models import AccountUser
from tests.realtime.cable import agent_identifier, contact_identifier
from tests.realtime.sockets import Client, api_post, send_message
from tests.servers import Server, embedded_server_and_worker

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]

# Bounds per step: the worker polls every 0.1 s here, the relay every 0.2 s.
STEP_SECONDS = 15


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker) -> Iterator[Server]:
    """A server and a worker without Redis; agents go offline one second
    after their last dashboard socket closed."""
    with (
        django_db_blocker.unblock(),
        embedded_server_and_worker(server_env={"AUTO_OFFLINE_SECONDS": "1"}) as running,
    ):
        yield running


@pytest.fixture(autouse=True)
def worker_done(server) -> Iterator[None]:
    """Each test ends once the worker has no job due or running: the flush
    after a test deletes the rows of a job the worker still runs, and the
    worker, finding its job's row gone, stops for the module's later tests."""
    yield
    deadline = time.monotonic() + STEP_SECONDS
    while (
        DBTaskResult.objects.ready().exists() or DBTaskResult.objects.running().exists()
    ):
        assert time.monotonic() < deadline, "the worker is still busy"
        time.sleep(0.1)


async def connected(server: Server, identifier: str) -> Client:
    client = await Client.connect(server.cable_url)
    assert (await client.subscribe(identifier))["type"] == "confirm_subscription"
    return client


async def event(client: Client, name: str, step: str, **data) -> dict:
    """The next ``name`` frame whose data has ``data``; fails naming ``step``."""

    def wanted(frame: dict) -> bool:
        message = frame.get("message")
        return (
            isinstance(message, dict)
            and message.get("event") == name
            and all(message["data"].get(key) == value for key, value in data.items())
        )

    try:
        frame = await client.next_frame(wanted, timeout=STEP_SECONDS)
    except TimeoutError:
        pytest.fail(f"{step}: no {name} {data} within {STEP_SECONDS} s")
    return frame["message"]


async def snooze(server: Server, conversation, agent, seconds: float) -> None:
    """Snooze through the server's API, ``seconds`` from now."""
    until = timezone.now() + timedelta(seconds=seconds)
    status, body = await asyncio.to_thread(
        api_post,
        server.url,
        f"/api/v1/accounts/{conversation.account_id}/conversations/"
        f"{conversation.display_id}/toggle_status",
        agent.access_token,
        {"status": "snoozed", "snoozed_until": until.isoformat()},
    )
    assert status == 200, body


def test_snoozed_conversation_wakes_on_an_open_socket(
    server, account, agent, conversation
):
    """The worker's wake-up job reopens the conversation; the agent's socket
    hears conversation.status_changed "open" without a reload."""

    async def scenario() -> dict:
        client = await connected(server, agent_identifier(agent, account.pk))
        await snooze(server, conversation, agent, 2)
        await event(
            client,
            "conversation.status_changed",
            "snooze",
            id=conversation.display_id,
            status="snoozed",
        )
        woken = await event(
            client,
            "conversation.status_changed",
            "wake-up",
            id=conversation.display_id,
            status="open",
        )
        await client.close()
        return woken

    woken = asyncio.run(scenario())
    assert isinstance(woken["seq"], int)
    assert (
        DBTaskResult.objects.filter(
            task_path="conversations.tasks.wake_snoozed_conversation"
        )
        .successful()
        .count()
        == 1
    )


def test_auto_offline_reaches_the_accounts_open_sockets(
    server, account, administrator, agent
):
    """The agent closes their dashboard; a second later the worker sets them
    offline and the administrator's open socket hears presence.update
    without them among the present agents."""

    async def scenario() -> dict:
        watcher = await connected(server, agent_identifier(administrator, account.pk))
        leaving = await connected(server, agent_identifier(agent, account.pk))
        await leaving.close()
        update = await event(
            watcher, "presence.update", "auto-offline", account_id=account.pk
        )
        await watcher.close()
        return update

    update = asyncio.run(scenario())
    assert update["data"]["users"].get(str(agent.pk)) in (None, "offline")
    availability = AccountUser.objects.get(user=agent, account=account).availability
    assert availability == AccountUser.Availability.OFFLINE


def test_delivery_tick_reaches_the_agents_socket(server, account, agent, conversation):
    """The contact's socket takes the agent's reply; the worker's batched job
    publishes message.updated "delivered", which the agent's open socket
    hears."""

    async def scenario() -> dict:
        agent_client = await connected(server, agent_identifier(agent, account.pk))
        contact_client = await connected(
            server, contact_identifier(conversation.contact_inbox)
        )
        sent = await send_message(server.url, conversation, agent, "Hello there")
        assert sent["status"] == "sent"
        await event(contact_client, "message.created", "reply", id=sent["id"])
        tick = await event(
            agent_client,
            "message.updated",
            "delivery tick",
            id=sent["id"],
            status="delivered",
        )
        await agent_client.close()
        await contact_client.close()
        return tick

    tick = asyncio.run(scenario())
    assert tick["data"]["content"] == "Hello there"
    assert (
        DBTaskResult.objects.filter(
            task_path="conversations.tasks.push_message_statuses"
        )
        .successful()
        .exists()
    )


def test_catch_up_replays_relayed_events_with_their_seq(
    server, account, agent, conversation
):
    """A web event, then the worker's wake-up: a second socket that catches
    up from before the first gets both, with the seq the first socket saw
    live, in order, and the replay is complete."""
    identifier = agent_identifier(agent, account.pk)

    async def scenario() -> tuple[list[dict], list[dict], dict]:
        live_client = await connected(server, identifier)
        sent = await send_message(server.url, conversation, agent, "One moment")
        own = await event(live_client, "message.created", "reply", id=sent["id"])
        await snooze(server, conversation, agent, 2)
        woken = await event(
            live_client,
            "conversation.status_changed",
            "wake-up",
            id=conversation.display_id,
            status="open",
        )
        late = await connected(server, identifier)
        await late.perform(identifier, "catch_up", after=own["seq"] - 1)
        replayed = []
        while True:
            frame = await late.next_frame(
                lambda frame: isinstance(frame.get("message"), dict),
                timeout=STEP_SECONDS,
            )
            if frame["message"]["event"] == "catch_up.completed":
                done = frame["message"]["data"]
                break
            replayed.append(frame["message"])
        await live_client.close()
        await late.close()
        return [own, woken], replayed, done

    live, replayed, done = asyncio.run(scenario())
    seqs = [message["seq"] for message in replayed]
    assert seqs == sorted(seqs)
    by_seq = {message["seq"]: message for message in replayed}
    for message in live:
        assert json.dumps(by_seq[message["seq"]], sort_keys=True) == json.dumps(
            message, sort_keys=True
        )
    assert done["complete"] is True
