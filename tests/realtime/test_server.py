"""/cable over real sockets against a daphne process (embedded mode, no Redis)."""

import asyncio
import json
import signal
import time
import urllib.request

import pytest

from tests import factories
from tests.realtime.cable import agent_identifier, contact_identifier
from tests.realtime.sockets import Client, api_post, send_message
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


def test_edit_and_delete_over_real_sockets(server, account, agent, conversation):
    """An agent edits then deletes a reply and deletes a note over HTTP: the
    contact's socket gets the new words, then the placeholder, never the
    original and never the note; the agent's socket gets all three."""
    agent_id = agent_identifier(agent, account.pk)
    contact_id = contact_identifier(conversation.contact_inbox)
    path = (
        f"/api/v1/accounts/{account.pk}/conversations/"
        f"{conversation.display_id}/messages"
    )

    def change(message_id: int, method: str, body: dict) -> dict:
        status, answer = api_post(
            server.url, f"{path}/{message_id}", agent.access_token, body, method
        )
        assert status == 200, (status, answer)
        return answer

    async def scenario():
        agent_client = await Client.connect(server.cable_url)
        contact_client = await Client.connect(server.cable_url)
        await agent_client.subscribe(agent_id)
        await contact_client.subscribe(contact_id)
        sent = await send_message(server.url, conversation, agent, "Secret-ish first")
        status, note = await asyncio.to_thread(
            api_post,
            server.url,
            path,
            agent.access_token,
            {"content": "Internal remark", "private": True},
        )
        assert status == 200
        await asyncio.to_thread(change, sent["id"], "PATCH", {"content": "Fixed"})
        await asyncio.to_thread(change, note["id"], "DELETE", {})
        await asyncio.to_thread(change, sent["id"], "DELETE", {})
        seen = {}
        for name, client in (("agent", agent_client), ("contact", contact_client)):
            frames = []
            while len(frames) < (3 if name == "agent" else 2):
                frames.append((await client.next_event("message.updated"))["data"])
            seen[name] = frames
        contact = seen["contact"]
        assert [(m["id"], m["content"]) for m in contact] == [
            (sent["id"], "Fixed"),
            (sent["id"], "This message was deleted"),
        ]
        assert "Secret-ish first" not in json.dumps(contact)
        assert {m["id"] for m in seen["agent"]} == {sent["id"], note["id"]}
        # Events arrive in commit order: had the note's delete reached the
        # contact, it would sit between the two above.
        await agent_client.close()
        await contact_client.close()

    asyncio.run(scenario())


def test_consult_invite_and_transfer_over_real_sockets(
    server, account, inbox, agent, conversation
):
    """Over HTTP then /cable: the consultant hears they joined, the contact
    hears nothing of the consult and sees the invited agent join; the transfer
    reaches the receiver with its note."""
    colleague = factories.UserFactory(name="Anna Colleague")
    factories.AccountUserFactory(account=account, user=colleague)
    factories.InboxMemberFactory(inbox=inbox, user=colleague)
    path = f"/api/v1/accounts/{account.pk}/conversations/{conversation.display_id}"

    def post(action: str, body: dict) -> None:
        status, answer = api_post(
            server.url, f"{path}/{action}", agent.access_token, body
        )
        assert status == 200, (action, status, answer)

    async def scenario():
        colleague_client = await Client.connect(server.cable_url)
        contact_client = await Client.connect(server.cable_url)
        await colleague_client.subscribe(agent_identifier(colleague, account.pk))
        await contact_client.subscribe(contact_identifier(conversation.contact_inbox))

        await asyncio.to_thread(
            post, "consult", {"user_id": colleague.pk, "note": "Secret"}
        )
        joined = await colleague_client.next_event("conversation.participant_joined")
        assert joined["data"]["participant_type"] == "consulting"
        await asyncio.to_thread(post, "participants", {"user_ids": [colleague.pk]})
        line = await contact_client.next_event("message.created")
        assert line["data"]["content"] == "Anna Colleague joined the chat"

        await asyncio.to_thread(
            post, "transfer", {"assignee_id": colleague.pk, "note": "Yours now"}
        )
        transferred = await colleague_client.next_event("conversation.transferred")
        assert transferred["data"]["note"]["content"] == "Yours now"
        # Neither the handoff note nor the assignment line reaches the
        # contact: its next message is the new assignee's reply.
        joined = await contact_client.next_event("message.created")
        assert joined["data"]["content"] == "Anna Colleague joined the conversation"
        await send_message(server.url, conversation, colleague, "Hi, Anna here")
        reply = await contact_client.next_event("message.created")
        assert reply["data"]["content"] == "Hi, Anna here"
        await colleague_client.close()
        await contact_client.close()

    asyncio.run(scenario())


