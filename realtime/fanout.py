"""Fan-out: from the process that committed an event to every server process's hub.

Embedded mode (no ``REDIS_URL``): ``send`` hands the envelope to this process's
hub, whose feed numbers it, keeps it for catch-up and delivers it.

Redis mode: ``send`` appends ONE entry per event to the Redis stream
``<prefix>:events`` (capped near ``ONECHAT_CABLE_REPLAY_EVENTS`` entries),
whatever the number of recipients: the stream names and the message, encoded
once. Each server process runs ONE reader (``RedisFeed``) that blocks on that
stream and hands every entry to the local hub, which writes it to the local
subscriptions following its streams.

Resilience: when Redis is unreachable, a publish waits in a bounded in-process
queue (``ONECHAT_CABLE_PENDING_EVENTS``) and is appended, in order, once Redis
answers again (a timer retries every ``RETRY_SECONDS``); HTTP requests never
fail because of it. The reader reconnects by itself (backoff up to 1 s) and
resumes after the last entry it read; Redis entry ids grow with time, so this
also holds across a Redis restart that lost the stream.

Sequence numbers: every event frame carries ``"seq"`` next to ``"event"`` and
``"data"``: an integer that grows with publication order, the same on every
process (``milliseconds * 1000 + n`` of the Redis entry id; the same form in
embedded mode). It stays below 2**53, so JavaScript reads it exactly.

Catch-up: the stream (or the embedded log) is the recent-events buffer. A client
that saw up to ``seq`` S sends the ``catch_up`` action with ``after: S`` after
resubscribing; ``Feed.replay`` returns the events for the subscription's
streams with S < seq <= the last sequence number this process had delivered
when the subscription started (later ones arrive live, so none twice), and
whether the buffer still reaches back to S (``complete``). See
``realtime/consumers.py`` for the wire format.
"""

import asyncio
import itertools
import json
import logging
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

import redis
import redis.asyncio

from django.conf import settings

from realtime import protocol
from realtime.hub import Envelope, Hub

logger = logging.getLogger(__name__)

SEQ_PER_MILLISECOND = 1000
# Pause between attempts to publish queued events while Redis is unreachable.
RETRY_SECONDS = 0.5

# Appends an event and remembers the first id of this Redis lifetime, so
# catch-up can tell when events before it are gone.
APPEND_SCRIPT = """
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*',
                      's', ARGV[2], 'b', ARGV[3], 'k', ARGV[4])
redis.call('SET', KEYS[2], id, 'NX')
return id
"""


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


### Sending (any thread, after commit)


def send(envelope: Envelope) -> None:
    """Hand a committed event to every server process. Never raises for Redis."""
    if settings.REDIS_URL:
        publisher().send(envelope)
        return
    hub, feed = _current
    if hub is not None and not hub.loop.is_closed():
        hub.loop.call_soon_threadsafe(feed.enqueue, envelope)


