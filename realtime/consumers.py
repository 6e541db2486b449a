"""The ActionCable endpoint at /cable: a thin adapter between frames and the hub.

Frames are parsed once by ``realtime/protocol.py``; who may follow which streams
is decided by ``realtime/streams.py``; delivery is the hub's. Bad input gets the
protocol's answer (a reject, a logged no-op, or a disconnect with a reason) and
never breaks the connection otherwise. Every frame to the client goes through
the connection's outbox (``realtime/outbox.py``), in order.

Limits on one client (``onechat/settings.py``): frames per second
(``ONECHAT_CABLE_MAX_FRAMES_PER_SECOND``, then ``disconnect`` with
``invalid_request``), subscribe attempts per connection
(``ONECHAT_CABLE_MAX_SUBSCRIPTIONS``, the same), connections per client address
and process (``ONECHAT_CABLE_MAX_CONNECTIONS_PER_ADDRESS``, then ``disconnect``
with ``too_many_connections``).

Client actions over the ``message`` command (``data`` is a JSON string):

- ``{"action":"update_presence"}``: answered with ``presence.update`` to this
  subscription only.
- ``{"action":"catch_up","after":<seq>}``: replays, to this subscription, the
  events it missed after sequence number ``<seq>`` (the ``seq`` of the last
  event frame the client handled), up to the moment it subscribed, then sends
  ``catch_up.completed`` with ``{"after", "last_seq", "complete"}``. Events
  delivered live since subscribing are not replayed, so nothing arrives twice.
  ``complete: false`` means the recent-events log no longer reaches back that
  far: reload through the REST API (``updated_within``, ``messages?after=``).
- ``{"action":"page","visible":<bool>}``: a visitor's widget shows its page,
  or no longer does (``realtime/visitors.py``).

Calls (``calls/``, through ``realtime/calling.py``), by an agent's or a
contact session's subscription. A refused step is answered to that
subscription alone with ``operation.failed`` ``{"operation": "call", "code",
"reason", "conversation_id", "account_id", "call_id"?}``; bad data (wrong
types, ids of another account or conversation) is a protocol error.

- ``{"action":"call_request","conversation_id":N,"video":<bool>}``: ring the
  other side (an agent needs to be able to reply; a contact calls in its own
  session's conversation). Codes: ``calls_off``, ``call_in_progress``,
  ``no_access``.
- ``{"action":"call_accept","call_id":N,"video":<bool>}``: answer (``video``
  false: without a camera); the first agent to answer a contact's call takes
  it, later ones get ``already_answered``.
- ``{"action":"call_reject","call_id":N}``: decline a ringing call.
- ``{"action":"call_cancel","call_id":N}``: stop ringing one's own request.
- ``{"action":"call_hangup","call_id":N}``: end the call.
- ``{"action":"call_state","call_id":N,"state":"active"|"interrupted"}``: the
  party's connection came up or was lost (a call interrupted longer than
  ``ONECHAT_CALL_RESUME_SECONDS`` ends).
- ``{"action":"call_screen","call_id":N,"sharing":<bool>}``: the party started
  or stopped sharing its screen (a contact only where the inbox allows it:
  ``screen_sharing_off``).
- ``{"action":"call_signal","call_id":N,"signal":{"type":"offer"|"answer"|
  "candidate",...}}``: relayed unchanged (at most 64 KB) to the other party
  as ``call.signal``.

Every change of a call is ``call.updated`` (the call, with the ICE servers
to use) to its two parties only: while a contact's call rings unanswered, to
the conversation's assignee or else its readers, who also hear when it stops
ringing. ``call.signal`` ``{"call_id", "account_id", "conversation_id",
"from", "signal"}`` reaches the other party alone.
"""

import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from channels.consumer import get_handler_name
from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings

from realtime import calling, events, fanout, presence, protocol, streams, visitors
from realtime.hub import Subscription
from realtime.outbox import Outbox, Send, flow_of
from realtime.protocol import Command, ProtocolError, Reason

logger = logging.getLogger(__name__)

Receive = Callable[[], Awaitable[dict[str, Any]]]


def redact(params: dict[str, Any]) -> str:
    """An identifier fit for logs: the token cut to its first four characters."""
    token = params.get("pubsub_token")
    shown = (
        {**params, "pubsub_token": f"{token[:4]}…"}
        if isinstance(token, str)
        else params
    )
    return protocol.encode(shown)[:200]