async def event_names_until(client: Client, content: str) -> list[str]:
    """The names of the events a client hears up to the message ``content``."""
    names = []
    while True:
        frame = await client.next_frame(
            lambda frame: isinstance(frame.get("message"), dict)
        )
        event = frame["message"]
        names.append(event["event"])
        if event["event"] == "message.created" and event["data"]["content"] == content:
            return names


def test_capabilities_and_failures_reach_only_their_agent(
    server, account, inbox, agent, conversation, other_account_conversation
):
    """Over HTTP then /cable: a transfer's receiver hears they may reply and
    resolve now, the sender that they write notes only; the receiver's
    transfer to an offline agent is a 409 and an operation.failed on their
    socket. The contact and another account's agent hear none of it."""
    colleague = factories.UserFactory(name="Anna Colleague")
    factories.AccountUserFactory(account=account, user=colleague)
    factories.InboxMemberFactory(inbox=inbox, user=colleague)
    away = factories.UserFactory(name="Dana Away")
    factories.AccountUserFactory(account=account, user=away, availability="offline")
    factories.InboxMemberFactory(inbox=inbox, user=away)
    stranger = factories.UserFactory()
    factories.AccountUserFactory(
        account=other_account_conversation.account, user=stranger, role="administrator"
    )
    path = f"/api/v1/accounts/{account.pk}/conversations/{conversation.display_id}"

    def post(user, action: str, body: dict) -> tuple[int, dict]:
        return api_post(server.url, f"{path}/{action}", user.access_token, body)

    async def scenario():
        clients = {}
        for name, identifier in (
            ("agent", agent_identifier(agent, account.pk)),
            ("colleague", agent_identifier(colleague, account.pk)),
            ("contact", contact_identifier(conversation.contact_inbox)),
            (
                "stranger",
                agent_identifier(stranger, other_account_conversation.account_id),
            ),
        ):
            clients[name] = await Client.connect(server.cable_url)
            await clients[name].subscribe(identifier)

        status, _ = await asyncio.to_thread(
            post, agent, "transfer", {"assignee_id": colleague.pk}
        )
        assert status == 200
        gained = await clients["colleague"].next_event(
            "conversation.capabilities_changed"
        )
        assert gained["data"]["conversation_id"] == conversation.display_id
        assert {"send_message", "resolve", "transfer"} <= set(
            gained["data"]["capabilities"]
        )
        lost = await clients["agent"].next_event("conversation.capabilities_changed")
        assert lost["data"]["capabilities"] == ["add_note", "typing"]

        status, refused = await asyncio.to_thread(
            post, colleague, "transfer", {"assignee_id": away.pk}
        )
        assert (status, refused["error"]) == (
            409,
            "Dana Away is offline: hand it to someone online.",
        )
        failed = await clients["colleague"].next_event("operation.failed")
        assert failed["data"] == {
            "account_id": account.pk,
            "operation": "transfer",
            "conversation_id": conversation.display_id,
            "code": "receiver_offline",
            "reason": "Dana Away is offline: hand it to someone online.",
        }

        # A reply the contact sees, and a message in the stranger's own
        # account, end what each heard meanwhile.
        await send_message(server.url, conversation, colleague, "Anna here")
        heard = await event_names_until(clients["contact"], "Anna here")
        await send_message(
            server.url, other_account_conversation, stranger, "Elsewhere"
        )
        heard += await event_names_until(clients["stranger"], "Elsewhere")
        assert "conversation.capabilities_changed" not in heard
        assert "operation.failed" not in heard
        for client in clients.values():
            await client.close()

    asyncio.run(scenario())


