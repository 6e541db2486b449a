"""Fan-out: from the process that committed an event to every server process's hub.

Embedded mode (no ``REDIS_URL``): ``send`` hands the envelope to this process's
hub, whose feed numbers it, keeps it for catch-up and delivers it. A process
without a hub (the job worker, a management command) appends it to the
database instead, where the web process's feed reads it (``realtime/relay.py``)
and treats it as its own.

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
import signal
import sys
import threading
import time
from collections import deque
from typing import Any

import redis

from django.conf import settings
from django.db import DatabaseError

from realtime import relay
from realtime.feeds import EmbeddedFeed, Feed, RedisFeed, stream_keys
from realtime.hub import Envelope, Hub

logger = logging.getLogger(__name__)

# Pause between attempts to publish queued events while Redis is unreachable.
RETRY_SECONDS = 0.5

# Appends an event and remembers the first id of this Redis lifetime, so
# catch-up can tell when events before it are gone.
APPEND_SCRIPT = """
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*',
                      's', ARGV[2], 'b', ARGV[3], 'k', ARGV[4], 'r', ARGV[5])
redis.call('SET', KEYS[2], id, 'NX')
return id
"""


### Sending (any thread, after commit)


def send(envelope: Envelope) -> None:
    """Hand a committed event to every server process. Never raises for Redis
    or the database."""
    if settings.REDIS_URL:
        publisher().send(envelope)
        return
    hub, feed = _current
    if hub is not None and not hub.loop.is_closed():
        hub.loop.call_soon_threadsafe(feed.enqueue, envelope)
        return
    try:
        relay.append(envelope)
    except DatabaseError:
        # Committed already: the change stands, only its live update is lost.
        logger.exception("relaying an event to the web process failed")


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
                            envelope.receipt.encode() if envelope.receipt else "",
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
    """Say ``server_restart`` to every connection before the server exits.

    Daphne runs Twisted's asyncio reactor, which handles SIGTERM and SIGINT by
    stopping the reactor; a "before shutdown" trigger runs first and may return
    a Deferred that the shutdown waits for. Other servers (uvicorn) install
    ``signal.signal`` handlers in the main thread before serving: those are
    wrapped so the goodbye goes out first, then their own handler runs.
    """
    global _shutdown_installed
    if _shutdown_installed:
        return
    _shutdown_installed = True
    if _twisted_is_running():
        _goodbye_before_reactor_stops()
    elif threading.current_thread() is threading.main_thread():
        for number in (signal.SIGTERM, signal.SIGINT):
            previous = signal.getsignal(number)
            if callable(previous):
                signal.signal(number, _goodbye_then(previous))


def _twisted_is_running() -> bool:
    # Importing daphne (an installed app) installs the reactor even under
    # other servers; only daphne runs it.
    reactor = sys.modules.get("twisted.internet.reactor")
    return bool(reactor is not None and reactor.running)


def _goodbye_before_reactor_stops() -> None:
    from twisted.internet import defer, reactor

    def goodbye() -> defer.Deferred | None:
        hub = _current[0]
        if hub is None or hub.loop.is_closed():
            return None
        return defer.Deferred.fromFuture(
            asyncio.ensure_future(hub.shutdown(), loop=hub.loop)
        )

    reactor.addSystemEventTrigger("before", "shutdown", goodbye)


def _goodbye_then(previous: Any) -> Any:
    def handler(number: int, frame: Any) -> None:
        hub = _current[0]
        if hub is None or hub.loop.is_closed() or not hub.connections:
            previous(number, frame)
            return

        def done(task: asyncio.Task) -> None:
            previous(number, frame)

        def start() -> None:
            hub.loop.create_task(hub.shutdown()).add_done_callback(done)

        # A signal handler interrupts the loop anywhere: schedule, don't run.
        hub.loop.call_soon_threadsafe(start)

    return handler
