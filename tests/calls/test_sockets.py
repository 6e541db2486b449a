"""Calls over real sockets against a daphne process: an agent and a visitor
ring, answer, signal and hang up; each call event reaches the call's two
parties alone; refusals are answered to the one who tried; bad data is a
protocol error that leaves the connection working."""

import asyncio
import json
import time

import pytest

from accounts.models import AccountUser
from calls.models import Call
from conversations.models import Message
from tests import factories
from tests.realtime.cable import agent_identifier, contact_identifier
from tests.realtime.sockets import Client
from tests.servers import onechat_server

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]

CALL_EVENTS = ("call.updated", "call.signal")


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    with onechat_server(env={"STUN_URLS": "stun:stun.example.org:3478"}) as running:
        yield running


@pytest.fixture
def colleague(account, inbox):
    """Another agent of the account and inbox."""
    user = factories.UserFactory(name="Colin Colleague")
    factories.AccountUserFactory(account=account, user=user)
    factories.InboxMemberFactory(inbox=inbox, user=user)
    return user


@pytest.fixture
def other_visitor(inbox, account):
    """Another visitor of the same inbox, with a conversation of its own."""
    session = factories.ContactInboxFactory(
        contact=factories.ContactFactory(account=account, name="Otto Other"),
        inbox=inbox,
    )
    factories.ConversationFactory(contact_inbox=session)
    return session


@pytest.fixture
def foreign_admin():
    """An administrator of another account, with a conversation there."""
    membership = factories.AccountUserFactory(role=AccountUser.Role.ADMINISTRATOR)
    inbox = factories.InboxFactory(account=membership.account)
    factories.InboxMemberFactory(inbox=inbox, user=membership.user)
    session = factories.ContactInboxFactory(
        contact=factories.ContactFactory(account=membership.account), inbox=inbox
    )
    conversation = factories.ConversationFactory(contact_inbox=session)
    return membership, conversation


async def connected(server, identifier: str) -> tuple[Client, str]:
    client = await Client.connect(server.cable_url)
    assert (await client.subscribe(identifier))["type"] == "confirm_subscription"
    return client, identifier


async def hears_nothing(client: Client, *names: str, seconds: float = 1.0) -> None:
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


async def updated(client: Client, state: str) -> dict:
    """The next ``call.updated`` in ``state``."""
    while True:
        event = await client.next_event("call.updated")
        if event["data"]["state"] == state:
            return event["data"]


async def failed(client: Client) -> dict:
    return (await client.next_event("operation.failed"))["data"]


def agent_of(user, account) -> str:
    return agent_identifier(user, account.pk)


def test_agent_calls_the_visitor_who_answers_signals_and_hangs_up(
    server, account, agent, conversation, contact_session
):
    """The agent's request rings the visitor; the visitor answers without a
    camera; offer and answer reach the other side only, unchanged; both
    connect; the agent hangs up and the call lasted as long as it was
    connected. Every step is a line the visitor reads."""

    async def scenario():
        staff, staff_id = await connected(server, agent_of(agent, account))
        visitor, visitor_id = await connected(
            server, contact_identifier(contact_session)
        )
        await staff.perform(
            staff_id,
            "call_request",
            conversation_id=conversation.display_id,
            video=True,
        )
        ringing = await updated(visitor, "ringing")
        assert ringing["requested_by"] == "agent"
        assert ringing["agent"]["id"] == agent.pk
        assert ringing["contact"] == {
            "id": conversation.contact_id,
            "name": "Vera Visitor",
        }
        assert ringing["ice_servers"] == [{"urls": ["stun:stun.example.org:3478"]}]
        assert (await updated(staff, "ringing"))["id"] == ringing["id"]
        call_id = ringing["id"]

        await visitor.perform(visitor_id, "call_accept", call_id=call_id, video=False)
        accepted = await updated(staff, "accepted")
        assert accepted["video"] is False and accepted["answered_at"]
        await updated(visitor, "accepted")

        offer = {"type": "offer", "sdp": "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n"}
        await staff.perform(staff_id, "call_signal", call_id=call_id, signal=offer)
        heard = (await visitor.next_event("call.signal"))["data"]
        assert heard == {
            "call_id": call_id,
            "account_id": account.pk,
            "conversation_id": conversation.display_id,
            "from": "agent",
            "signal": offer,
        }
        answer = {"type": "answer", "sdp": "v=0 <b>x</b>"}
        await visitor.perform(visitor_id, "call_signal", call_id=call_id, signal=answer)
        back = (await staff.next_event("call.signal"))["data"]
        assert back["from"] == "contact" and back["signal"] == answer

        await staff.perform(staff_id, "call_state", call_id=call_id, state="active")
        active = await updated(visitor, "active")
        assert active["connected_at"]
        await visitor.perform(visitor_id, "call_state", call_id=call_id, state="active")
        await asyncio.sleep(1.1)
        await visitor.perform(visitor_id, "call_hangup", call_id=call_id)
        ended = await updated(staff, "ended")
        assert ended["ended_by"] == "contact"
        assert ended["duration"] >= 1
        await updated(visitor, "ended")
        for client in (staff, visitor):
            await client.close()

    asyncio.run(scenario())
    call = Call.objects.get()
    assert call.state == "ended" and call.video is False
    lines = Message.objects.filter(
        conversation=conversation, message_type=Message.MessageType.ACTIVITY
    ).order_by("id")
    kinds = [line.content_attributes["i18n"]["kind"] for line in lines]
    assert kinds == [
        "call.requested.video",
        "call.accepted",
        "call.connected",
        "call.ended",
    ]
    assert [line.content_attributes["call"]["type"] for line in lines] == [
        "videoRequestedByAgent",
        "videoAccepted",
        "videoStarted",
        "videoEnded",
    ]
    assert all(line.is_visible_to_contact for line in lines)
    assert lines[0].content == "Alex Agent started a video call"
    assert lines[1].content == "Vera Visitor answered the call"
    assert lines[3].content_attributes["call"]["duration"] >= 1
    assert lines[3].content.startswith("Call ended after 0:0")


