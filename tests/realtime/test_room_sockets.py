"""Over real sockets against a daphne process: the visitor reads who joined,
agents see the visitor leave the page and come back, availability is pushed
as it changes, and a refused write is told to the one who tried; each to its
audience alone, nothing to another account."""

import asyncio
import time

import pytest

from accounts.models import AccountUser
from tests import factories
from tests.realtime.cable import agent_identifier, contact_identifier
from tests.realtime.sockets import Client, api_post
from tests.servers import onechat_server

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]

AWAY_SECONDS = 1


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    with onechat_server(env={"VISITOR_AWAY_SECONDS": str(AWAY_SECONDS)}) as running:
        yield running


@pytest.fixture
def colleague(account, inbox):
    user = factories.UserFactory(name="Anna Colleague", display_name="Ana")
    factories.AccountUserFactory(account=account, user=user)
    factories.InboxMemberFactory(inbox=inbox, user=user)
    return user


@pytest.fixture
def elsewhere():
    """An agent and a visitor's conversation of another account."""
    membership = factories.AccountUserFactory(role=AccountUser.Role.ADMINISTRATOR)
    inbox = factories.InboxFactory(account=membership.account)
    factories.InboxMemberFactory(inbox=inbox, user=membership.user)
    session = factories.ContactInboxFactory(
        contact=factories.ContactFactory(account=membership.account), inbox=inbox
    )
    factories.ConversationFactory(contact_inbox=session)
    return agent_identifier(membership.user, membership.account_id), session


async def connected(server, identifier: str) -> Client:
    client = await Client.connect(server.cable_url)
    assert (await client.subscribe(identifier))["type"] == "confirm_subscription"
    return client


async def hears_nothing(client: Client, *names: str, seconds: float = 1.5) -> None:
    """No event among ``names`` reaches ``client`` for ``seconds``."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        try:
            frame = await client.receive(left)
        except TimeoutError:
            return
        message = frame.get("message")
        if isinstance(message, dict):
            assert message.get("event") not in names, message


def post(server, user, path: str, body: dict) -> tuple[int, dict]:
    return api_post(server.url, path, user.access_token, body)


def test_the_visitor_reads_who_joined(
    server, account, conversation, agent, colleague, elsewhere
):
    """Assigning Ana writes "Ana joined the conversation" to the visitor's
    socket: the name alone, none of the agents' own lines or events."""
    stranger, foreign_session = elsewhere

    async def scenario():
        visitor = await connected(
            server, contact_identifier(conversation.contact_inbox)
        )
        foreign = [
            await connected(server, stranger),
            await connected(server, contact_identifier(foreign_session)),
        ]
        path = (
            f"/api/v1/accounts/{account.pk}/conversations/"
            f"{conversation.display_id}/assignments"
        )
        status, _ = await asyncio.to_thread(
            post, server, agent, path, {"assignee_id": colleague.pk}
        )
        assert status == 200
        joined = await visitor.next_event("message.created")
        assert joined["data"]["content"] == "Ana joined the conversation"
        assert joined["data"]["content_attributes"]["i18n"] == {
            "kind": "assignee.joined",
            "params": {"name": "Ana"},
        }
        assert "sender" not in joined["data"]
        await hears_nothing(visitor, "message.created", "assignee.changed")
        for client in foreign:
            await hears_nothing(
                client, "message.created", "assignee.changed", seconds=0.3
            )
        for client in (visitor, *foreign):
            await client.close()

    asyncio.run(scenario())


