"""The /cable consumer: protocol, subscriptions, bad input, delivery, actions."""

import asyncio
import json

import pytest
from asgiref.sync import async_to_sync

from channels.db import database_sync_to_async

from accounts.models import AccountUser
from contacts import services as contact_services
from conversations import services
from conversations.models import Message
from tests import factories
from tests.realtime.cable import Cable, agent_identifier, contact_identifier

pytestmark = pytest.mark.django_db(transaction=True)


def run(scenario):
    """Run an async scenario from a sync test (pytest-django's DB stays usable)."""
    return async_to_sync(scenario)()


@database_sync_to_async
def incoming(conversation, content="hi") -> Message:
    return services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        content=content,
        sender=conversation.contact,
    )


@database_sync_to_async
def private_note(conversation, agent) -> Message:
    return services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content="internal",
        sender=agent,
        private=True,
    )


### Connection


def test_welcome_and_subprotocol():
    """The server says welcome and picks actioncable-v1-json when offered."""

    async def scenario():
        cable = await Cable().open()
        assert cable.subprotocol == "actioncable-v1-json"
        await cable.close()
        plain = await Cable(subprotocols=[]).open()
        assert plain.subprotocol is None
        await plain.close()

    run(scenario)


def test_ping_heartbeat(settings):
    """Every connection gets a ping with the unix time at the configured interval."""
    settings.ONECHAT_CABLE_PING_SECONDS = 0.2

    async def scenario():
        first, second = await Cable().open(), await Cable().open()
        for cable in (first, second):
            frame = await cable.receive(timeout=1)
            assert frame["type"] == "ping"
            assert isinstance(frame["message"], int)
        await first.close()
        await second.close()

    run(scenario)


def test_idle_connection_has_no_task_of_its_own(account, agent):
    """A subscribed idle connection waits in the one task its server runs it in:
    no task per pending receive (thousands of idle sockets stay cheap)."""
    identifier = agent_identifier(agent, account.pk)

    async def scenario():
        # The first connection starts the process-wide tasks (heartbeat, feed).
        first = await Cable().open()
        await first.subscribe(identifier)
        before = len(asyncio.all_tasks())
        cables = [await Cable().open() for _ in range(3)]
        for cable in cables:
            await cable.subscribe(identifier)
        # The communicator runs each connection in one task, as servers do.
        assert len(asyncio.all_tasks()) - before == len(cables)
        for cable in (first, *cables):
            await cable.close()

    run(scenario)


### Subscriptions


def test_agent_subscription_echoes_identifier_byte_for_byte(account, agent):
    """The confirm carries the identifier string exactly as sent."""
    identifier = (
        f'{{ "user_id":{agent.pk},"channel" : "RoomChannel", '
        f'"account_id": "{account.pk}","pubsub_token":"{agent.pubsub_token}" }}'
    )

    async def scenario():
        cable = await Cable().open()
        frame = await cable.subscribe(identifier)
        assert frame == {"identifier": identifier, "type": "confirm_subscription"}
        await cable.close()

    run(scenario)


def test_contact_subscription(contact_session):
    """A contact session token subscribes without user_id."""

    async def scenario():
        cable = await Cable().open()
        frame = await cable.subscribe(contact_identifier(contact_session))
        assert frame["type"] == "confirm_subscription"
        await cable.close()

    run(scenario)


def test_rejects(account, agent, contact_session, other_account_conversation):
    """Anything that does not check out is rejected with the identifier echoed."""
    other_account = other_account_conversation.account
    outsider = factories.UserFactory()
    inactive = factories.UserFactory(is_active=False)
    factories.AccountUserFactory(account=account, user=inactive)
    identifiers = [
        json.dumps({"channel": "RoomChannel", "pubsub_token": "no-such-token"}),
        agent_identifier(agent, other_account.pk),
        agent_identifier(outsider, account.pk),
        agent_identifier(inactive, account.pk),
        json.dumps(
            {
                "channel": "RoomChannel",
                "pubsub_token": agent.pubsub_token,
                "account_id": account.pk,
                "user_id": outsider.pk,
            }
        ),
        contact_identifier(contact_session, user_id=agent.pk, account_id=account.pk),
        contact_identifier(contact_session, account_id=other_account.pk),
        contact_identifier(contact_session, channel="AppearanceChannel"),
        json.dumps({"pubsub_token": agent.pubsub_token}),
        json.dumps({"channel": ["RoomChannel"]}),
        json.dumps({"channel": "RoomChannel"}),
        "not json",
        "[1, 2]",
        '"RoomChannel"',
    ]

    async def scenario():
        cable = await Cable().open()
        for identifier in identifiers:
            frame = await cable.subscribe(identifier)
            assert frame == {"identifier": identifier, "type": "reject_subscription"}
        assert (await cable.subscribe(agent_identifier(agent, account.pk)))[
            "type"
        ] == "confirm_subscription"
        await cable.close()

    run(scenario)