def test_nobody_else_hears_a_call(
    server,
    account,
    agent,
    colleague,
    administrator,
    conversation,
    contact_session,
    other_visitor,
    foreign_admin,
):
    """Another agent of the inbox, an administrator of the account (as an
    integrator subscribes with their token), another visitor of the inbox
    and another account's administrator hear neither call.updated nor
    call.signal; a subscription on someone else's token is rejected."""
    membership, _ = foreign_admin

    async def scenario():
        staff, staff_id = await connected(server, agent_of(agent, account))
        visitor, visitor_id = await connected(
            server, contact_identifier(contact_session)
        )
        outsiders = [
            (await connected(server, agent_of(colleague, account)))[0],
            (await connected(server, agent_of(administrator, account)))[0],
            (await connected(server, contact_identifier(other_visitor)))[0],
            (
                await connected(
                    server, agent_identifier(membership.user, membership.account_id)
                )
            )[0],
        ]
        forged = await Client.connect(server.cable_url)
        stolen = json.dumps(
            {
                "channel": "RoomChannel",
                "pubsub_token": agent.pubsub_token,
                "account_id": account.pk,
                "user_id": administrator.pk,
            }
        )
        assert (await forged.subscribe(stolen))["type"] == "reject_subscription"

        await staff.perform(
            staff_id,
            "call_request",
            conversation_id=conversation.display_id,
            video=False,
        )
        call_id = (await updated(visitor, "ringing"))["id"]
        await visitor.perform(visitor_id, "call_accept", call_id=call_id, video=False)
        await updated(staff, "accepted")
        offer = {"type": "offer", "sdp": "v=0"}
        await staff.perform(staff_id, "call_signal", call_id=call_id, signal=offer)
        await visitor.next_event("call.signal")
        await visitor.perform(
            visitor_id, "call_signal", call_id=call_id, signal={"type": "answer"}
        )
        await staff.next_event("call.signal")
        # Signals reach the other party only: never echoed to the sender.
        await hears_nothing(staff, "call.signal", seconds=0.5)
        await staff.perform(staff_id, "call_hangup", call_id=call_id)
        await updated(visitor, "ended")
        await asyncio.gather(
            *(hears_nothing(client, *CALL_EVENTS) for client in [*outsiders, forged])
        )
        for client in [staff, visitor, forged, *outsiders]:
            await client.close()

    asyncio.run(scenario())


