"""Delivery state end to end: a OneChat server and a job worker sharing Redis,
real sockets for the contact and the agents. A message becomes delivered when
a frame of it reached the other side's socket, read with the other side's
last seen, and both sides hear it as ``message.updated``, batched per
conversation; states never go back; another account's socket marks nothing."""

import asyncio
import itertools
import json
import time
import urllib.request
import uuid
from collections.abc import Iterator

import pytest
from django_tasks_db.models import DBTaskResult

from conversations.models import Message
from tests import factories
from tests.realtime.cable import agent_identifier, contact_identifier
from tests.realtime.sockets import Client, api_post, send_message
from tests.servers import Server, server_and_worker

pytestmark = [
    pytest.mark.server,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]

PUSH_TASK = "conversations.tasks.push_message_statuses"


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Server]:
    """A server and a worker on one Redis (keys of this module only). The
    server's media folder is a file, so storing any attachment fails."""
    not_a_folder = tmp_path_factory.mktemp("media") / "not-a-folder"
    not_a_folder.write_text("a file where the media folder should be")
    with (
        django_db_blocker.unblock(),
        server_and_worker(server_env={"MEDIA_ROOT": str(not_a_folder)}) as running,
    ):
        yield running


def public_path(conversation, source_id: str | None = None) -> str:
    """The public client API path of a conversation of a contact session."""
    session = conversation.contact_inbox
    return (
        f"/public/api/v1/inboxes/{session.inbox.identifier}/contacts/"
        f"{source_id or session.source_id}/conversations/{conversation.display_id}"
    )


