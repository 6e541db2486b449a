"""Real-socket helpers: an ActionCable client on ``websockets`` and API calls."""

import asyncio
import contextlib
import itertools
import json
import socket
import time
import urllib.request
from typing import Any

import websockets

SUBPROTOCOL = "actioncable-v1-json"
# Pings come every 3 s; a longer gap means the heartbeat was held.
PING_GAP_SECONDS = 4.5


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

    @classmethod
    async def connect_stalling(cls, url: str) -> "Client":
        """A client that stops reading after the welcome: its receive buffer
        is as small as the kernel allows and it queues one frame at most, so
        the server's frames pile up as on a phone that went quiet."""
        host, port = url.split("//", 1)[1].split("/", 1)[0].split(":")
        raw = socket.socket()
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        raw.connect((host, int(port)))
        raw.setblocking(False)
        socket_ = await websockets.connect(
            url,
            sock=raw,
            subprotocols=[SUBPROTOCOL],
            compression=None,
            max_queue=1,
            max_size=None,
        )
        client = cls(socket_)
        assert await client.receive() == {"type": "welcome"}
        return client

    def vanish(self) -> None:
        """Drop the TCP connection at once, without a closing handshake."""
        self.socket.transport.abort()

    async def drain(self, timeout: float = 15) -> list[dict]:
        """Every frame until a ``disconnect`` (the client then closes, as
        ActionCable's does) or until the server closes the connection."""
        frames = []
        deadline = time.monotonic() + timeout
        with contextlib.suppress(websockets.ConnectionClosed):
            while not frames or frames[-1].get("type") != "disconnect":
                frames.append(await self.receive(deadline - time.monotonic()))
            await self.close()
        return frames

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


class Listener:
    """Reads every frame of a client in the background, with its arrival time."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.frames: list[tuple[float, dict]] = []
        self.started = time.monotonic()
        self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        with contextlib.suppress(websockets.ConnectionClosed):
            while True:
                frame = json.loads(await self.client.socket.recv())
                self.frames.append((time.monotonic(), frame))

    def message_ids(self) -> list[int]:
        return [
            frame["message"]["data"]["id"]
            for _, frame in self.frames
            if isinstance(frame.get("message"), dict)
            and frame["message"].get("event") == "message.created"
        ]

    async def has(self, ids: list[int], timeout: float = 10) -> list[int]:
        """The message ids received once ``ids`` all arrived (or the time is up)."""
        deadline = time.monotonic() + timeout
        while not set(ids) <= set(self.message_ids()) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        return self.message_ids()

    def longest_ping_gap(self) -> float:
        moments = [self.started]
        moments += [at for at, frame in self.frames if frame.get("type") == "ping"]
        moments.append(time.monotonic())
        return max(later - earlier for earlier, later in itertools.pairwise(moments))

    async def stop(self) -> None:
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task
        await self.client.close()


async def listeners(server, identifier: str, count: int) -> list[Listener]:
    """``count`` clients subscribed with ``identifier``, each recording."""
    found = []
    for _ in range(count):
        client = await Client.connect(server.cable_url)
        assert (await client.subscribe(identifier))["type"] == "confirm_subscription"
        found.append(Listener(client))
    return found


def api_post(
    base_url: str, path: str, token: str, body: dict, method: str = "POST"
) -> tuple[int, dict]:
    """POST (or ``method``) JSON to the Application API as the user with ``token``."""
    request = urllib.request.Request(
        f"{base_url}{path}",
        data=json.dumps(body).encode(),
        # daphne drops header names with underscores (CVE-2015-0219); Django
        # reads the dashed spelling into the same HTTP_API_ACCESS_TOKEN.
        headers={"Content-Type": "application/json", "api-access-token": token},
        method=method,
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
    assert status == 200, (status, body)
    return body