def test_refusals_are_told_to_the_one_who_tried(
    server, account, agent, colleague, conversation, contact_session, inbox
):
    """A second call in the conversation, a visitor's screen where the inbox
    does not allow it, and calls turned off: each answered as
    operation.failed to that subscription alone, in its reader's words."""

    async def scenario():
        staff, staff_id = await connected(server, agent_of(agent, account))
        other, other_id = await connected(server, agent_of(colleague, account))
        visitor, visitor_id = await connected(
            server, contact_identifier(contact_session)
        )
        await staff.perform(
            staff_id,
            "call_request",
            conversation_id=conversation.display_id,
            video=True,
        )
        call_id = (await updated(visitor, "ringing"))["id"]
        await visitor.perform(
            visitor_id,
            "call_request",
            conversation_id=conversation.display_id,
            video=True,
        )
        failure = await failed(visitor)
        assert failure == {
            "account_id": account.pk,
            "operation": "call",
            "conversation_id": conversation.display_id,
            "code": "call_in_progress",
            "reason": "A call is already going on in this conversation.",
        }
        await other.perform(other_id, "call_accept", call_id=call_id, video=True)
        failure = await failed(other)
        assert (failure["code"], failure["call_id"]) == ("no_access", call_id)
        await visitor.perform(visitor_id, "call_accept", call_id=call_id, video=True)
        await updated(staff, "accepted")
        await visitor.perform(visitor_id, "call_screen", call_id=call_id, sharing=True)
        assert (await failed(visitor))["code"] == "screen_sharing_off"
        await hears_nothing(staff, "operation.failed", seconds=0.5)
        await staff.perform(staff_id, "call_screen", call_id=call_id, sharing=True)
        assert (await updated(visitor, "accepted"))["screen_sharing"] == "agent"
        await staff.perform(staff_id, "call_hangup", call_id=call_id)
        await updated(visitor, "ended")
        await updated(staff, "ended")

        await asyncio.to_thread(
            type(inbox).objects.filter(pk=inbox.pk).update, calls_enabled=False
        )
        await visitor.perform(
            visitor_id,
            "call_request",
            conversation_id=conversation.display_id,
            video=False,
        )
        assert (await failed(visitor))["code"] == "calls_off"
        await hears_nothing(staff, *CALL_EVENTS, "operation.failed", seconds=0.5)
        for client in (staff, other, visitor):
            await client.close()

    asyncio.run(scenario())


def test_bad_call_data_is_a_protocol_error(
    server, account, agent, conversation, contact_session, foreign_admin
):
    """Wrong types, unknown signal types, another account's conversation and
    call ids: no answer, no event, and the connection goes on working; a
    frame over the frame limit ends the connection as an invalid request."""
    membership, foreign_conversation = foreign_admin

    async def scenario():
        foreign, foreign_id = await connected(
            server, agent_identifier(membership.user, membership.account_id)
        )
        await foreign.perform(
            foreign_id,
            "call_request",
            conversation_id=foreign_conversation.display_id,
            video=True,
        )
        foreign_call = (await updated(foreign, "ringing"))["id"]

        staff, staff_id = await connected(server, agent_of(agent, account))
        visitor, visitor_id = await connected(
            server, contact_identifier(contact_session)
        )
        await staff.perform(
            staff_id,
            "call_request",
            conversation_id=conversation.display_id,
            video=True,
        )
        call_id = (await updated(visitor, "ringing"))["id"]
        bad = [
            ("call_request", {"conversation_id": "1", "video": True}),
            ("call_request", {"conversation_id": conversation.display_id}),
            ("call_request", {"conversation_id": True, "video": True}),
            ("call_request", {"conversation_id": 2**70, "video": True}),
            ("call_accept", {"call_id": foreign_call, "video": True}),
            ("call_hangup", {"call_id": foreign_call}),
            ("call_signal", {"call_id": foreign_call, "signal": {"type": "offer"}}),
            ("call_signal", {"call_id": call_id, "signal": "offer"}),
            ("call_signal", {"call_id": call_id, "signal": {"type": "bogus"}}),
            ("call_signal", {"call_id": call_id, "signal": {"type": "\ud800"}}),
            (
                "call_signal",
                {"call_id": call_id, "signal": {"type": "offer", "sdp": "\ud800"}},
            ),
            ("call_signal", {"call_id": call_id, "signal": {"sdp": "x"}}),
            ("call_state", {"call_id": call_id, "state": "ended"}),
            ("call_screen", {"call_id": call_id, "sharing": "yes"}),
            ("call_reject", {"call_id": None}),
        ]
        for action, data in bad:
            await visitor.perform(visitor_id, action, **data)
        await hears_nothing(
            visitor, "operation.failed", "call.signal", "call.updated", seconds=1
        )
        await hears_nothing(foreign, *CALL_EVENTS, seconds=0.1)
        # The connection still works.
        await visitor.perform(visitor_id, "call_reject", call_id=call_id)
        assert (await updated(staff, "rejected"))["ended_by"] == "contact"

        huge = {"type": "offer", "sdp": "a" * (70 * 1024)}
        await staff.perform(staff_id, "call_signal", call_id=call_id, signal=huge)
        frames = await staff.drain()
        assert frames[-1]["type"] == "disconnect"
        assert frames[-1]["reason"] == "invalid_request"
        for client in (visitor, foreign):
            await client.close()

    asyncio.run(scenario())
    assert Call.objects.get(pk__gt=0, conversation=conversation).state == "rejected"
