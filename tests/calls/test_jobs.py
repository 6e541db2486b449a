"""A call whose connection is lost and not back, through real processes: a
daphne server, the two parties' sockets and a job worker that ends the call;
both parties hear it end, by the system."""

import asyncio

import pytest

from calls.models import Call
from tests.realtime.cable import agent_identifier, contact_identifier
from tests.realtime.sockets import Client
from tests.servers import job_worker, onechat_server

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]


async def connected(server, identifier: str) -> tuple[Client, str]:
    client = await Client.connect(server.cable_url)
    assert (await client.subscribe(identifier))["type"] == "confirm_subscription"
    return client, identifier


async def updated(client: Client, state: str, timeout: float = 5) -> dict:
    while True:
        event = await client.next_event("call.updated", timeout)
        if event["data"]["state"] == state:
            return event["data"]


def test_worker_ends_a_call_still_interrupted(
    django_db_blocker, account, agent, conversation, contact_session
):
    """CALL_RESUME_SECONDS after the visitor's connection dropped, the worker
    ends the call; the agent and the visitor both get call.updated "ended"."""
    env = {"CALL_RESUME_SECONDS": "1", "STUN_URLS": ""}
    with onechat_server(env=env) as server, job_worker(env=env):

        async def scenario():
            staff, staff_id = await connected(
                server, agent_identifier(agent, account.pk)
            )
            visitor, visitor_id = await connected(
                server, contact_identifier(contact_session)
            )
            await staff.perform(
                staff_id,
                "call_request",
                conversation_id=conversation.display_id,
                video=False,
            )
            ringing = await updated(visitor, "ringing")
            assert ringing["ice_servers"] == []
            call_id = ringing["id"]
            await visitor.perform(
                visitor_id, "call_accept", call_id=call_id, video=False
            )
            await staff.perform(staff_id, "call_state", call_id=call_id, state="active")
            await updated(visitor, "active")
            await visitor.perform(
                visitor_id, "call_state", call_id=call_id, state="interrupted"
            )
            await updated(staff, "interrupted")
            ended = await updated(staff, "ended", timeout=30)
            assert ended["ended_by"] == "system"
            assert (await updated(visitor, "ended", timeout=10))["ended_by"] == "system"
            for client in (staff, visitor):
                await client.close()

        asyncio.run(scenario())
    call = Call.objects.get()
    assert (call.state, call.ended_by) == ("ended", "system")
