"""/cable over real sockets against a daphne process (embedded mode, no Redis)."""

import asyncio
import json
import signal
import time

import pytest

from tests.realtime.cable import agent_identifier, contact_identifier
from tests.realtime.sockets import Client, send_message
from tests.servers import onechat_server
from tests.shapes import assert_shape

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    with onechat_server() as running:
        yield running


def test_handshake_ping_subscribe_and_bad_input(server, account, agent):
    """Welcome, subprotocol, a ping within 3.5 s, confirm, reject, junk ignored."""
    identifier = agent_identifier(agent, account.pk)

    async def scenario():
        client = await Client.connect(server.cable_url)
        assert client.socket.subprotocol == "actioncable-v1-json"
        started = time.monotonic()
        ping = await client.next_frame(lambda frame: frame.get("type") == "ping", 3.5)
        assert isinstance(ping["message"], int)
        assert time.monotonic() - started <= 3.5
        await client.socket.send("not json")
        await client.socket.send(b"\x00binary")
        bogus = json.dumps({"channel": "RoomChannel", "pubsub_token": "nope"})
        assert await client.subscribe(bogus) == {
            "identifier": bogus,
            "type": "reject_subscription",
        }
        assert await client.subscribe(identifier) == {
            "identifier": identifier,
            "type": "confirm_subscription",
        }
        await client.close()
        plain = await Client.connect(server.cable_url, subprotocols=[])
        assert plain.socket.subprotocol is None
        await plain.close()

    asyncio.run(scenario())


def test_message_from_http_api_arrives(server, account, agent, conversation):
    """A reply sent through the HTTP API reaches agent and contact with the
    sample's shape and a sequence number."""
    agent_id = agent_identifier(agent, account.pk)
    contact_id = contact_identifier(conversation.contact_inbox)

    async def scenario():
        agent_client = await Client.connect(server.cable_url)
        contact_client = await Client.connect(server.cable_url)
        await agent_client.subscribe(agent_id)
        await contact_client.subscribe(contact_id)
        sent = await send_message(server.url, conversation, agent, "Hello there")
        for client in (agent_client, contact_client):
            message = await client.next_event("message.created")
            assert_shape(message["data"], "message_created", drop=("sender",))
            assert message["data"]["id"] == sent["id"]
            assert message["data"]["sender"]["type"] == "user"
            assert isinstance(message["seq"], int)
        await agent_client.close()
        await contact_client.close()

    asyncio.run(scenario())


def test_graceful_shutdown_says_server_restart(django_db_setup, account, agent):
    """On SIGTERM every connection gets disconnect server_restart, reconnect true."""

    async def scenario(cable_url: str, stop):
        client = await Client.connect(cable_url)
        await client.subscribe(agent_identifier(agent, account.pk))
        stop()
        frame = await client.next_frame(lambda frame: frame.get("type") == "disconnect")
        assert frame == {
            "type": "disconnect",
            "reason": "server_restart",
            "reconnect": True,
        }

    with onechat_server() as running:
        asyncio.run(
            scenario(
                running.cable_url, lambda: running.process.send_signal(signal.SIGTERM)
            )
        )
        assert running.process.wait(timeout=10) == 0
