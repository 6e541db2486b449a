"""Feeds: how events reach a server process's hub, and the recent-events log.

``EmbeddedFeed`` numbers the events published in this process, and those
other processes relayed through the database, and keeps the recent ones in
memory; ``RedisFeed`` is the process's one reader of the Redis
event log. Both answer catch-up (``Feed.replay``). See ``realtime/fanout.py``
for the whole path and the meaning of sequence numbers.
"""

import asyncio
import json
import logging
import time
from collections import deque
from dataclasses import dataclass

import redis
import redis.asyncio

from django.conf import settings
from django.db import DatabaseError

from realtime import protocol, relay
from realtime.hub import Envelope, Hub
from realtime.receipts import Receipt

logger = logging.getLogger(__name__)

SEQ_PER_MILLISECOND = 1000


def seq_of(entry_id: str) -> int:
    """The sequence number of a Redis stream entry id ``<ms>-<n>``."""
    milliseconds, _, number = entry_id.partition("-")
    return int(milliseconds) * SEQ_PER_MILLISECOND + int(number or 0)


def entry_id_of(seq: int) -> str:
    """The Redis stream entry id of a sequence number."""
    return f"{seq // SEQ_PER_MILLISECOND}-{seq % SEQ_PER_MILLISECOND}"


def stream_keys() -> tuple[str, str]:
    """The Redis keys of the event log and of its first id."""
    prefix = settings.ONECHAT_REDIS_PREFIX
    return f"{prefix}:events", f"{prefix}:events:floor"


@dataclass(frozen=True)
class Replay:
    """What a catch-up found: the messages to resend, and whether nothing is missing."""

    messages: list[str]
    complete: bool
    last_seq: int


def is_complete(*, after: int, through: int, floor: int | None, lost: int) -> bool:
    """Whether the log still holds every event after ``after``.

    ``floor`` is the first sequence number the log ever held in this lifetime
    (None when empty), ``lost`` the last one it dropped for space.
    """
    if after >= through:
        return True
    return floor is not None and after >= floor and after >= lost


