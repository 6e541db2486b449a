"""A connection's bounded outgoing buffer: writes that never wait on its socket.

Every frame the server sends to a connection goes through its ``Outbox``, in
order. While the server can take a frame at once (its write buffer for the
socket is below its low-water mark), the frame is written at once; otherwise
it waits in the outbox's backlog, which a writer task of that connection alone
drains as the socket does. A backlog over ``ONECHAT_CABLE_OUTBOX_FRAMES``
frames or ``ONECHAT_CABLE_OUTBOX_BYTES`` bytes means the client cannot keep up:
the backlog is dropped and the client told ``too_slow`` (``reconnect: true``),
then ``catch_up`` from its last ``seq`` brings back what it missed. Centrifugo
does the same with its per-client queue (``client_queue_max_size``, then a
"slow" disconnect).

What tells whether a socket can take a frame depends on the server (``flow_of``):

- uvicorn: the asyncio transport's write buffer. uvicorn's ``send`` itself waits
  while the transport is paused, so only the writer task ever awaits it then.
- daphne: Twisted writes on a later loop turn and buffers without limit; a
  streaming producer registered on the connection is paused by Twisted above
  its 64 KiB buffer and resumed once the buffer is flushed.

Memory per stalled client is then bounded: the kernel's socket buffer, the
server's buffer (about one high-water mark and a frame) and the backlog limit.
A write to a connection that is gone is dropped quietly, as daphne drops
replies to a closed protocol.
"""

import asyncio
import functools
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from django.conf import settings

from realtime import protocol

logger = logging.getLogger(__name__)

Send = Callable[[dict[str, Any]], Awaitable[None]]

CLOSE = {"type": "websocket.close"}
# How long the goodbye of a slow connection may wait for its socket.
GOODBYE_SECONDS = 10.0


### What the server says about a socket


class Flow:
    """A socket that always takes a frame (a server with no flow control to read)."""

    __slots__ = ()

    def writable(self) -> bool:
        """Whether a frame written now leaves without waiting."""
        return True

    async def wait_writable(self) -> None:
        """Return once a frame can be written."""

    def release(self) -> None:
        """Stop following the socket (it is being closed)."""


class AsyncioFlow(Flow):
    """uvicorn: the asyncio (or uvloop) transport's write buffer against its
    low-water mark."""

    __slots__ = ("low_water", "transport")

    def __init__(self, transport: Any) -> None:
        self.transport = transport
        self.low_water = transport.get_write_buffer_limits()[0]

    def writable(self) -> bool:
        # At or below the low-water mark the transport is never paused, so
        # uvicorn's send returns without waiting.
        return self.transport.get_write_buffer_size() <= self.low_water


class TwistedFlow(Flow):
    """daphne: a streaming producer that Twisted pauses while its buffer is full.

    The connection's transport already has one (the HTTP channel the websocket
    was upgraded from, which stops reading while paused): this one takes its
    place and passes every call on to it.
    """

    __slots__ = ("inner", "paused", "resumed", "streaming", "transport")

    def __init__(self, transport: Any) -> None:
        self.transport = transport
        self.inner = transport.producer
        self.streaming = transport.streamingProducer
        self.paused = False
        self.resumed: asyncio.Future | None = None
        if self.inner is not None:
            transport.unregisterProducer()
        transport.registerProducer(self, True)

    def writable(self) -> bool:
        return not self.paused

    async def wait_writable(self) -> None:
        while self.paused:
            # A waiter cancelled meanwhile (a writer dropped on overflow) has
            # cancelled the future too.
            if self.resumed is None or self.resumed.done():
                self.resumed = asyncio.get_running_loop().create_future()
            await self.resumed

    def release(self) -> None:
        # Give the transport its own producer back: a paused one of ours left
        # registered would keep Twisted from finishing the close.
        if self.transport.producer is not self:
            return
        self.resumeProducing()
        self.transport.unregisterProducer()
        if self.inner is not None:
            self.transport.registerProducer(self.inner, self.streaming)

    ### IPushProducer (called by Twisted, on the same event loop)

    def pauseProducing(self) -> None:
        """Twisted's buffer is over its limit."""
        self.paused = True
        if self.inner is not None:
            self.inner.pauseProducing()

    def resumeProducing(self) -> None:
        """Twisted flushed its buffer."""
        self.paused = False
        if self.resumed is not None:
            if not self.resumed.done():
                self.resumed.set_result(None)
            self.resumed = None
        if self.inner is not None:
            self.inner.resumeProducing()

    def stopProducing(self) -> None:
        """The connection is gone."""
        self.paused = False
        if self.resumed is not None and not self.resumed.done():
            self.resumed.set_result(None)
        if self.inner is not None:
            self.inner.stopProducing()


def flow_of(send: Send) -> Flow:
    """The flow control of the server behind an ASGI ``send``.

    daphne's ``send`` is ``partial(server.handle_reply, protocol)`` around its
    autobahn protocol; uvicorn's is a method of its protocol, which holds the
    asyncio transport. Anything else (tests' in-memory servers) always writes.
    """
    if isinstance(send, functools.partial) and send.args:
        transport = getattr(send.args[0], "transport", None)
        if hasattr(transport, "registerProducer"):
            return TwistedFlow(transport)
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    # uvloop's transports (uvicorn's loop when installed) do not derive from
    # asyncio's classes but have the same flow-control methods.
    if hasattr(transport, "get_write_buffer_size"):
        return AsyncioFlow(transport)
    return Flow()


