"""The per-process hub: local connections, their subscriptions, and delivery.

One ``Hub`` per server process (per event loop) maps each stream to the local
subscriptions following it. An event reaches the hub once per process, already
encoded; delivering it to a subscription is one string splice and one write
to its connection's outbox (``realtime/outbox.py``), which never waits on the
socket: a client that stops reading holds no other client's events. The hub
also runs the process-wide heartbeat (one task for all connections, not one
per connection) and says goodbye to every connection when the server shuts
down gracefully. A connection that is gone, or too slow, is forgotten at once.
An event that carries a message to the other side (its ``Receipt``) is noted
as delivered by the first frame of it a recipient's socket took at once
(``realtime/receipts.py``): one comparison per write, one note per event.
"""

import asyncio
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from realtime import protocol
from realtime.outbox import Outbox
from realtime.receipts import Receipt, Receipts

logger = logging.getLogger(__name__)

# Envelope kinds: an event for subscribers, or an order to close their connections.
EVENT = "event"
CLOSE = "close"

SHUTDOWN_FLUSH_SECONDS = 0.3
# Broadcasts yield to the event loop after this many writes.
BROADCAST_SLICE = 500
# Each connection is pinged once per interval, but a slice at a time spread over
# the interval, so no heartbeat holds the loop for every connection at once (an
# HTTP response or an event waits for one slice at most).
PING_SLICES = 10


@dataclass(frozen=True)
class Envelope:
    """An event on its way to streams: encoded once, with no sequence number yet.

    For ``CLOSE`` envelopes ``body`` is the disconnect frame to send before closing.
    """

    streams: tuple[str, ...]
    body: str
    kind: str = EVENT
    receipt: Receipt | None = None


class Subscription:
    """One confirmed subscription of a local connection."""

    __slots__ = (
        "connection",
        "head",
        "identifier",
        "outbox",
        "side",
        "start_seq",
        "subscriber",
    )

    def __init__(
        self, *, connection: Any, outbox: Outbox, identifier: str, subscriber: Any
    ) -> None:
        self.connection = connection
        self.outbox = outbox
        self.identifier = identifier
        # The frame prefix with the identifier, encoded once, spliced per event.
        self.head = protocol.frame_head(identifier)
        self.subscriber = subscriber
        # Whose frames these are, for delivery receipts (``Receipt.side``).
        self.side = (subscriber.account_id, subscriber.user_id is None)
        # Events up to this sequence number were delivered before this
        # subscription existed; catch-up replays only those (no duplicates).
        self.start_seq = 0


