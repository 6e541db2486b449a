"""Real-socket helpers: an ActionCable client on ``websockets`` and API calls."""

import asyncio
import json
import time
import urllib.request
from typing import Any

import websockets

SUBPROTOCOL = "actioncable-v1-json"


class Client:
    """An ActionCable client over a real websocket."""

    def __init__(self, socket: websockets.ClientConnection) -> None:
        self.socket = socket

    @classmethod
    async def connect(cls, url: str, subprotocols: list[str] | None = None) -> "Client":
        socket = await websockets.connect(
            url, subprotocols=[SUBPROTOCOL] if subprotocols is None else subprotocols
        )
        client = cls(socket)
        assert await client.receive() == {"type": "welcome"}
        return client

    async def close(self) -> None:
        await self.socket.close()

    async def send(self, frame: dict) -> None:
        await self.socket.send(json.dumps(frame))

    async def receive(self, timeout: float = 5) -> dict:
        return json.loads(await asyncio.wait_for(self.socket.recv(), timeout))

    async def subscribe(self, identifier: str) -> dict:
        await self.send({"command": "subscribe", "identifier": identifier})
        return await self.next_frame(
            lambda frame: "type" in frame and frame["type"] != "ping"
        )

    async def perform(self, identifier: str, action: str, **data: Any) -> None:
        await self.send(
            {
                "command": "message",
                "identifier": identifier,
                "data": json.dumps({"action": action, **data}),
            }
        )

    async def next_frame(self, wanted, timeout: float = 5) -> dict:
        """The next frame ``wanted(frame)`` accepts, skipping others."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no matching frame")
            frame = await self.receive(left)
            if wanted(frame):
                return frame

    async def next_event(self, name: str, timeout: float = 5) -> dict:
        """The ``message`` of the next data frame carrying event ``name``."""
        frame = await self.next_frame(
            lambda frame: (
                frame.get("message", {}).get("event") == name
                if isinstance(frame.get("message"), dict)
                else False
            ),
            timeout,
        )
        return frame["message"]


def api_post(base_url: str, path: str, token: str, body: dict) -> tuple[int, dict]:
    """POST JSON to the Application API as the user with ``token``."""
    request = urllib.request.Request(
        f"{base_url}{path}",
        data=json.dumps(body).encode(),
        # daphne drops header names with underscores (CVE-2015-0219); Django
        # reads the dashed spelling into the same HTTP_API_ACCESS_TOKEN.
        headers={"Content-Type": "application/json", "api-access-token": token},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


async def send_message(base_url: str, conversation, user, content: str) -> dict:
    """Send an agent's reply through the server's HTTP API; returns the message."""
    path = (
        f"/api/v1/accounts/{conversation.account_id}/conversations/"
        f"{conversation.display_id}/messages"
    )
    status, body = await asyncio.to_thread(
        api_post, base_url, path, user.access_token, {"content": content}
    )
    assert status == 201, (status, body)
    return body