def test_repeated_subscribe_is_confirmed_once_delivered_once(
    account, agent, conversation
):
    """Subscribing twice with one identifier confirms again but delivers once."""
    identifier = agent_identifier(agent, account.pk)

    async def scenario():
        cable = await Cable().open()
        assert (await cable.subscribe(identifier))["type"] == "confirm_subscription"
        assert (await cable.subscribe(identifier))["type"] == "confirm_subscription"
        await incoming(conversation)
        frame = await cable.receive_data()
        assert frame["identifier"] == identifier
        assert frame["message"]["event"] == "message.created"
        assert await cable.nothing()
        await cable.close()

    run(scenario)


def test_several_subscriptions_on_one_connection(
    account, agent, administrator, conversation
):
    """Each subscription of a connection gets its own copy, under its identifier."""
    first = agent_identifier(agent, account.pk)
    second = agent_identifier(administrator, account.pk)

    async def scenario():
        cable = await Cable().open()
        await cable.subscribe(first)
        await cable.subscribe(second)
        await incoming(conversation)
        frames = [await cable.receive_data(), await cable.receive_data()]
        assert {frame["identifier"] for frame in frames} == {first, second}
        await cable.send({"command": "unsubscribe", "identifier": second})
        await cable.settle()
        await incoming(conversation)
        assert (await cable.receive_data())["identifier"] == first
        assert await cable.nothing()
        await cable.close()

    run(scenario)


### Bad input


def test_bad_frames_are_ignored_and_connection_lives_on(account, agent):
    """Non-JSON, non-objects, binary frames, unknown commands and actions are
    logged and ignored; the connection keeps working."""
    identifier = agent_identifier(agent, account.pk)
    frames = [
        "not json",
        "[]",
        "42",
        json.dumps({"command": "dance", "identifier": identifier}),
        json.dumps({"identifier": identifier}),
        json.dumps({"command": "subscribe", "identifier": {"channel": "RoomChannel"}}),
        json.dumps({"command": "subscribe"}),
        json.dumps({"command": "message", "identifier": identifier, "data": "{}"}),
        json.dumps({"command": "message", "identifier": identifier, "data": "nope"}),
        json.dumps({"command": "message", "identifier": identifier, "data": {"a": 1}}),
        json.dumps(
            {
                "command": "message",
                "identifier": identifier,
                "data": json.dumps({"action": "fly"}),
            }
        ),
        json.dumps({"command": "unsubscribe", "identifier": "never subscribed"}),
    ]

    async def scenario():
        cable = await Cable().open()
        await cable.perform(identifier, "update_presence")
        for frame in frames:
            await cable.send(frame)
        await cable.communicator.send_to(bytes_data=b"\x00\x01binary")
        assert await cable.nothing()
        assert (await cable.subscribe(identifier))["type"] == "confirm_subscription"
        await cable.perform(identifier, "fly")
        await cable.perform(identifier, "catch_up", after="yesterday")
        assert await cable.nothing()
        await cable.close()

    run(scenario)


def test_huge_frame_disconnects(settings):
    """A frame over the size limit ends the connection with invalid_request."""
    settings.ONECHAT_CABLE_MAX_FRAME_BYTES = 1024

    async def scenario():
        cable = await Cable().open()
        await cable.send(json.dumps({"command": "subscribe", "identifier": "x" * 2000}))
        assert await cable.receive_data() == {
            "type": "disconnect",
            "reason": "invalid_request",
            "reconnect": False,
        }
        assert await cable.closed()

    run(scenario)


