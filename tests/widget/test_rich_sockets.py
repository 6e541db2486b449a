"""Answers and reactions over real sockets: a visitor answers through the
widget API of a daphne process, and the agent's /cable socket hears it."""

import asyncio
import json
import urllib.request

import pytest

from conversations.models import Conversation, Message
from conversations.services import create_message
from tests.conversations.rich_samples import VALID
from tests.realtime.cable import agent_identifier, contact_identifier
from tests.realtime.sockets import Client

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]


def widget_call(server, inbox, method: str, path: str, body: dict, token=None):
    """A JSON call of the widget API over HTTP; (status, body)."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["X-Widget-Session"] = token
    request = urllib.request.Request(
        f"{server.url}/api/v1/widget/{path}?website_token={inbox.website_token}",
        data=json.dumps(body).encode(),
        headers=headers,
        method=method,
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def test_answer_reaches_the_agent_socket(server, account, inbox, agent):
    """The visitor's menu answer arrives at the agent's socket as
    message.updated (the question, answered) and message.created (the answer
    replying to it); the visitor's own socket hears both too."""
    status, session = widget_call(server, inbox, "POST", "session", {})
    assert status == 200
    token = session["session_token"]
    status, _ = widget_call(
        server, inbox, "POST", "messages", {"content": "Which plan?"}, token
    )
    assert status == 200
    conversation = Conversation.objects.get(inbox=inbox)
    question = create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        sender=agent,
        content=VALID["input_select"]["content"],
        content_type="input_select",
        content_attributes=VALID["input_select"]["content_attributes"],
    )
    visitor = contact_identifier(conversation.contact_inbox)

    async def scenario():
        agent_client = await Client.connect(server.cable_url)
        contact_client = await Client.connect(server.cable_url)
        await agent_client.subscribe(agent_identifier(agent, account.pk))
        await contact_client.subscribe(visitor)
        status, body = await asyncio.to_thread(
            widget_call,
            server,
            inbox,
            "PATCH",
            f"messages/{question.pk}",
            {"submitted_values": [{"title": "Pro", "value": "pro"}]},
            token,
        )
        assert status == 200, body
        for client in (agent_client, contact_client):
            updated = await client.next_event("message.updated")
            assert updated["data"]["id"] == question.pk
            assert updated["data"]["content_attributes"]["answered"] is True
            created = await client.next_event("message.created")
            attributes = created["data"]["content_attributes"]
            assert created["data"]["content"] == "Pro"
            assert attributes["in_reply_to"] == question.pk
            assert attributes["response_to"] == "input_select"
            assert attributes["reply_to"]["id"] == question.pk
        again = await asyncio.to_thread(
            widget_call,
            server,
            inbox,
            "PATCH",
            f"messages/{question.pk}",
            {"submitted_values": [{"title": "Basic", "value": "basic"}]},
            token,
        )
        assert again[0] == 409
        await agent_client.close()
        await contact_client.close()

    asyncio.run(scenario())


def test_reaction_reaches_the_agent_socket(server, account, inbox, agent):
    """A visitor's reaction updates the agent's reply on the agent's socket."""
    _, session = widget_call(server, inbox, "POST", "session", {})
    token = session["session_token"]
    widget_call(server, inbox, "POST", "messages", {"content": "Hello"}, token)
    conversation = Conversation.objects.get(inbox=inbox)
    reply = create_message(
        conversation=conversation, message_type=1, sender=agent, content="Hi!"
    )

    async def scenario():
        agent_client = await Client.connect(server.cable_url)
        await agent_client.subscribe(agent_identifier(agent, account.pk))
        status, body = await asyncio.to_thread(
            widget_call,
            server,
            inbox,
            "POST",
            "messages",
            {
                "content": "👍",
                "content_type": "reaction",
                "content_attributes": {"in_reply_to": reply.pk},
            },
            token,
        )
        assert status == 200, body
        created = await agent_client.next_event("message.created")
        assert created["data"]["content_type"] == "reaction"
        updated = await agent_client.next_event("message.updated")
        assert updated["data"]["id"] == reply.pk
        assert updated["data"]["content_attributes"]["reactions"] == [
            {
                "emoji": "👍",
                "sender_type": "contact",
                "sender_id": conversation.contact_id,
            }
        ]
        await agent_client.close()

    asyncio.run(scenario())