def test_agents_see_the_visitor_leave_and_come_back(
    server, account, conversation, agent, elsewhere
):
    """Hidden or closed for the delay: away, to the conversation's agents; a
    reload within it tells nobody; shown again: back. The visitor and another
    account hear none of it."""
    stranger, _ = elsewhere
    visitor_id = contact_identifier(conversation.contact_inbox)

    async def scenario():
        watcher = await connected(server, agent_identifier(agent, account.pk))
        foreign = await connected(server, stranger)
        visitor = await connected(server, visitor_id)
        await visitor.perform(visitor_id, "page", visible=False)
        away = await watcher.next_event("conversation.contact_presence", 5)
        assert away["data"] == {
            "account_id": account.pk,
            "conversation_id": conversation.display_id,
            "contact_id": conversation.contact_id,
            "status": "away",
        }
        await visitor.perform(visitor_id, "page", visible=True)
        back = await watcher.next_event("conversation.contact_presence", 5)
        assert back["data"]["status"] == "online"
        # A reload: the socket closes and another opens at once.
        await visitor.close()
        visitor = await connected(server, visitor_id)
        await hears_nothing(watcher, "conversation.contact_presence", seconds=2.5)
        # Leaving for good: the socket closing counts.
        await visitor.close()
        started = time.monotonic()
        left = await watcher.next_event("conversation.contact_presence", 5)
        assert left["data"]["status"] == "away"
        assert time.monotonic() - started >= AWAY_SECONDS - 0.5
        await hears_nothing(foreign, "conversation.contact_presence", seconds=0.3)
        await watcher.close()
        await foreign.close()

    asyncio.run(scenario())


def test_the_visitor_is_not_told_of_its_own_page(server, conversation):
    """The visitor's socket never hears conversation.contact_presence."""
    visitor_id = contact_identifier(conversation.contact_inbox)

    async def scenario():
        visitor = await connected(server, visitor_id)
        second = await connected(server, visitor_id)
        await second.perform(visitor_id, "page", visible=False)
        await visitor.perform(visitor_id, "page", visible=False)
        await hears_nothing(visitor, "conversation.contact_presence", seconds=2.5)
        await visitor.close()
        await second.close()

    asyncio.run(scenario())


def test_availability_is_pushed_without_waiting(
    server, account, inbox, conversation, agent, colleague, elsewhere
):
    """An agent going busy reaches the other agents' dots and the visitor's
    "online" at once (the heartbeat is 20 s away): agents hear each one's
    availability, the visitor only which agents of its inbox are online, and
    another account nothing."""
    stranger, foreign_session = elsewhere
    AccountUser.objects.filter(account=account).update(auto_offline=False)

    async def scenario():
        watcher = await connected(server, agent_identifier(agent, account.pk))
        visitor = await connected(
            server, contact_identifier(conversation.contact_inbox)
        )
        foreign = [
            await connected(server, stranger),
            await connected(server, contact_identifier(foreign_session)),
        ]
        started = time.monotonic()
        status, _ = await asyncio.to_thread(
            post,
            server,
            colleague,
            "/api/v1/profile/availability",
            {"profile": {"account_id": account.pk, "availability": "busy"}},
        )
        assert status == 200
        agents = await watcher.next_event("presence.update", 3)
        assert agents["data"]["users"][str(colleague.pk)] == "busy"
        assert agents["data"]["users"][str(agent.pk)] == "online"
        visitors = await visitor.next_event("presence.update", 3)
        assert visitors["data"] == {
            "account_id": account.pk,
            "users": {str(agent.pk): "online"},
        }
        assert time.monotonic() - started < 3
        for client in foreign:
            await hears_nothing(client, "presence.update", seconds=0.3)
        for client in (watcher, visitor, *foreign):
            await client.close()

    asyncio.run(scenario())


def test_a_refused_write_reaches_the_one_who_tried(
    server, account, conversation, agent, colleague
):
    """Resolving what a colleague handles is a 403 and operation.failed on the
    agent's socket, named and with its code; the colleague hears nothing."""
    path = (
        f"/api/v1/accounts/{account.pk}/conversations/"
        f"{conversation.display_id}/toggle_status"
    )
    conversation.assignee = colleague
    conversation.save()

    async def scenario():
        mine = await connected(server, agent_identifier(agent, account.pk))
        theirs = await connected(server, agent_identifier(colleague, account.pk))
        status, answer = await asyncio.to_thread(
            post, server, agent, path, {"status": "resolved"}
        )
        assert status == 403
        failed = await mine.next_event("operation.failed")
        assert failed["data"]["operation"] == "resolve"
        assert failed["data"]["code"] == "capability_missing"
        assert failed["data"]["reason"] == answer["error"]
        await hears_nothing(theirs, "operation.failed", seconds=0.5)
        await mine.close()
        await theirs.close()

    asyncio.run(scenario())