def test_subscribe_flood_disconnects(settings, account, agent, contact_session):
    """More subscribes than the cap on one connection, confirmed or rejected, is
    a flood: disconnect."""
    settings.ONECHAT_CABLE_MAX_SUBSCRIPTIONS = 3

    async def scenario():
        cable = await Cable().open()
        for number in range(3):
            identifier = agent_identifier(agent, account.pk, n=number)
            frame = await cable.subscribe(identifier)
            assert frame["type"] == "confirm_subscription"
        frame = await cable.subscribe(agent_identifier(agent, account.pk, n=99))
        assert frame == {
            "type": "disconnect",
            "reason": "invalid_request",
            "reconnect": False,
        }
        assert await cable.closed()

        rejected = await Cable().open()
        wrong = contact_identifier(contact_session, user_id=agent.pk)
        for _ in range(3):
            frame = await rejected.subscribe(wrong)
            assert frame["type"] == "reject_subscription"
        frame = await rejected.subscribe(wrong)
        assert frame["reason"] == "invalid_request"
        assert await rejected.closed()

    run(scenario)


### Delivery


def test_private_note_reaches_agent_not_contact(account, agent, conversation):
    """Over the socket too, a private note never reaches the contact."""

    async def scenario():
        agent_cable, contact_cable = await Cable().open(), await Cable().open()
        await agent_cable.subscribe(agent_identifier(agent, account.pk))
        await contact_cable.subscribe(contact_identifier(conversation.contact_inbox))
        await private_note(conversation, agent)
        frame = await agent_cable.receive_data()
        assert frame["message"]["event"] == "message.created"
        assert frame["message"]["data"]["private"] is True
        assert isinstance(frame["message"]["seq"], int)
        assert await contact_cable.nothing()
        await incoming(conversation)
        frame = await contact_cable.receive_data()
        assert frame["message"]["data"]["content"] == "hi"
        await agent_cable.close()
        await contact_cable.close()

    run(scenario)


def test_account_stream_carries_contact_events(account, agent, contact_session):
    """Agents follow account_<id>: contact.* events arrive; contacts get none."""

    async def scenario():
        agent_cable, contact_cable = await Cable().open(), await Cable().open()
        await agent_cable.subscribe(agent_identifier(agent, account.pk))
        await contact_cable.subscribe(contact_identifier(contact_session))
        await database_sync_to_async(contact_services.create_contact)(
            account=account, name="Nia"
        )
        frame = await agent_cable.receive_data()
        assert frame["message"]["event"] == "contact.created"
        assert await contact_cable.nothing()
        await agent_cable.close()
        await contact_cable.close()

    run(scenario)


def change_password(user) -> None:
    user.set_password("a-new-long-password")
    user.save()


def deactivate(user) -> None:
    user.is_active = False
    user.save()


@pytest.mark.parametrize("end_access", [change_password, deactivate])
def test_token_loss_ends_subscriptions_for_good(account, agent, end_access):
    """A new password (which rotates the token) or deactivation ends the user's
    subscriptions: told unauthorized, no reconnect, closed."""

    async def scenario():
        cable = await Cable().open()
        await cable.subscribe(agent_identifier(agent, account.pk))
        await database_sync_to_async(end_access)(agent)
        assert await cable.receive_data() == {
            "type": "disconnect",
            "reason": "unauthorized",
            "reconnect": False,
        }
        assert await cable.closed()

    run(scenario)


def test_removed_member_subscriptions_end_and_resubscribe_is_rejected(account, agent):
    """Removing an agent from the account closes their subscriptions (reconnect
    allowed, their token is still theirs) and that account then rejects them."""
    identifier = agent_identifier(agent, account.pk)

    @database_sync_to_async
    def remove_membership():
        AccountUser.objects.filter(account=account, user=agent).delete()

    async def scenario():
        cable = await Cable().open()
        await cable.subscribe(identifier)
        await remove_membership()
        assert await cable.receive_data() == {
            "type": "disconnect",
            "reason": "unauthorized",
            "reconnect": True,
        }
        assert await cable.closed()
        again = await Cable().open()
        assert await again.subscribe(identifier) == {
            "identifier": identifier,
            "type": "reject_subscription",
        }
        await again.close()

    run(scenario)


def test_leaving_one_account_keeps_the_other_accounts_subscriptions(
    account, agent, conversation
):
    """Another account removing a shared user ends only that account's
    subscriptions: the user's sessions in their own account stay connected."""
    other = factories.AccountFactory()
    factories.AccountUserFactory(account=other, user=agent)

    @database_sync_to_async
    def remove_from_other():
        AccountUser.objects.filter(account=other, user=agent).delete()

    async def scenario():
        own = await Cable().open()
        await own.subscribe(agent_identifier(agent, account.pk))
        theirs = await Cable().open()
        await theirs.subscribe(agent_identifier(agent, other.pk))
        await remove_from_other()
        assert (await theirs.receive_data())["type"] == "disconnect"
        assert await theirs.closed()
        assert await own.nothing()
        await incoming(conversation)
        assert (await own.receive_data())["message"]["event"] == "message.created"
        await own.close()

    run(scenario)