### The outbox


class Outbox:
    """The outgoing frames of one connection, bounded in frames and bytes."""

    __slots__ = (
        "backlog",
        "closed",
        "flow",
        "on_close",
        "queued_bytes",
        "send",
        "writer",
    )

    def __init__(self, send: Send, flow: Flow | None = None) -> None:
        self.send = send
        self.flow = flow or Flow()
        self.backlog: deque[dict[str, Any]] | None = None
        self.queued_bytes = 0
        self.writer: asyncio.Task | None = None
        self.closed = False
        # Called once when the outbox closes (the hub forgets the connection).
        self.on_close: Callable[[], None] | None = None

    async def write(self, message: dict[str, Any]) -> bool:
        """Write ``message`` after every earlier one, never waiting on the socket.

        True when the frame went to the server at once; False when it waits
        in the backlog (or was dropped with a closed connection).
        """
        if self.closed:
            return False
        # While the writer runs (even with the backlog empty, sending its last
        # frame) frames queue behind it, so they leave in order.
        if self.writer is None and self.flow.writable():
            return await self._send(message)
        if self.backlog is None:
            self.backlog = deque()
        self.backlog.append(message)
        self.queued_bytes += _size(message)
        if (
            len(self.backlog) > settings.ONECHAT_CABLE_OUTBOX_FRAMES
            or self.queued_bytes > settings.ONECHAT_CABLE_OUTBOX_BYTES
        ):
            self._overflow()
        elif self.writer is None:
            self.writer = asyncio.get_running_loop().create_task(self._drain())
        return False

    async def put(self, message: dict[str, Any]) -> None:
        """Write ``message`` as the connection's own answer: it waits for the
        backlog to drain, so a long answer (a catch-up) goes at the client's
        pace instead of overflowing the outbox."""
        await self.write(message)
        if self.writer is not None:
            # wait() never raises for the writer: dropped with its outbox, or
            # cancelled when the outbox overflows.
            await asyncio.wait((self.writer,))

    async def close(self, frame: str | None = None) -> None:
        """Send ``frame`` (a disconnect) after what is queued, then close."""
        if self.closed:
            return
        if frame is not None:
            await self.write({"type": "websocket.send", "text": frame})
        await self.write(CLOSE)
        self._closed()

    def discard(self) -> None:
        """Forget what is queued: the connection is gone."""
        self._closed()
        self.backlog = None
        self.flow.release()
        if self.writer is not None:
            self.writer.cancel()
            self.writer = None

    ### Writing

    async def _send(self, message: dict[str, Any]) -> bool:
        if message is CLOSE:
            self.flow.release()
        try:
            await self.send(message)
        except (OSError, RuntimeError) as error:
            # uvicorn raises for a socket closed meanwhile (ClientDisconnected,
            # or a send after its close): normal in fan-out, not an error.
            logger.debug("cable: dropped a write to a closed connection: %s", error)
            self.discard()
            return False
        return True

    async def _drain(self) -> None:
        # Ends with the backlog empty, or cancelled by discard() or an overflow.
        backlog = self.backlog
        while backlog:
            await self.flow.wait_writable()
            message = backlog.popleft()
            self.queued_bytes -= _size(message)
            await self._send(message)
        self.writer = None

    def _overflow(self) -> None:
        logger.info(
            "cable: %d frames (%d bytes) waiting for a slow client: disconnected",
            len(self.backlog or ()),
            self.queued_bytes,
        )
        if self.writer is not None:
            self.writer.cancel()
        self.backlog = None
        self.queued_bytes = 0
        self._closed()
        self.writer = asyncio.get_running_loop().create_task(self._goodbye())

    async def _goodbye(self) -> None:
        # The frame goes out once the server's buffer drains, after every frame
        # the client was sent. A client that reads it closes by itself (then
        # discard() cancels this task); one that does not is closed when the
        # time is up: daphne's close ends in an abort that drops what the
        # kernel still holds, so the close waits for the client as long.
        frame = protocol.disconnect(protocol.Reason.TOO_SLOW, reconnect=True)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + GOODBYE_SECONDS
        try:
            async with asyncio.timeout_at(deadline):
                await self.flow.wait_writable()
                await self.send({"type": "websocket.send", "text": frame})
        except (OSError, RuntimeError, TimeoutError):
            logger.debug("cable: a slow client took no goodbye")
        await asyncio.sleep(deadline - loop.time())
        self.flow.release()
        try:
            # uvicorn's send waits while the client reads nothing; its
            # keepalive ends such a connection.
            async with asyncio.timeout(GOODBYE_SECONDS):
                await self.send(CLOSE)
        except (OSError, RuntimeError, TimeoutError):
            logger.debug("cable: a slow client was not closed")

    def _closed(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self.on_close is not None:
            self.on_close()


def _size(message: dict[str, Any]) -> int:
    # Server frames are ASCII JSON: characters are bytes.
    return len(message.get("text") or message.get("bytes") or "")