class RedisPublisher:
    """Appends events to the Redis log, queueing them while Redis is away."""

    def __init__(self, url: str) -> None:
        self.client = redis.Redis.from_url(
            url, socket_connect_timeout=1, socket_timeout=2
        )
        self.append = self.client.register_script(APPEND_SCRIPT)
        self.pending: deque[Envelope] = deque()
        self.lock = threading.Lock()
        self.retry_at = 0.0
        self.retry_timer: threading.Timer | None = None

    def send(self, envelope: Envelope) -> None:
        """Queue ``envelope`` behind any earlier ones and try to flush the queue."""
        with self.lock:
            if len(self.pending) >= settings.ONECHAT_CABLE_PENDING_EVENTS:
                self.pending.popleft()
                logger.error("Redis unreachable: dropped the oldest unsent event")
            self.pending.append(envelope)
            self._flush()

    def flush(self) -> None:
        """Append queued events to Redis, in order, if it answers."""
        with self.lock:
            self._flush()

    def _flush(self) -> None:
        if not self.pending or time.monotonic() < self.retry_at:
            return
        keys = list(stream_keys())
        limit = settings.ONECHAT_CABLE_REPLAY_EVENTS
        try:
            while self.pending:
                batch = list(itertools.islice(self.pending, 200))
                pipe = self.client.pipeline(transaction=False)
                for envelope in batch:
                    self.append(
                        keys=keys,
                        args=[
                            limit,
                            json.dumps(envelope.streams),
                            envelope.body,
                            envelope.kind,
                        ],
                        client=pipe,
                    )
                pipe.execute()
                for _ in batch:
                    self.pending.popleft()
        except (redis.RedisError, OSError) as error:
            # Requests in the meantime only queue; a timer retries, so the
            # queue drains even if no further event is published here.
            self.retry_at = time.monotonic() + RETRY_SECONDS
            if self.retry_timer is None:
                self.retry_timer = threading.Timer(RETRY_SECONDS, self._retry)
                self.retry_timer.daemon = True
                self.retry_timer.start()
            logger.warning(
                "Redis unreachable, %d events wait to be published: %s",
                len(self.pending),
                error,
            )

    def _retry(self) -> None:
        with self.lock:
            self.retry_timer = None
            self._flush()


_publishers: dict[str, RedisPublisher] = {}
_publishers_lock = threading.Lock()


def publisher() -> RedisPublisher:
    """This process's publisher for ``settings.REDIS_URL``."""
    url = settings.REDIS_URL
    with _publishers_lock:
        if url not in _publishers:
            _publishers[url] = RedisPublisher(url)
        return _publishers[url]


### Feeds (the event loop of a server process)


class Feed:
    """Brings events to a hub and answers catch-up from the recent-events log."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub

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
    """Single-process fan-out: numbers events and keeps the recent ones in memory."""

    def __init__(self, hub: Hub) -> None:
        super().__init__(hub)
        self.queue: asyncio.Queue[Envelope] = asyncio.Queue()
        self.log: deque[tuple[int, Envelope]] = deque()
        self.floor: int | None = None
        self.lost = 0
        self.task: asyncio.Task | None = None

    def start(self) -> None:
        self.task = self.hub.loop.create_task(self._run())

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
        self.task: asyncio.Task | None = None

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
        streams=tuple(json.loads(fields["s"])), body=fields["b"], kind=fields["k"]
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


### The process's hub

_current: tuple[Hub | None, Any] = (None, None)
_shutdown_installed = False


def current_hub() -> Hub:
    """The hub of the running event loop, started on first use."""
    global _current
    loop = asyncio.get_running_loop()
    hub, feed = _current
    if hub is None or hub.loop is not loop:
        hub = Hub(loop)
        feed = (
            RedisFeed(hub, settings.REDIS_URL)
            if settings.REDIS_URL
            else EmbeddedFeed(hub)
        )
        feed.start()
        _current = (hub, feed)
        _install_shutdown()
    return hub


def current_feed() -> Feed:
    """The feed of the running event loop's hub."""
    current_hub()
    return _current[1]


def _install_shutdown() -> None:
    """Under daphne, say ``server_restart`` to every connection before exiting.

    Daphne runs Twisted's asyncio reactor, which handles SIGTERM and SIGINT by
    stopping the reactor; a "before shutdown" trigger runs first and may return
    a Deferred that the shutdown waits for.
    """
    global _shutdown_installed
    if _shutdown_installed or "twisted.internet.reactor" not in sys.modules:
        return
    from twisted.internet import defer, reactor

    def goodbye() -> defer.Deferred | None:
        hub = _current[0]
        if hub is None or hub.loop.is_closed():
            return None
        return defer.Deferred.fromFuture(
            asyncio.ensure_future(hub.shutdown(), loop=hub.loop)
        )

    reactor.addSystemEventTrigger("before", "shutdown", goodbye)
    _shutdown_installed = True