def test_a_mention_reaches_only_who_may_read_the_conversation(
    server, account, administrator, agent, conversation
):
    """Over HTTP then /cable: a private note mentioning an inbox member and an
    agent who works another inbox tells the member; the other agent, who
    could not open the conversation, hears nothing of it."""
    outsider = factories.UserFactory(name="Olga Outsider")
    factories.AccountUserFactory(account=account, user=outsider)
    elsewhere_inbox = factories.InboxFactory(account=account)
    factories.InboxMemberFactory(inbox=elsewhere_inbox, user=outsider)
    elsewhere = factories.ConversationFactory(
        contact_inbox=factories.ContactInboxFactory(
            contact=conversation.contact, inbox=elsewhere_inbox
        )
    )
    note = (
        f"[@Olga](mention://user/{outsider.pk}/Olga) "
        f"[@Alex](mention://user/{agent.pk}/Alex) please look"
    )
    path = (
        f"/api/v1/accounts/{account.pk}/conversations/"
        f"{conversation.display_id}/messages"
    )

    async def scenario():
        member = await Client.connect(server.cable_url)
        await member.subscribe(agent_identifier(agent, account.pk))
        other = await Client.connect(server.cable_url)
        await other.subscribe(agent_identifier(outsider, account.pk))
        status, _ = await asyncio.to_thread(
            api_post,
            server.url,
            path,
            administrator.access_token,
            {"content": note, "private": True},
        )
        assert status == 200
        told = await member.next_event("conversation.mentioned")
        assert told["data"]["id"] == conversation.display_id
        # A message the outsider may read ends what they heard meanwhile.
        await send_message(server.url, elsewhere, administrator, "Elsewhere")
        heard = await event_names_until(other, "Elsewhere")
        assert "conversation.mentioned" not in heard
        for client in (member, other):
            await client.close()

    asyncio.run(scenario())


def test_agent_chat_over_real_sockets(server, account, inbox, agent):
    """A chat started and written over HTTP reaches the other member's socket."""
    colleague = factories.UserFactory(name="Anna Colleague")
    factories.AccountUserFactory(account=account, user=colleague)
    chats = f"/api/v1/accounts/{account.pk}/agent_chats"

    async def scenario():
        client = await Client.connect(server.cable_url)
        await client.subscribe(agent_identifier(colleague, account.pk))
        status, chat = await asyncio.to_thread(
            api_post,
            server.url,
            chats,
            agent.access_token,
            {"user_ids": [colleague.pk]},
        )
        assert status == 201, chat
        created = await client.next_event("agent_chat.created")
        assert created["data"]["id"] == chat["id"]
        status, _ = await asyncio.to_thread(
            api_post,
            server.url,
            f"{chats}/{chat['id']}/messages",
            agent.access_token,
            {"content": "Got a minute?"},
        )
        assert status == 201
        message = await client.next_event("agent_chat.message_created")
        assert message["data"]["content"] == "Got a minute?"
        assert isinstance(message["seq"], int)
        await client.close()

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


def test_an_agent_cannot_subscribe_as_a_contact_they_read(
    server, account, agent, conversation
):
    """An agent of another inbox reads the contact through the API; the
    pubsub_token it carries does not subscribe to the contact's conversation
    over /cable (the session's own token still does)."""
    outsider = factories.UserFactory()
    factories.AccountUserFactory(account=account, user=outsider)
    base = f"{server.url}/api/v1/accounts/{account.pk}"
    request = urllib.request.Request(
        f"{base}/contacts/{conversation.contact_id}",
        headers={"api-access-token": outsider.access_token},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        read = json.loads(response.read())["payload"]["pubsub_token"]
    session = conversation.contact_inbox
    assert read and read != session.pubsub_token
    stolen = json.dumps({"channel": "RoomChannel", "pubsub_token": read})
    own = contact_identifier(session)

    async def scenario():
        client = await Client.connect(server.cable_url)
        assert (await client.subscribe(stolen))["type"] == "reject_subscription"
        assert (await client.subscribe(own))["type"] == "confirm_subscription"
        await client.close()

    asyncio.run(scenario())
