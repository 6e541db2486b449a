"""Fan-out across server processes through Redis, and recovery from a Redis restart."""

import asyncio
import contextlib
import subprocess
import time
from collections.abc import Callable, Iterator

import pytest

from tests.realtime.cable import agent_identifier, contact_identifier
from tests.realtime.sockets import PING_GAP_SECONDS, Client, listeners, send_message
from tests.servers import (
    SHARED_REDIS,
    free_port,
    onechat_server,
    redis_keys_of_their_own,
    wait_for_port,
)
from tests.shapes import assert_shape

pytestmark = [
    pytest.mark.server,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(scope="module")
def prefix() -> Iterator[str]:
    """Redis keys of this test run only; removed afterwards."""
    with redis_keys_of_their_own() as name:
        yield name


@pytest.fixture(scope="module")
def two_servers(django_db_setup, prefix):
    env = {"REDIS_PREFIX": prefix, "VISITOR_AWAY_SECONDS": "1"}
    with (
        onechat_server(redis_url=SHARED_REDIS, env=env) as first,
        onechat_server(redis_url=SHARED_REDIS, env=env) as second,
    ):
        yield first, second


def test_subscribed_on_one_process_triggered_on_the_other(
    two_servers, account, agent, conversation
):
    """A reply sent through process B reaches subscribers on process A and B."""
    first, second = two_servers
    agent_id = agent_identifier(agent, account.pk)
    contact_id = contact_identifier(conversation.contact_inbox)

    async def scenario():
        on_first = await Client.connect(first.cable_url)
        contact_on_first = await Client.connect(first.cable_url)
        on_second = await Client.connect(second.cable_url)
        await on_first.subscribe(agent_id)
        await contact_on_first.subscribe(contact_id)
        await on_second.subscribe(agent_id)
        sent = await send_message(second.url, conversation, agent, "across")
        for client in (on_first, contact_on_first, on_second):
            message = await client.next_event("message.created")
            assert_shape(message["data"], "message_created", drop=("sender",))
            assert message["data"]["id"] == sent["id"]
        for client in (on_first, contact_on_first, on_second):
            await client.close()

    asyncio.run(scenario())


def test_catch_up_through_redis(two_servers, account, agent, conversation):
    """Events missed while away are replayed from the Redis log on any process."""
    first, second = two_servers
    identifier = agent_identifier(agent, account.pk)

    async def scenario():
        client = await Client.connect(first.cable_url)
        await client.subscribe(identifier)
        await send_message(second.url, conversation, agent, "seen")
        seen = await client.next_event("message.created")
        await client.close()
        await send_message(second.url, conversation, agent, "missed")

        client = await Client.connect(second.cable_url)
        await client.subscribe(identifier)
        await client.perform(identifier, "catch_up", after=seen["seq"])
        replayed = await client.next_event("message.created")
        assert replayed["data"]["content"] == "missed"
        assert replayed["seq"] > seen["seq"]
        done = await client.next_event("catch_up.completed")
        assert done["data"]["complete"] is True
        await client.close()

    asyncio.run(scenario())


def test_presence_is_shared_by_processes(two_servers, account, agent, contact_session):
    """Presence recorded on one process is seen from the other (Redis sorted sets)."""
    first, second = two_servers
    agent_id = agent_identifier(agent, account.pk)
    contact_id = contact_identifier(contact_session)

    async def scenario():
        contact_client = await Client.connect(second.cable_url)
        await contact_client.subscribe(contact_id)
        await contact_client.perform(contact_id, "update_presence")
        seen = await contact_client.next_event("presence.update")
        assert "contacts" not in seen["data"]
        agent_client = await Client.connect(first.cable_url)
        await agent_client.subscribe(agent_id)
        await agent_client.perform(agent_id, "update_presence")
        presence = await agent_client.next_event("presence.update")
        assert presence["data"] == {
            "account_id": account.pk,
            "users": {str(agent.pk): "online"},
            "contacts": {str(contact_session.contact_id): "online"},
        }
        await contact_client.close()
        await agent_client.close()

    asyncio.run(scenario())


def test_visitor_page_is_shared_by_processes(two_servers, account, agent, conversation):
    """A reload that lands on the other process tells nobody; leaving, and
    coming back through the other process, reach the agent on the first."""
    first, second = two_servers
    agent_id = agent_identifier(agent, account.pk)
    contact_id = contact_identifier(conversation.contact_inbox)

    async def scenario():
        watcher = await Client.connect(first.cable_url)
        await watcher.subscribe(agent_id)
        visitor = await Client.connect(second.cable_url)
        await visitor.subscribe(contact_id)
        await visitor.close()
        reloaded = await Client.connect(first.cable_url)
        await reloaded.subscribe(contact_id)
        with pytest.raises(TimeoutError):
            await watcher.next_event("conversation.contact_presence", 2.5)
        await reloaded.perform(contact_id, "page", visible=False)
        away = await watcher.next_event("conversation.contact_presence", 5)
        assert away["data"]["status"] == "away"
        back = await Client.connect(second.cable_url)
        await back.subscribe(contact_id)
        returned = await watcher.next_event("conversation.contact_presence", 5)
        assert returned["data"]["status"] == "online"
        for client in (watcher, reloaded, back):
            await client.close()

    asyncio.run(scenario())


@contextlib.contextmanager
def own_redis(port: int) -> Iterator[subprocess.Popen]:
    """A private redis-server without persistence on ``port``."""
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextlib.contextmanager
def restartable_redis(port: int) -> Iterator[Callable[[str], None]]:
    """A private Redis on ``port`` and a function that kills it ("stop") or
    starts it again ("start")."""
    with contextlib.ExitStack() as stack:
        process = [stack.enter_context(own_redis(port))]

        def restart(step: str) -> None:
            if step == "stop":
                process[0].kill()
                process[0].wait(timeout=10)
            else:
                process[0] = stack.enter_context(own_redis(port))

        yield restart


def test_delivery_resumes_after_redis_restart(
    django_db_setup, account, agent, conversation
):
    """Redis killed and restarted: a reply sent while it is down is not lost and
    delivery resumes within 5 s, on the same client connection."""
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    identifier = agent_identifier(agent, account.pk)

    async def scenario(server, restart):
        client = await Client.connect(server.cable_url)
        await client.subscribe(identifier)
        await send_message(server.url, conversation, agent, "before")
        assert (await client.next_event("message.created"))["data"]["content"] == (
            "before"
        )
        await asyncio.to_thread(restart, "stop")
        # Redis is down: the API still answers 200.
        await send_message(server.url, conversation, agent, "while down")
        await asyncio.to_thread(restart, "start")
        started = time.monotonic()
        message = await client.next_event("message.created", timeout=5)
        assert message["data"]["content"] == "while down"
        await send_message(server.url, conversation, agent, "after")
        message = await client.next_event("message.created", timeout=5)
        assert message["data"]["content"] == "after"
        assert time.monotonic() - started < 5
        await client.close()

    with (
        restartable_redis(port) as restart,
        onechat_server(redis_url=url) as server,
    ):
        asyncio.run(scenario(server, restart))


@pytest.mark.parametrize("kind", ["daphne", "uvicorn"])
def test_redis_outage_keeps_connections_and_presence(
    django_db_setup, account, agent, conversation, kind
):
    """With Redis down, update_presence answers from what the process saw, on
    a connection that stays open; other subscribers keep their pings and get
    the event sent meanwhile once Redis is back."""
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    agent_id = agent_identifier(agent, account.pk)
    contact_id = contact_identifier(conversation.contact_inbox)

    async def scenario(server, restart):
        healthy = await listeners(server, agent_id, 3)
        visitor = await Client.connect(server.cable_url)
        await visitor.subscribe(contact_id)
        watcher = await Client.connect(server.cable_url)
        await watcher.subscribe(agent_id)
        await asyncio.to_thread(restart, "stop")
        await visitor.perform(contact_id, "update_presence")
        assert (await visitor.next_event("presence.update"))["data"]["users"] == {}
        await watcher.perform(agent_id, "update_presence")
        presence = await watcher.next_event("presence.update")
        assert presence["data"] == {
            "account_id": account.pk,
            "users": {str(agent.pk): "online"},
            "contacts": {str(conversation.contact_id): "online"},
        }
        sent = [(await send_message(server.url, conversation, agent, "down"))["id"]]
        for client in (visitor, watcher):
            settle = await client.subscribe("settle")
            assert settle == {"identifier": "settle", "type": "reject_subscription"}
        await asyncio.to_thread(restart, "start")
        for listener in healthy:
            assert await listener.has(sent) == sent
            assert listener.longest_ping_gap() < PING_GAP_SECONDS
            await listener.stop()
        await visitor.close()
        await watcher.close()

    with (
        restartable_redis(port) as restart,
        onechat_server(redis_url=url, kind=kind) as server,
    ):
        asyncio.run(scenario(server, restart))
    assert "Traceback" not in server.log()