class Hub:
    """Local connections and subscriptions of one server process."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.connections: dict[Any, Outbox] = {}
        self.streams: dict[str, set[Subscription]] = {}
        # Each connection's own map of its subscriptions by identifier, which
        # the connection keeps up to date: read here only to unlink them all.
        self.subscriptions: dict[Any, Mapping[str, Subscription]] = {}
        # Each connection's client address, and how many connections each
        # address holds (for ONECHAT_CABLE_MAX_CONNECTIONS_PER_ADDRESS).
        self.addresses: dict[Any, str] = {}
        self.per_address: dict[str, int] = {}
        # Sequence number of the last event this process delivered.
        self.last_seq = 0
        self._heartbeat: asyncio.Task | None = None
        self._ping_slices: list[dict[Any, Outbox]] = [{} for _ in range(PING_SLICES)]
        self._next_ping_slice = 0
        self.receipts = Receipts(loop)

    ### Connections and subscriptions

    def connect(
        self,
        connection: Any,
        outbox: Outbox,
        subscriptions: Mapping[str, Subscription],
        *,
        address: str = "",
    ) -> bool:
        """Register a local connection (for heartbeats and shutdown); False
        when its client ``address`` already holds the most connections allowed
        (``ONECHAT_CABLE_MAX_CONNECTIONS_PER_ADDRESS``, 0 for no limit).

        ``subscriptions`` is the connection's own map of its subscriptions by
        identifier: the connection adds each one ``subscribe`` accepted and
        removes it before ``unsubscribe``; the hub never keeps a copy. When
        ``outbox`` closes (the client is gone or too slow), the hub forgets
        the connection.
        """
        limit = settings.ONECHAT_CABLE_MAX_CONNECTIONS_PER_ADDRESS
        held = self.per_address.get(address, 0)
        if limit and held >= limit:
            return False
        self.per_address[address] = held + 1
        self.addresses[connection] = address
        self.connections[connection] = outbox
        self.subscriptions[connection] = subscriptions
        outbox.on_close = lambda: self.disconnect(connection)
        self._ping_slices[self._next_ping_slice][connection] = outbox
        self._next_ping_slice = (self._next_ping_slice + 1) % PING_SLICES
        if self._heartbeat is None or self._heartbeat.done():
            self._heartbeat = self.loop.create_task(self._beat())
        return True

    def disconnect(self, connection: Any) -> None:
        """Forget a connection and every subscription it held."""
        if self.connections.pop(connection, None) is None:
            return
        address = self.addresses.pop(connection)
        held = self.per_address[address] - 1
        if held:
            self.per_address[address] = held
        else:
            del self.per_address[address]
        for ping_slice in self._ping_slices:
            ping_slice.pop(connection, None)
        for subscription in self.subscriptions.pop(connection, {}).values():
            self._unlink(subscription)

    def subscribe(self, subscription: Subscription) -> bool:
        """Start delivering the subscriber's streams to ``subscription``.

        False when its connection is gone (closed meanwhile, or revoked).
        """
        if subscription.connection not in self.connections:
            return False
        subscription.start_seq = self.last_seq
        for stream in subscription.subscriber.streams:
            self.streams.setdefault(stream, set()).add(subscription)
        return True

    def unsubscribe(self, subscription: Subscription) -> None:
        """Stop delivering to ``subscription``."""
        self._unlink(subscription)

    def _unlink(self, subscription: Subscription) -> None:
        for stream in subscription.subscriber.streams:
            followers = self.streams.get(stream)
            if followers is not None:
                followers.discard(subscription)
                if not followers:
                    del self.streams[stream]

    def followers(self, streams: Iterable[str]) -> set[Subscription]:
        """The local subscriptions following any of ``streams``, each once."""
        found: set[Subscription] | None = None
        for stream in streams:
            followers = self.streams.get(stream)
            if not followers:
                continue
            # The common case is a single stream with local followers: no copy.
            found = followers if found is None else found | followers
        return found or set()

    ### Delivery

    async def deliver(self, seq: int, envelope: Envelope) -> None:
        """Write an event to every local subscription following its streams."""
        self.last_seq = max(self.last_seq, seq)
        targets = self.followers(envelope.streams)
        if not targets:
            return
        if envelope.kind == CLOSE:
            await self._close(targets, envelope.body)
            return
        message = protocol.with_seq(envelope.body, seq)
        # Subscriptions sharing an identifier (one user's tabs, integrators'
        # pools of sockets) share one frame; servers only read the reply dict.
        # A write never waits on its socket and never raises: one client that
        # is slow or gone holds nobody else's frame.
        replies: dict[str, dict[str, str]] = {}
        receipt = envelope.receipt
        side = receipt.side if receipt is not None else None
        for subscription in list(targets):
            reply = replies.get(subscription.head)
            if reply is None:
                reply = replies[subscription.head] = {
                    "type": "websocket.send",
                    "text": protocol.data_frame(subscription.head, message),
                }
            sent = await subscription.outbox.write(reply)
            # Only a frame handed to a recipient's socket counts; one waiting
            # in a slow client's backlog may still be dropped with it.
            if side is not None and sent and subscription.side == side:
                self.receipts.note(receipt)
                side = None

    async def _close(self, targets: set[Subscription], frame: str) -> None:
        connections = {subscription.connection for subscription in targets}
        for connection in connections:
            outbox = self.connections.get(connection)
            self.disconnect(connection)
            if outbox is not None:
                await outbox.close(frame)

    async def _write_all(self, outboxes: list[Outbox], frame: str) -> None:
        # Writes that never wait (daphne's) would hold the loop for the whole
        # pass: every BROADCAST_SLICE connections, events get their turn.
        message = {"type": "websocket.send", "text": frame}
        for count, outbox in enumerate(outboxes, 1):
            await outbox.write(message)
            if count % BROADCAST_SLICE == 0:
                await asyncio.sleep(0)

    async def shutdown(self) -> None:
        """Tell every local connection the server restarts, then close them."""
        frame = protocol.disconnect(protocol.Reason.SERVER_RESTART, reconnect=True)
        logger.info("server restart: closing %d connections", len(self.connections))
        for connection, outbox in list(self.connections.items()):
            self.disconnect(connection)
            await outbox.close(frame)
        # Twisted writes on a later loop turn, and its shutdown drops sockets
        # without flushing: give the writes a moment to leave.
        await asyncio.sleep(SHUTDOWN_FLUSH_SECONDS)

    async def _beat(self) -> None:
        # One task pings every connection, one slice per tick; the frame is
        # encoded once per tick.
        tick = settings.ONECHAT_CABLE_PING_SECONDS / PING_SLICES
        index = 0
        while self.connections:
            await asyncio.sleep(tick)
            await self._write_all(
                list(self._ping_slices[index].values()), protocol.ping()
            )
            index = (index + 1) % PING_SLICES