### Actions


def test_update_presence_answers_caller_only(
    account, agent, administrator, contact_session
):
    """update_presence answers the caller's subscription with presence.update:
    agents see users and contacts, contacts see users only."""
    agent_id = agent_identifier(agent, account.pk)
    admin_id = agent_identifier(administrator, account.pk)
    contact_id = contact_identifier(contact_session)

    async def scenario():
        agent_cable, admin_cable = await Cable().open(), await Cable().open()
        contact_cable = await Cable().open()
        await agent_cable.subscribe(agent_id)
        await admin_cable.subscribe(admin_id)
        await contact_cable.subscribe(contact_id)
        await contact_cable.perform(contact_id, "update_presence")
        frame = await contact_cable.receive_data()
        assert frame["identifier"] == contact_id
        assert frame["message"]["event"] == "presence.update"
        assert "contacts" not in frame["message"]["data"]
        await agent_cable.perform(agent_id, "update_presence")
        data = (await agent_cable.receive_data())["message"]["data"]
        assert data == {
            "account_id": account.pk,
            "users": {str(agent.pk): "online"},
            "contacts": {str(contact_session.contact_id): "online"},
        }
        assert await admin_cable.nothing()
        for cable in (agent_cable, admin_cable, contact_cable):
            await cable.close()

    run(scenario)


def test_a_visitor_hears_only_its_inbox_agents_online(
    account, inbox, agent, contact_session
):
    """A visitor's presence.update names the agents of its inbox who are
    online, nothing else: not a busy one, not an agent of another inbox."""
    outsider = factories.UserFactory()
    factories.AccountUserFactory(account=account, user=outsider, auto_offline=False)
    busy = factories.UserFactory()
    factories.AccountUserFactory(
        account=account, user=busy, auto_offline=False, availability="busy"
    )
    factories.InboxMemberFactory(inbox=inbox, user=busy)
    AccountUser.objects.filter(account=account, user=agent).update(auto_offline=False)
    contact_id = contact_identifier(contact_session)

    async def scenario():
        cable = await Cable().open()
        await cable.subscribe(contact_id)
        await cable.perform(contact_id, "update_presence")
        data = (await cable.receive_data())["message"]["data"]
        assert data == {"account_id": account.pk, "users": {str(agent.pk): "online"}}
        await cable.perform(contact_id, "page", visible="no")
        await cable.perform(contact_id, "update_presence")
        assert (await cable.receive_data())["message"]["event"] == "presence.update"
        await cable.close()

    run(scenario)


def test_catch_up_replays_missed_events_without_duplicates(
    account, agent, conversation
):
    """After a reconnect, catch_up resends exactly what was missed, then says done."""
    identifier = agent_identifier(agent, account.pk)

    async def scenario():
        first = await Cable().open()
        await first.subscribe(identifier)
        await incoming(conversation, "seen")
        seen = (await first.receive_data())["message"]
        await first.close()
        await incoming(conversation, "missed 1")
        await incoming(conversation, "missed 2")

        second = await Cable().open()
        await second.subscribe(identifier)
        await incoming(conversation, "live")
        live = (await second.receive_data())["message"]
        await second.perform(identifier, "catch_up", after=seen["seq"])
        replayed = [(await second.receive_data())["message"] for _ in range(3)]
        contents = [message["data"].get("content") for message in replayed[:2]]
        assert contents == ["missed 1", "missed 2"]
        assert replayed[0]["seq"] < replayed[1]["seq"] < live["seq"]
        assert replayed[2]["event"] == "catch_up.completed"
        assert replayed[2]["data"]["complete"] is True
        assert replayed[2]["data"]["last_seq"] == replayed[1]["seq"]
        assert await second.nothing()

        # From before this log began: replayed as far as it goes (up to the
        # subscription's start: "live" came live), not complete.
        await second.perform(identifier, "catch_up", after=1)
        replayed = [(await second.receive_data())["message"] for _ in range(4)]
        names = [message["event"] for message in replayed]
        assert names == ["message.created"] * 3 + ["catch_up.completed"]
        assert replayed[-1]["data"]["complete"] is False
        await second.close()

    run(scenario)
