"""A resolve's wrap-up note over real sockets: the agents hear it, the
contact never does."""

import asyncio

import pytest

from accounts.models import Inbox
from conversations.models import Label
from tests.realtime.cable import agent_identifier, contact_identifier
from tests.realtime.sockets import Client, api_post, send_message
from tests.servers import onechat_server

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    with onechat_server() as running:
        yield running


def test_wrap_up_note_reaches_agents_not_the_contact(
    server, account, agent, conversation
):
    """Over HTTP then /cable: the wrap-up's private note reaches the agent's
    socket; the contact's socket hears the reply sent after it, never the note."""
    Inbox.objects.filter(pk=conversation.inbox.pk).update(wrap_up="optional")
    Label.objects.create(account=account, title="billing")
    path = (
        f"/api/v1/accounts/{account.pk}/conversations/"
        f"{conversation.display_id}/toggle_status"
    )
    body = {
        "status": "resolved",
        "wrap_up": {"labels": ["billing"], "note": "Refund sent, do not mention"},
    }

    async def scenario():
        agent_client = await Client.connect(server.cable_url)
        contact_client = await Client.connect(server.cable_url)
        await agent_client.subscribe(agent_identifier(agent, account.pk))
        await contact_client.subscribe(contact_identifier(conversation.contact_inbox))
        status, answer = await asyncio.to_thread(
            api_post, server.url, path, agent.access_token, body
        )
        assert status == 200, answer
        note = await agent_client.next_event("message.created")
        while note["data"]["content"] != "Refund sent, do not mention":
            note = await agent_client.next_event("message.created")
        assert note["data"]["private"] is True
        after = await send_message(server.url, conversation, agent, "Anything else?")
        heard = []
        while not heard or heard[-1]["id"] != after["id"]:
            heard.append((await contact_client.next_event("message.created"))["data"])
        assert all(m["content"] != "Refund sent, do not mention" for m in heard)
        assert all(m["private"] is False for m in heard)
        await agent_client.close()
        await contact_client.close()

    asyncio.run(scenario())
