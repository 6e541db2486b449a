"""The embedded default's relay: a process without a hub appends its events
to the database, the web process's feed reads them in order and numbers,
keeps and replays them like its own; the table stays small with nobody
reading; a failing database loses the event, never the caller's request."""

import asyncio
import json
import time
from datetime import timedelta

import pytest

from django.db import OperationalError, connection, connections
from django.utils import timezone

from realtime import fanout, relay
from realtime.feeds import EmbeddedFeed
from realtime.hub import CLOSE, Envelope, Hub
from realtime.models import RelayedEvent
from realtime.receipts import Receipt


def envelope(name: str, stream: str = "account_1", **extra) -> Envelope:
    body = json.dumps({"event": name, "data": {}}, separators=(",", ":"))
    return Envelope(streams=(stream,), body=body, **extra)


# The real append, which tests/conftest.py replaces for every other test.
APPEND = relay.append


@pytest.fixture
def hubless(monkeypatch):
    """This process has no hub and relays, as the job worker or a management
    command."""
    monkeypatch.setattr(fanout, "_current", (None, None))
    monkeypatch.setattr(relay, "append", APPEND)


@pytest.mark.django_db
def test_send_without_a_hub_relays_the_whole_envelope(hubless):
    """Streams, body, kind and the delivery receipt come back as they went."""
    receipt = Receipt(account_id=1, conversation_id=2, message_id=3, to_contact=True)
    sent = [
        envelope("message.created", receipt=receipt),
        Envelope(streams=("token", "other"), body='{"type":"disconnect"}', kind=CLOSE),
    ]
    for one in sent:
        fanout.send(one)
    read = relay.read_after(0)
    assert [one for _, one in read] == sent
    assert [pk for pk, _ in read] == sorted(pk for pk, _ in read)
    assert relay.read_after(read[-1][0]) == []
    assert relay.newest() == read[-1][0]


@pytest.mark.django_db
def test_rows_older_than_the_keep_time_go_with_the_next_append(hubless):
    """Nobody reads (a test, a command, a stopped server): each append drops
    what is older than KEEP_SECONDS, so the table holds one window at most."""
    for number in range(5):
        fanout.send(envelope(f"old.{number}"))
    RelayedEvent.objects.update(
        created_at=timezone.now() - timedelta(seconds=relay.KEEP_SECONDS + 1)
    )
    fanout.send(envelope("new"))
    assert [json.loads(one.body)["event"] for _, one in relay.read_after(0)] == ["new"]


@pytest.mark.django_db
def test_an_unreadable_row_is_skipped_not_the_rows_after_it(hubless, caplog):
    """A row not written by append (bad streams, bad receipt) reads as None
    and is logged; the events around it come through."""
    fanout.send(envelope("first"))
    bad = [
        RelayedEvent.objects.create(streams="not json", body="{}", kind="event"),
        RelayedEvent.objects.create(streams="5", body="{}", kind="event"),
        RelayedEvent.objects.create(
            streams='["s"]', body="{}", kind="event", receipt="1,2"
        ),
    ]
    fanout.send(envelope("last"))
    read = [one for _, one in relay.read_after(0)]
    assert [json.loads(one.body)["event"] for one in read if one] == ["first", "last"]
    assert read[1:4] == [None, None, None]
    for row in bad:
        assert f"relayed event {row.pk} is unreadable" in caplog.text


@pytest.mark.django_db
def test_a_failing_database_loses_the_event_not_the_request(
    hubless, monkeypatch, caplog
):
    """The change is committed already: send logs and returns."""

    def fail(envelope: Envelope) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(relay, "append", fail)
    fanout.send(envelope("conversation.updated"))
    assert "relaying an event to the web process failed" in caplog.text


def test_a_process_with_a_hub_keeps_its_events_in_memory(monkeypatch):
    """The web process's own events never touch the table (no database here:
    the test has no database access at all)."""
    loop = asyncio.new_event_loop()
    try:
        hub = Hub(loop)
        queued: list[Envelope] = []

        class Feed:
            enqueue = staticmethod(queued.append)

        monkeypatch.setattr(fanout, "_current", (hub, Feed))
        fanout.send(envelope("message.created"))
        loop.run_until_complete(asyncio.sleep(0))
    finally:
        loop.close()
    assert [json.loads(one.body)["event"] for one in queued] == ["message.created"]


@pytest.mark.django_db(transaction=True)
def test_feed_numbers_relayed_events_among_its_own_and_replays_them(
    hubless, monkeypatch
):
    """Rows from before the feed started are not its own; after that, a
    relayed event gets the next sequence number after the feed's own events,
    in table order, and catch-up replays it with that number. A read that
    fails is retried."""
    fanout.send(envelope("before.start"))
    failures = [OperationalError("database is locked")]
    read_after = relay.read_after

    def flaky(last: int):
        if failures:
            raise failures.pop()
        return read_after(last)

    monkeypatch.setattr(relay, "read_after", flaky)
    monkeypatch.setattr(relay, "POLL_SECONDS", 0.05)

    async def scenario() -> tuple[EmbeddedFeed, list[str]]:
        hub = Hub(asyncio.get_running_loop())
        feed = EmbeddedFeed(hub)
        feed.start()
        # Let the feed note where the table ends before anything is relayed.
        await wait_for(lambda: feed.relay_task is not None and not failures)
        feed.enqueue(envelope("own.first"))
        await wait_for(lambda: len(feed.log) == 1)
        for name in ("relayed.first", "relayed.second"):
            await asyncio.to_thread(relay.append, envelope(name))
        await wait_for(lambda: len(feed.log) == 3)
        feed.enqueue(envelope("own.second"))
        await wait_for(lambda: len(feed.log) == 4)
        replay = await feed.replay(("account_1",), after=0, through=hub.last_seq)
        feed.task.cancel()
        feed.relay_task.cancel()
        return feed, replay.messages

    feed, replayed = asyncio.run(scenario())
    names = [json.loads(one.body)["event"] for _, one in feed.log]
    assert names == ["own.first", "relayed.first", "relayed.second", "own.second"]
    seqs = [seq for seq, _ in feed.log]
    assert seqs == sorted(set(seqs))
    assert [json.loads(message) for message in replayed] == [
        {"event": name, "data": {}, "seq": seq}
        for name, seq in zip(names, seqs, strict=True)
    ]


async def wait_for(condition, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


@pytest.mark.django_db(transaction=True)
def test_a_reader_keeps_a_connection_of_its_own_and_closes_only_that():
    """The reader's thread reuses one connection between reads; closing the
    reader closes that one, never the caller's."""
    connection.ensure_connection()
    mine = connection.connection

    async def scenario():
        reader = relay.Reader()
        loop = asyncio.get_running_loop()
        await reader.newest()
        wrapper = await loop.run_in_executor(
            reader.executor, lambda: connections["default"]
        )
        first = wrapper.connection
        await reader.read_after(0)
        assert wrapper.connection is first is not None
        reader.close()
        reader.executor.shutdown(wait=True)
        return wrapper

    wrapper = asyncio.run(scenario())
    assert wrapper is not connections["default"]
    assert wrapper.connection is None
    assert connection.connection is mine
    assert connection.is_usable() is True