class Feed:
    """Brings events to a hub and answers catch-up from the recent-events log."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.task: asyncio.Task | None = None

    @property
    def running(self) -> bool:
        """Whether the feed's task is running on the server's event loop."""
        return self.task is not None and not self.task.done()

    def start(self) -> None:
        """Start the feed's task on the hub's event loop."""

    def enqueue(self, envelope: Envelope) -> None:
        """Accept an event published in this process (embedded mode only)."""

    async def replay(
        self, streams: tuple[str, ...], after: int, through: int
    ) -> Replay:
        """The events after ``after`` up to ``through`` for ``streams``."""
        raise NotImplementedError


class EmbeddedFeed(Feed):
    """Fan-out without Redis: numbers this process's events and those relayed
    by processes without a hub, in arrival order, and keeps the recent ones in
    memory."""

    def __init__(self, hub: Hub) -> None:
        super().__init__(hub)
        self.queue: asyncio.Queue[Envelope] = asyncio.Queue()
        self.log: deque[tuple[int, Envelope]] = deque()
        self.floor: int | None = None
        self.lost = 0
        self.relay_task: asyncio.Task | None = None

    def start(self) -> None:
        self.task = self.hub.loop.create_task(self._run())
        self.relay_task = self.hub.loop.create_task(self._read_relayed())

    def enqueue(self, envelope: Envelope) -> None:
        self.queue.put_nowait(envelope)

    async def _run(self) -> None:
        while True:
            envelope = await self.queue.get()
            seq = max(
                int(time.time() * 1000) * SEQ_PER_MILLISECOND, self.hub.last_seq + 1
            )
            self._remember(seq, envelope)
            await _deliver(self.hub, seq, envelope)

    async def _read_relayed(self) -> None:
        # The reader's thread waits on the database, never the loop; events
        # committed before this feed started are not this feed's.
        reader = relay.Reader()
        last: int | None = None
        failing = False
        try:
            while True:
                try:
                    if last is None:
                        last = await reader.newest()
                    rows = await reader.read_after(last)
                except DatabaseError as error:
                    if not failing:
                        logger.warning("relayed events unreadable, retrying: %s", error)
                    failing = True
                    await asyncio.sleep(1.0)
                    continue
                failing = False
                for _, envelope in rows:
                    if envelope is not None:
                        self.enqueue(envelope)
                if rows:
                    last = rows[-1][0]
                if len(rows) < relay.BATCH:
                    await asyncio.sleep(relay.POLL_SECONDS)
        finally:
            reader.close()

    def _remember(self, seq: int, envelope: Envelope) -> None:
        if self.floor is None:
            self.floor = seq
        self.log.append((seq, envelope))
        while len(self.log) > settings.ONECHAT_CABLE_REPLAY_EVENTS:
            self.lost = self.log.popleft()[0]

    async def replay(
        self, streams: tuple[str, ...], after: int, through: int
    ) -> Replay:
        entries = [
            (seq, envelope) for seq, envelope in self.log if after < seq <= through
        ]
        return _replay(
            entries,
            streams,
            after=after,
            through=through,
            floor=self.floor,
            lost=self.lost,
        )


class RedisFeed(Feed):
    """The process's one reader of the Redis event log."""

    def __init__(self, hub: Hub, url: str) -> None:
        super().__init__(hub)
        self.url = url
        self.client = redis.asyncio.Redis.from_url(
            url, decode_responses=True, socket_connect_timeout=1, socket_timeout=5
        )
        self.last_id: str | None = None

    def start(self) -> None:
        self.task = self.hub.loop.create_task(self._run())

    async def _run(self) -> None:
        log_key, _ = stream_keys()
        delay = 0.05
        while True:
            try:
                await self._read(log_key)
                delay = 0.05
            except (redis.RedisError, OSError) as error:
                logger.warning("Redis event log unreachable, retrying: %s", error)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 1.0)

    async def _read(self, log_key: str) -> None:
        if self.last_id is None:
            newest = await self.client.xrevrange(log_key, count=1)
            self.last_id = newest[0][0] if newest else "0-0"
            self.hub.last_seq = max(self.hub.last_seq, seq_of(self.last_id))
        response = await self.client.xread(
            {log_key: self.last_id}, count=500, block=500
        )
        for _key, entries in response or ():
            for entry_id, fields in entries:
                self.last_id = entry_id
                await _deliver(self.hub, seq_of(entry_id), _envelope(fields))

    async def replay(
        self, streams: tuple[str, ...], after: int, through: int
    ) -> Replay:
        log_key, floor_key = stream_keys()
        try:
            rows = await self.client.xrange(
                log_key,
                min="(" + entry_id_of(after),
                max=entry_id_of(through),
                count=settings.ONECHAT_CABLE_REPLAY_EVENTS,
            )
            floor = await self.client.get(floor_key)
            lost = "0-0"
            if floor is not None:
                info = await self.client.xinfo_stream(log_key)
                lost = info.get("max-deleted-entry-id", "0-0")
        except (redis.RedisError, OSError) as error:
            logger.warning("catch-up failed, Redis unreachable: %s", error)
            return Replay(messages=[], complete=False, last_seq=after)
        entries = [(seq_of(entry_id), _envelope(fields)) for entry_id, fields in rows]
        return _replay(
            entries,
            streams,
            after=after,
            through=through,
            floor=seq_of(floor) if floor else None,
            lost=seq_of(lost),
        )


def _envelope(fields: dict[str, str]) -> Envelope:
    return Envelope(
        streams=tuple(json.loads(fields["s"])),
        body=fields["b"],
        kind=fields["k"],
        receipt=Receipt.decode(fields.get("r")),
    )


def _replay(
    entries: list[tuple[int, Envelope]],
    streams: tuple[str, ...],
    *,
    after: int,
    through: int,
    floor: int | None,
    lost: int,
) -> Replay:
    wanted = set(streams)
    messages = [
        protocol.with_seq(envelope.body, seq)
        for seq, envelope in entries
        if envelope.kind == "event" and wanted.intersection(envelope.streams)
    ]
    return Replay(
        messages=messages,
        complete=is_complete(after=after, through=through, floor=floor, lost=lost),
        last_seq=max(after, through),
    )


async def _deliver(hub: Hub, seq: int, envelope: Envelope) -> None:
    # The feed's loop is every connection's lifeline: a failed write to one
    # connection is logged and the next event still goes out.
    try:
        await hub.deliver(seq, envelope)
    except Exception:
        logger.exception("delivering event %s failed", seq)
