"""No client slows down or starves another's events, under daphne and uvicorn.

Real server processes with small limits (``LIMITS``); healthy clients record
every frame in the background while a client stalls, vanishes or sends hostile
frames, and must see every event and a ping every interval.
"""

import asyncio
import json

import pytest

from tests.realtime.cable import agent_identifier, contact_identifier
from tests.realtime.sockets import PING_GAP_SECONDS, Client, listeners, send_message
from tests.servers import onechat_server

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]

LIMITS = {
    "CABLE_OUTBOX_FRAMES": "50",
    "CABLE_OUTBOX_BYTES": "300000",
    "CABLE_MAX_FRAMES_PER_SECOND": "30",
    "CABLE_MAX_CONNECTIONS_PER_ADDRESS": "40",
}
TOO_SLOW = {"type": "disconnect", "reason": "too_slow", "reconnect": True}


@pytest.fixture(scope="module", params=["daphne", "uvicorn"])
def server(request, django_db_setup, django_db_blocker):
    with onechat_server(env=LIMITS, kind=request.param) as running:
        yield running


def test_stalled_client_is_dropped_as_too_slow_and_catches_up(
    server, account, agent, conversation
):
    """A visitor who stops reading holds no other client's events or pings; it
    is disconnected as too_slow, and after reconnecting its catch-up brings
    every event it missed, none twice."""
    agent_id = agent_identifier(agent, account.pk)
    contact_id = contact_identifier(conversation.contact_inbox)

    async def scenario():
        healthy = await listeners(server, agent_id, 3)
        stalled = await Client.connect_stalling(server.cable_url)
        assert (await stalled.subscribe(contact_id))["type"] == "confirm_subscription"
        sent = []
        for number in range(45):
            message = await send_message(
                server.url, conversation, agent, f"{number} " + "x" * 140_000
            )
            sent.append(message["id"])
        for listener in healthy:
            assert await listener.has(sent) == sent
            assert listener.longest_ping_gap() < PING_GAP_SECONDS
            await listener.stop()

        frames = await stalled.drain()
        assert frames[-1] == TOO_SLOW, frames[-3:]
        seen = [f["message"] for f in frames if isinstance(f.get("message"), dict)]
        assert 0 < len(seen) < len(sent)

        again = await Client.connect(server.cable_url)
        await again.subscribe(contact_id)
        await again.perform(contact_id, "catch_up", after=seen[-1]["seq"])
        replayed = []
        while len(seen) + len(replayed) < len(sent):
            replayed.append(await again.next_event("message.created"))
        done = await again.next_event("catch_up.completed")
        assert done["data"]["complete"] is True
        assert [m["data"]["id"] for m in seen + replayed] == sent
        await again.close()

    asyncio.run(scenario())


def test_clients_vanishing_mid_fan_out_hold_nobody_back(
    server, account, agent, conversation
):
    """Sockets dropped without a goodbye while events go out: the others get
    every event and every ping."""
    identifier = agent_identifier(agent, account.pk)

    async def scenario():
        healthy = await listeners(server, identifier, 4)
        vanishing = [await Client.connect(server.cable_url) for _ in range(8)]
        for client in vanishing:
            await client.subscribe(identifier)
        sent = []
        for number in range(4):
            for client in vanishing[number * 2 : number * 2 + 2]:
                client.vanish()
            sent.append(
                (await send_message(server.url, conversation, agent, "hi"))["id"]
            )
        for listener in healthy:
            assert await listener.has(sent) == sent
            assert listener.longest_ping_gap() < PING_GAP_SECONDS
            await listener.stop()

    asyncio.run(scenario())
    assert "Traceback" not in server.log()


HOSTILE = [
    "[" * 30000 + "]" * 30000,
    json.dumps({"command": "subscribe", "identifier": "[" * 20000 + "]" * 20000}),
    '{"command":"subscribe","identifier":"{\\"channel\\":\\"RoomChannel\\",'
    '\\"pubsub_token\\":\\"\\\\ud800\\"}"}',
    '{"command":"subscribe","identifier":"\\ud800"}',
]


def test_hostile_frames_get_the_protocols_answer(server, account, agent, conversation):
    """Deep nesting, lone surrogates and ids no database holds are refused or
    rejected on a connection that stays open, and nobody else notices."""
    identifier = agent_identifier(agent, account.pk)
    huge_account = agent_identifier(agent, 10**30)
    odd_digits = agent_identifier(agent, "²")
    surrogate = json.dumps({"channel": "RoomChannel", "pubsub_token": "\ud800"})

    async def scenario():
        healthy = await listeners(server, identifier, 2)
        hostile = await Client.connect(server.cable_url)
        await hostile.subscribe(identifier)
        for frame in HOSTILE:
            await hostile.socket.send(frame)
        for bad in (huge_account, odd_digits, surrogate, "settle"):
            await hostile.send({"command": "subscribe", "identifier": bad})
            answer = await hostile.next_frame(
                lambda f, bad=bad: "identifier" in f and f["identifier"] == bad
            )
            assert answer == {"identifier": bad, "type": "reject_subscription"}
        await hostile.perform(identifier, "catch_up", after=10**30)
        await hostile.perform(identifier, "no_such_action")
        sent = [(await send_message(server.url, conversation, agent, "hi"))["id"]]
        assert (await hostile.next_event("message.created"))["data"]["id"] == sent[0]
        for listener in healthy:
            assert await listener.has(sent) == sent
            assert listener.longest_ping_gap() < PING_GAP_SECONDS
            await listener.stop()
        await hostile.close()

    asyncio.run(scenario())
    assert "Traceback" not in server.log()


def test_flood_of_frames_is_disconnected(server):
    """More frames per second than allowed: disconnect invalid_request."""

    async def scenario():
        client = await Client.connect(server.cable_url)
        for _ in range(40):
            await client.socket.send('{"command":"unsubscribe","identifier":"{}"}')
        frame = await client.next_frame(lambda frame: frame.get("type") != "ping")
        assert frame == {
            "type": "disconnect",
            "reason": "invalid_request",
            "reconnect": False,
        }

    asyncio.run(scenario())


def test_connections_per_address_are_limited(server):
    """One address past its connection limit is told too_many_connections;
    once one closes, the next is welcome again."""

    async def scenario():
        held = [await Client.connect(server.cable_url) for _ in range(40)]
        extra = await Client.connect(server.cable_url)
        assert await extra.next_frame(lambda f: f.get("type") != "ping") == {
            "type": "disconnect",
            "reason": "too_many_connections",
            "reconnect": False,
        }
        await held.pop().close()
        await asyncio.sleep(0.3)
        welcome = await Client.connect(server.cable_url)
        bogus = json.dumps({"channel": "RoomChannel", "pubsub_token": "nope"})
        assert (await welcome.subscribe(bogus))["type"] == "reject_subscription"
        for client in [*held, welcome]:
            await client.close()

    asyncio.run(scenario())
