"""The queue over real sockets: a daphne process routes as its API is used,
the waiting visitor watches its place fall, agents watch the queue."""

import asyncio

import pytest

from tests.realtime.cable import agent_identifier, contact_identifier
from tests.realtime.sockets import Client, api_post
from tests.servers import onechat_server

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]


def test_visitor_sees_its_place_fall_and_agents_see_the_queue(
    account, inbox, agent, visit
):
    """Three visitors wait behind one served; as the agent resolves through
    the API, the last visitor hears places 2, 1, then that it left the queue,
    and the agent hears each dequeue and a new visitor queueing."""
    account.auto_assignment_limit = 1
    account.save()
    served, first, second, last = visit(), visit(), visit(), visit()
    assert served.assignee == agent
    visitor_session = last.contact_inbox
    newcomer = visit.session()

    def resolve(conversation) -> None:
        path = (
            f"/api/v1/accounts/{account.pk}/conversations/"
            f"{conversation.display_id}/toggle_status"
        )
        status, body = api_post(
            server.url, path, agent.access_token, {"status": "resolved"}
        )
        assert status == 200, body

    async def scenario():
        visitor = await Client.connect(server.cable_url)
        agent_client = await Client.connect(server.cable_url)
        visitor_id = contact_identifier(visitor_session)
        agent_id = agent_identifier(agent, account.pk)
        assert (await visitor.subscribe(visitor_id))["type"] == "confirm_subscription"
        assert (await agent_client.subscribe(agent_id))["type"] == (
            "confirm_subscription"
        )
        places = []
        for conversation in (served, first, second):
            await asyncio.to_thread(resolve, conversation)
            dequeued = await agent_client.next_event("conversation.dequeued")
            place = await visitor.next_event("conversation.queue_position")
            places.append((dequeued["data"]["id"], place["data"]))
        # The visitor heard only its own place.
        assert {data["conversation_id"] for _, data in places} == {last.display_id}
        assert [dequeued for dequeued, _ in places] == [
            first.display_id,
            second.display_id,
            last.display_id,
        ]
        assert [data["position"] for _, data in places] == [2, 1, None]
        # Two hand-offs with others waiting: the estimate is observed, in seconds.
        assert isinstance(places[1][1]["wait"], int)
        path = (
            f"/public/api/v1/inboxes/{inbox.identifier}/contacts/"
            f"{newcomer.source_id}/conversations"
        )
        status, body = await asyncio.to_thread(api_post, server.url, path, "", {})
        assert status == 200, body
        queued = await agent_client.next_event("conversation.queued")
        assert queued["data"]["id"] == body["id"]
        # The reply to the visitor's request already tells its place.
        assert body["queue"]["position"] == 1
        assert isinstance(body["queue"]["wait"], int)
        await visitor.close()
        await agent_client.close()

    with onechat_server() as server:
        asyncio.run(scenario())