def public_post(server: Server, path: str, body: dict | None = None) -> tuple:
    """POST JSON to the public client API (no credentials)."""
    request = urllib.request.Request(
        f"{server.url}{path}",
        data=json.dumps(body or {}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def agent_seen(server: Server, conversation, agent) -> None:
    """The agent opens the conversation (the dashboard's last-seen update)."""
    status, body = api_post(
        server.url,
        f"/api/v1/accounts/{conversation.account_id}/conversations/"
        f"{conversation.display_id}/update_last_seen",
        agent.access_token,
        {},
    )
    assert status == 200, body


async def connected(server: Server, identifier: str) -> Client:
    client = await Client.connect(server.cable_url)
    assert (await client.subscribe(identifier))["type"] == "confirm_subscription"
    return client


async def status_of(client: Client, message_id: int, status: str) -> dict:
    """The ``message.updated`` that tells ``client`` the message is ``status``."""
    frame = await client.next_frame(
        lambda frame: (
            isinstance(frame.get("message"), dict)
            and frame["message"].get("event") == "message.updated"
            and frame["message"]["data"]["id"] == message_id
            and frame["message"]["data"]["status"] == status
        ),
        timeout=10,
    )
    return frame["message"]["data"]


def stored_status(message_id: int) -> str:
    return Message.objects.get(pk=message_id).status


def test_agent_message_delivered_then_read(server, account, agent, conversation):
    """An agent's reply is delivered once the contact's socket got it and
    read once the contact's last seen moved past it; both sides hear each
    state as message.updated."""

    async def scenario():
        agent_client = await connected(server, agent_identifier(agent, account.pk))
        contact_client = await connected(
            server, contact_identifier(conversation.contact_inbox)
        )
        sent = await send_message(server.url, conversation, agent, "Hello there")
        assert sent["status"] == "sent"
        for client in (contact_client, agent_client):
            delivered = await status_of(client, sent["id"], "delivered")
            assert delivered["content"] == "Hello there"
        status, _ = await asyncio.to_thread(
            public_post, server, public_path(conversation) + "/update_last_seen"
        )
        assert status == 200
        for client in (contact_client, agent_client):
            await status_of(client, sent["id"], "read")
        await agent_client.close()
        await contact_client.close()

    asyncio.run(scenario())
    assert stored_status(Message.objects.latest("pk").pk) == "read"


def test_contact_message_delivered_then_read(server, account, agent, conversation):
    """A contact's message is delivered once an agent's socket got it and read
    once an agent opened the conversation; both sides hear it."""

    async def scenario():
        agent_client = await connected(server, agent_identifier(agent, account.pk))
        contact_client = await connected(
            server, contact_identifier(conversation.contact_inbox)
        )
        status, sent = await asyncio.to_thread(
            public_post,
            server,
            public_path(conversation) + "/messages",
            {"content": "Is anyone there?"},
        )
        assert status == 200, sent
        for client in (agent_client, contact_client):
            await status_of(client, sent["id"], "delivered")
        await asyncio.to_thread(agent_seen, server, conversation, agent)
        for client in (agent_client, contact_client):
            await status_of(client, sent["id"], "read")
        await agent_client.close()
        await contact_client.close()

    asyncio.run(scenario())


def test_undelivered_message_stays_sent_and_states_never_go_back(
    server, account, agent, conversation
):
    """Without a contact socket a reply stays sent; the contact's last seen
    makes it read at once, and a socket that later receives a newer reply
    marks that one delivered without taking the read one back."""

    async def scenario():
        first = await send_message(server.url, conversation, agent, "Anyone?")
        await asyncio.sleep(2.5)
        assert await asyncio.to_thread(stored_status, first["id"]) == "sent"
        await asyncio.to_thread(
            public_post, server, public_path(conversation) + "/update_last_seen"
        )
        agent_client = await connected(server, agent_identifier(agent, account.pk))
        await status_of(agent_client, first["id"], "read")
        contact_client = await connected(
            server, contact_identifier(conversation.contact_inbox)
        )
        second = await send_message(server.url, conversation, agent, "Still here")
        await status_of(agent_client, second["id"], "delivered")
        await agent_client.close()
        await contact_client.close()
        return first, second

    first, second = asyncio.run(scenario())
    assert stored_status(first["id"]) == "read"
    assert stored_status(second["id"]) == "delivered"


def test_many_messages_in_a_second_make_one_batch(server, account, agent, conversation):
    """Twelve replies in well under a second, each delivered to the contact's
    socket: the delivered states reach the agent in at most two batches (the
    first window and the rest), not one per message; counted by the worker's
    push jobs and by the bursts of message.updated frames."""

    async def scenario():
        agent_client = await connected(server, agent_identifier(agent, account.pk))
        contact_client = await connected(
            server, contact_identifier(conversation.contact_inbox)
        )
        sent = [
            await send_message(server.url, conversation, agent, f"Line {n}")
            for n in range(12)
        ]
        arrivals: dict[int, float] = {}
        deadline = time.monotonic() + 15
        while len(arrivals) < len(sent) and time.monotonic() < deadline:
            frame = await agent_client.next_frame(
                lambda frame: (
                    isinstance(frame.get("message"), dict)
                    and frame["message"].get("event") == "message.updated"
                ),
                timeout=deadline - time.monotonic(),
            )
            data = frame["message"]["data"]
            if data["status"] == "delivered":
                arrivals.setdefault(data["id"], time.monotonic())
        await agent_client.close()
        await contact_client.close()
        return sent, arrivals

    started = time.monotonic()
    sent, arrivals = asyncio.run(scenario())
    assert set(arrivals) == {message["id"] for message in sent}
    moments = sorted(arrivals.values())
    bursts = 1 + sum(1 for a, b in itertools.pairwise(moments) if b - a > 0.5)
    jobs = DBTaskResult.objects.filter(
        task_path=PUSH_TASK, args_kwargs__kwargs__conversation_id=conversation.pk
    ).count()
    # Sending took a while on a loaded machine: one batch per second of it.
    seconds = time.monotonic() - started
    assert bursts <= jobs <= int(seconds) + 1
    assert jobs < len(sent)
    assert bursts <= 3


def test_attachment_that_cannot_be_stored_fails_with_reason(
    server, account, agent, conversation
):
    """The server cannot store the upload (its media folder is a file): the
    message is kept, failed, with the reason in external_error, and both
    sides get that state in message.created."""

    async def scenario():
        agent_client = await connected(server, agent_identifier(agent, account.pk))
        contact_client = await connected(
            server, contact_identifier(conversation.contact_inbox)
        )
        body = await asyncio.to_thread(upload, server, conversation, agent)
        for client in (agent_client, contact_client):
            created = (await client.next_event("message.created"))["data"]
            assert created["id"] == body["id"]
            assert created["status"] == "failed"
            assert not created.get("attachments")
        await agent_client.close()
        await contact_client.close()
        return body

    body = asyncio.run(scenario())
    assert body["status"] == "failed"
    reason = body["content_attributes"]["external_error"]
    assert reason == "Could not store the attachment: notes.txt"
    time.sleep(2.5)
    # Failed stays failed even though the contact's socket got it.
    assert stored_status(body["id"]) == "failed"


def upload(server: Server, conversation, agent) -> dict:
    """An agent's reply with a text file, as multipart."""
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="content"\r\n\r\n'
        "Here is the file\r\n",
        f"--{boundary}\r\nContent-Disposition: form-data; "
        f'name="attachments[]"; filename="notes.txt"\r\n'
        "Content-Type: text/plain\r\n\r\nhello\r\n",
        f"--{boundary}--\r\n",
    ]
    request = urllib.request.Request(
        f"{server.url}/api/v1/accounts/{conversation.account_id}/conversations/"
        f"{conversation.display_id}/messages",
        data="".join(parts).encode(),
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "api-access-token": agent.access_token,
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        return json.loads(response.read())


def test_other_accounts_socket_and_contact_mark_nothing(
    server, account, agent, conversation
):
    """An agent socket of another account and another conversation's contact
    socket are open while the contact writes and nobody of the account is
    connected: the message stays sent. A contact's last seen naming another
    contact's conversation is refused and marks nothing."""
    stranger = factories.UserFactory()
    other_conversation = factories.ConversationFactory()
    factories.AccountUserFactory(account=other_conversation.account, user=stranger)
    factories.InboxMemberFactory(inbox=other_conversation.inbox, user=stranger)
    neighbour = factories.ConversationFactory(
        contact_inbox=factories.ContactInboxFactory(
            contact=factories.ContactFactory(account=account),
            inbox=conversation.inbox,
        )
    )

    async def scenario():
        outsiders = [
            await connected(
                server, agent_identifier(stranger, other_conversation.account_id)
            ),
            await connected(server, contact_identifier(neighbour.contact_inbox)),
        ]
        status, sent = await asyncio.to_thread(
            public_post,
            server,
            public_path(conversation) + "/messages",
            {"content": "Hello?"},
        )
        assert status == 200
        reply = await send_message(server.url, neighbour, agent, "For the neighbour")
        await asyncio.sleep(2.5)
        for client in outsiders:
            await client.close()
        return sent, reply

    sent, reply = asyncio.run(scenario())
    assert stored_status(sent["id"]) == "sent"
    # The neighbour's own socket did get its reply.
    assert stored_status(reply["id"]) == "delivered"
    status, _ = public_post(
        server,
        public_path(neighbour, source_id=conversation.contact_inbox.source_id)
        + "/update_last_seen",
    )
    assert status == 404
    assert stored_status(reply["id"]) == "delivered"


def test_private_note_and_activity_lines_stay_untouched(
    server, account, agent, conversation
):
    """With both sides connected and both last seen moving, a private note and
    an activity line keep their state."""

    async def scenario():
        clients = [
            await connected(server, agent_identifier(agent, account.pk)),
            await connected(server, contact_identifier(conversation.contact_inbox)),
        ]
        status, note = await asyncio.to_thread(
            api_post,
            server.url,
            f"/api/v1/accounts/{account.pk}/conversations/"
            f"{conversation.display_id}/messages",
            agent.access_token,
            {"content": "Internal only", "private": True},
        )
        assert status == 200
        await asyncio.to_thread(
            api_post,
            server.url,
            f"/api/v1/accounts/{account.pk}/conversations/"
            f"{conversation.display_id}/toggle_status",
            agent.access_token,
            {"status": "resolved"},
        )
        await asyncio.to_thread(agent_seen, server, conversation, agent)
        await asyncio.to_thread(
            public_post, server, public_path(conversation) + "/update_last_seen"
        )
        await asyncio.sleep(2.5)
        for client in clients:
            await client.close()
        return note

    note = asyncio.run(scenario())
    assert stored_status(note["id"]) == "sent"
    activity = Message.objects.filter(
        conversation=conversation, message_type=Message.MessageType.ACTIVITY
    )
    assert activity.exists()
    assert set(activity.values_list("status", flat=True)) == {"sent"}
