"""An ActionCable client over channels' WebsocketCommunicator, for consumer tests."""

import asyncio
import json
from typing import Any

from channels.testing import WebsocketCommunicator

from realtime.consumers import CableConsumer


def agent_identifier(user, account_id: int, **extra: Any) -> str:
    return json.dumps(
        {
            "channel": "RoomChannel",
            "pubsub_token": user.pubsub_token,
            "account_id": account_id,
            "user_id": user.pk,
            **extra,
        }
    )


def contact_identifier(session, **extra: Any) -> str:
    return json.dumps(
        {"channel": "RoomChannel", "pubsub_token": session.pubsub_token, **extra}
    )


class Cable:
    """One test connection to the consumer."""

    def __init__(self, subprotocols: list[str] | None = None) -> None:
        self.communicator = WebsocketCommunicator(
            CableConsumer.as_asgi(),
            "/cable",
            subprotocols=["actioncable-v1-json", "actioncable-unsupported"]
            if subprotocols is None
            else subprotocols,
        )
        self.subprotocol: str | None = None

    async def open(self) -> "Cable":
        connected, self.subprotocol = await self.communicator.connect()
        assert connected
        assert await self.receive() == {"type": "welcome"}
        return self

    async def close(self) -> None:
        await self.communicator.disconnect()

    async def send(self, frame: Any) -> None:
        text = frame if isinstance(frame, str) else json.dumps(frame)
        await self.communicator.send_to(text_data=text)

    async def receive_text(self, timeout: float = 2) -> str:
        return await self.communicator.receive_from(timeout)

    async def receive(self, timeout: float = 2) -> dict:
        return json.loads(await self.receive_text(timeout))

    async def receive_data(self, timeout: float = 2) -> dict:
        """The next data frame, skipping pings."""
        while True:
            frame = await self.receive(timeout)
            if frame.get("type") != "ping":
                return frame

    async def nothing(self, timeout: float = 0.3) -> bool:
        """Whether nothing but pings arrives within ``timeout`` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while (remaining := deadline - loop.time()) > 0:
            if await self.communicator.receive_nothing(remaining):
                return True
            if (await self.receive()).get("type") != "ping":
                return False
        return True

    async def subscribe(self, identifier: str) -> dict:
        """The answer to a subscribe (pings may come first and are skipped)."""
        await self.send({"command": "subscribe", "identifier": identifier})
        return await self.receive_data()

    async def settle(self) -> None:
        """Wait until the server handled every frame sent so far.

        Frames are handled in order, so the reject of a bogus subscribe comes
        after everything before it.
        """
        frame = await self.subscribe("settle")
        assert frame == {"identifier": "settle", "type": "reject_subscription"}

    async def perform(self, identifier: str, action: str, **data: Any) -> None:
        await self.send(
            {
                "command": "message",
                "identifier": identifier,
                "data": json.dumps({"action": action, **data}),
            }
        )

    async def closed(self, timeout: float = 2) -> bool:
        output = await self.communicator.receive_output(timeout)
        return output["type"] == "websocket.close"