class CableConsumer(AsyncWebsocketConsumer):
    """One websocket connection speaking ActionCable v1 JSON."""

    # No channel layer and no groups: fan-out goes through the process's hub,
    # which follows streams per subscription (and an empty tuple spares each
    # connection the list Channels would make).
    groups = ()

    ### Connection

    async def __call__(self, scope: dict, receive: Receive, send: Send) -> None:
        """Hand each event of the connection, in order, to its handler.

        Channels' own loop wraps every ``receive`` in a task and waits on it
        with ``asyncio.wait``, so that it can listen to a channel layer as
        well; with only the socket to listen to, awaiting ``receive`` directly
        leaves an idle connection one suspended coroutine, with no task or
        future of its own (a few KB less per connection).
        """
        self.scope = scope
        self.channel_layer = None
        self.outbox = Outbox(send, flow_of(send))
        self.base_send = self.outbox.put
        try:
            while True:
                await self.dispatch(await receive())
        except StopConsumer:
            pass

    async def dispatch(self, message: dict) -> None:
        """Run the handler of a message's type, without a database sweep first.

        Channels closes stale database connections (a hop to the one shared
        sync thread) before every handler; at /cable only ``streams`` and
        ``presence`` touch the database, through ``database_sync_to_async``,
        which sweeps around each call itself.
        """
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def connect(self) -> None:
        """Accept (with the ActionCable subprotocol when offered) and say welcome."""
        offered = self.scope.get("subprotocols") or []
        await self.accept(
            protocol.SUBPROTOCOL if protocol.SUBPROTOCOL in offered else None
        )
        self.subscriptions: dict[str, Subscription] = {}
        # Names this socket among a visitor's sockets in every process.
        self.key = uuid.uuid4().hex
        self.attempts = 0
        self.second_started = 0.0
        self.frames_this_second = 0
        # Welcome first: heartbeats start once the hub knows the connection.
        await self.send(text_data=protocol.WELCOME)
        self.hub = fanout.current_hub()
        client = self.scope.get("client")
        if not self.hub.connect(
            self, self.outbox, self.subscriptions, address=client[0] if client else ""
        ):
            logger.info("cable: too many connections from one address")
            await self.leave(Reason.TOO_MANY_CONNECTIONS)

    async def disconnect(self, code: int) -> None:
        """Forget the connection's subscriptions and what waits to be sent."""
        hub = getattr(self, "hub", None)
        if hub is not None:
            hub.disconnect(self)
        self.outbox.discard()
        for subscription in getattr(self, "subscriptions", {}).values():
            if subscription.subscriber.is_agent:
                await presence.agent_left(subscription.subscriber)
            else:
                await visitors.page_hidden(subscription.subscriber, self.key)

    async def receive(
        self, text_data: str | None = None, bytes_data: bytes | None = None
    ) -> None:
        """Parse one frame and dispatch its command."""
        if self.flooding():
            logger.info("cable: too many frames per second")
            await self.leave(Reason.INVALID_REQUEST)
            return
        if text_data is None:
            logger.info(
                "cable: ignored a binary frame of %d bytes", len(bytes_data or b"")
            )
            return
        try:
            command = protocol.parse_command(
                text_data, max_bytes=settings.ONECHAT_CABLE_MAX_FRAME_BYTES
            )
            await self.commands[command.command](self, command)
        except ProtocolError as error:
            await self.refuse(error)

    async def refuse(self, error: ProtocolError) -> None:
        """Answer a bad frame: disconnect, reject the subscription, or log it."""
        logger.info("cable: %s", error.reason)
        if error.fatal:
            await self.leave(Reason.INVALID_REQUEST)
        elif error.identifier is not None:
            await self.send(text_data=protocol.reject(error.identifier))

    async def leave(self, reason: str, *, reconnect: bool = False) -> None:
        """Send a disconnect frame and close."""
        self.hub.disconnect(self)
        await self.outbox.close(protocol.disconnect(reason, reconnect=reconnect))

    def flooding(self) -> bool:
        """Whether this frame is one more than a second may carry."""
        limit = settings.ONECHAT_CABLE_MAX_FRAMES_PER_SECOND
        if not limit:
            return False
        now = time.monotonic()
        if now - self.second_started >= 1:
            self.second_started = now
            self.frames_this_second = 0
        self.frames_this_second += 1
        return self.frames_this_second > limit

    ### Commands

    async def subscribe(self, command: Command) -> None:
        """Confirm or reject a subscription; a repeated one is confirmed again."""
        if command.identifier in self.subscriptions:
            await self.send(text_data=protocol.confirm(command.identifier))
            return
        # Each attempt may cost a database lookup: rejected ones count too.
        self.attempts += 1
        if self.attempts > settings.ONECHAT_CABLE_MAX_SUBSCRIPTIONS:
            logger.info("cable: too many subscribes on one connection")
            await self.leave(Reason.INVALID_REQUEST)
            return
        subscriber = await streams.authorize(command.params)
        if subscriber is None:
            logger.info("cable: rejected %s", redact(command.params))
            await self.send(text_data=protocol.reject(command.identifier))
            return
        subscription = Subscription(
            connection=self,
            outbox=self.outbox,
            identifier=command.identifier,
            subscriber=subscriber,
        )
        if not self.hub.subscribe(subscription):
            return  # the connection was closed while its token was checked
        self.subscriptions[command.identifier] = subscription
        await self.send(text_data=protocol.confirm(command.identifier))
        if subscriber.is_agent:
            await presence.agent_seen(subscriber)
        else:
            await visitors.page_shown(subscriber, self.key)

    async def unsubscribe(self, command: Command) -> None:
        """End a subscription (unknown ones are ignored)."""
        subscription = self.subscriptions.pop(command.identifier, None)
        if subscription is not None:
            self.hub.unsubscribe(subscription)

    async def message(self, command: Command) -> None:
        """Run a client action on one of this connection's subscriptions."""
        subscription = self.subscriptions.get(command.identifier)
        if subscription is None:
            raise ProtocolError("message for a subscription this connection lacks")
        action = self.actions.get(command.data["action"])
        if action is None:
            raise ProtocolError(f"unknown action {command.data['action'][:40]!r}")
        await action(self, subscription, command.data)

    commands = {"subscribe": subscribe, "unsubscribe": unsubscribe, "message": message}

    ### Actions

    async def update_presence(self, subscription: Subscription, data: dict) -> None:
        """Record presence and answer this subscription with ``presence.update``."""
        if subscription.subscriber.is_agent:
            await presence.agent_seen(subscription.subscriber)
        state = await presence.update_presence(subscription.subscriber)
        await self.reply(subscription, "presence.update", state)

    async def catch_up(self, subscription: Subscription, data: dict) -> None:
        """Replay what this subscription missed after ``data["after"]``."""
        after = data.get("after")
        if not protocol.is_sequence_number(after):
            raise ProtocolError("catch_up needs an integer 'after'")
        replay = await fanout.current_feed().replay(
            subscription.subscriber.streams, after, subscription.start_seq
        )
        for message in replay.messages:
            await self.send(text_data=protocol.data_frame(subscription.head, message))
        done = events.CatchUp(
            account_id=subscription.subscriber.account_id,
            after=after,
            last_seq=replay.last_seq,
            complete=replay.complete,
        )
        await self.reply(subscription, "catch_up.completed", done)

    async def page(self, subscription: Subscription, data: dict) -> None:
        """A visitor's widget shows its page again, or no longer does."""
        subscriber = subscription.subscriber
        if subscriber.is_agent or not isinstance(data.get("visible"), bool):
            raise ProtocolError("page is a visitor's, with a boolean 'visible'")
        if data["visible"]:
            await visitors.page_shown(subscriber, self.key)
        else:
            await visitors.page_hidden(subscriber, self.key)

    async def call_step(self, subscription: Subscription, data: dict) -> None:
        """Run a call action (``realtime/calling.py``); answer a refusal to
        this subscription with ``operation.failed``."""
        failure = await calling.perform(subscription.subscriber, data["action"], data)
        if failure is not None:
            await self.reply(subscription, "operation.failed", failure)

    actions = {
        "update_presence": update_presence,
        "catch_up": catch_up,
        "page": page,
        **dict.fromkeys(calling.STEPS, call_step),
    }

    async def reply(self, subscription: Subscription, name: str, instance: Any) -> None:
        """Send event ``name`` to this one subscription."""
        message = events.encode_message(name, instance)
        await self.send(text_data=protocol.data_frame(subscription.head, message))
