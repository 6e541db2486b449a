"""Delivery receipts on the send path: which events carry one, which frames
count (a recipient's socket that took the frame at once, of the same
account), noted once per message, and the batch a push publishes."""

import asyncio

import pytest

from django.utils import timezone

from conversations import delivery
from conversations.models import Message
from realtime.events import message_receipt
from realtime.hub import Envelope, Hub, Subscription
from realtime.outbox import Flow, Outbox
from realtime.receipts import Receipt
from realtime.streams import Subscriber
from tests import factories

RECEIPT = Receipt(account_id=1, conversation_id=7, message_id=42, to_contact=True)


def test_receipt_travels_through_the_event_log():
    """What the Redis log keeps decodes to the same receipt; none stays none."""
    assert Receipt.decode(RECEIPT.encode()) == RECEIPT
    assert Receipt.decode("") is None
    assert Receipt.decode(None) is None


def test_receipt_reaches_only_the_recipient_side_of_its_account():
    """A receipt to the contact counts on a contact's subscription of the same
    account: never an agent's, never another account's."""

    def side(subscriber: Subscriber) -> tuple[int, bool]:
        return Subscription(
            connection=object(), outbox=None, identifier="{}", subscriber=subscriber
        ).side

    contact = side(Subscriber(account_id=1, streams=("s",), contact_id=3))
    agent = side(Subscriber(account_id=1, streams=("u",), user_id=5))
    stranger = side(Subscriber(account_id=2, streams=("s",), contact_id=3))
    stranger_agent = side(Subscriber(account_id=2, streams=("u",), user_id=5))
    assert RECEIPT.side == contact
    assert RECEIPT.side not in (agent, stranger, stranger_agent)
    to_agents = Receipt(
        account_id=1, conversation_id=7, message_id=42, to_contact=False
    )
    assert to_agents.side == agent
    assert to_agents.side not in (contact, stranger, stranger_agent)


@pytest.mark.django_db
def test_only_messages_between_the_sides_carry_a_receipt(conversation, agent):
    """Replies, prompts and contact messages still sent carry one; notes,
    activity lines and failed messages none."""

    def receipt_of(**fields):
        return message_receipt(
            factories.MessageFactory(conversation=conversation, **fields)
        )

    reply = receipt_of(message_type=Message.MessageType.OUTGOING, sender_user=agent)
    assert reply is not None and reply.to_contact is True
    assert reply.account_id == conversation.account_id
    assert receipt_of(message_type=Message.MessageType.TEMPLATE).to_contact is True
    assert receipt_of(message_type=Message.MessageType.INCOMING).to_contact is False
    assert receipt_of(message_type=Message.MessageType.OUTGOING, private=True) is None
    assert receipt_of(message_type=Message.MessageType.ACTIVITY) is None
    assert receipt_of(message_type=Message.MessageType.OUTGOING, status="failed") is (
        None
    )


class Noted:
    """Stands in for the hub's receipts: keeps what the hub notes."""

    def __init__(self, noted: list[Receipt]) -> None:
        self.note = noted.append


class Stalled(Flow):
    """A socket whose server buffer is full."""

    def writable(self) -> bool:
        return False

    async def wait_writable(self) -> None:
        await asyncio.Event().wait()


def test_hub_notes_a_receipt_once_and_only_for_frames_that_left():
    """Three subscriptions get a message.created: a stranger of another
    account and a stalled recipient socket note nothing; the first recipient
    socket that took the frame notes it, once for the event."""
    noted: list[Receipt] = []

    async def scenario():
        hub = Hub(asyncio.get_running_loop())
        hub.receipts = Noted(noted)
        written: list[str] = []

        async def send(message):
            written.append(message["text"])

        subscribers = [
            (Subscriber(account_id=2, streams=("s",), contact_id=9), Flow()),
            (Subscriber(account_id=1, streams=("s",), contact_id=3), Stalled()),
        ]
        for number, (subscriber, flow) in enumerate(subscribers):
            connection, outbox = object(), Outbox(send, flow)
            hub.connect(connection, outbox, {})
            hub.subscribe(
                Subscription(
                    connection=connection,
                    outbox=outbox,
                    identifier=f'{{"n":{number}}}',
                    subscriber=subscriber,
                )
            )
        envelope = Envelope(streams=("s",), body='{"event":"x"}', receipt=RECEIPT)
        await hub.deliver(1, envelope)
        assert noted == []
        for number in (2, 3):
            connection, outbox = object(), Outbox(send)
            hub.connect(connection, outbox, {})
            hub.subscribe(
                Subscription(
                    connection=connection,
                    outbox=outbox,
                    identifier=f'{{"n":{number}}}',
                    subscriber=Subscriber(account_id=1, streams=("s",), contact_id=3),
                )
            )
        await hub.deliver(2, envelope)
        hub._heartbeat.cancel()

    asyncio.run(scenario())
    assert noted == [RECEIPT]


def test_receipts_skip_what_was_noted_and_write_the_highest(monkeypatch):
    """Frames of an older message after a newer one note nothing more; what
    accumulates while a write runs goes in one more write, the highest id per
    conversation and direction."""
    from realtime import receipts

    writes: list[list[delivery.Delivered]] = []

    async def record(batch):
        writes.append(batch)
        await asyncio.sleep(0)

    monkeypatch.setattr(receipts, "record_deliveries", record)

    async def scenario():
        collector = receipts.Receipts(asyncio.get_running_loop())

        def note(message_id: int, to_contact: bool = True) -> None:
            collector.note(
                Receipt(
                    account_id=1,
                    conversation_id=7,
                    message_id=message_id,
                    to_contact=to_contact,
                )
            )

        note(5)
        note(3)
        # The writer takes the first batch and waits on its write.
        await asyncio.sleep(0)
        for message_id in (8, 5, 8):
            note(message_id)
        note(4, to_contact=False)
        while collector.writer is not None:
            await asyncio.sleep(0.01)

    asyncio.run(scenario())
    ups = [sorted((item.to_contact, item.up_to) for item in batch) for batch in writes]
    assert ups == [[(True, 5)], [(False, 4), (True, 8)]]


@pytest.mark.django_db
def test_push_publishes_changed_states_to_both_sides(
    capture_events, conversation, agent
):
    """A push publishes message.updated for each message whose state changed
    in the window, to the agents and the contact; a note is never in it."""
    reply = factories.MessageFactory(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        sender_user=agent,
    )
    factories.MessageFactory(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        private=True,
        status="delivered",
    )
    untouched = factories.MessageFactory(
        conversation=conversation, message_type=Message.MessageType.INCOMING
    )
    since = timezone.now()
    Message.objects.filter(pk=reply.pk).update(status="read", updated_at=since)
    with capture_events() as events:
        delivery.push_changes(conversation_id=conversation.pk, since=since)
    [pushed] = events.named("message.updated")
    assert (pushed.data["id"], pushed.data["status"]) == (reply.pk, "read")
    assert conversation.contact_inbox.pubsub_token in pushed.streams
    assert agent.pubsub_token in pushed.streams
    assert untouched.pk not in [event.data["id"] for event in events]
