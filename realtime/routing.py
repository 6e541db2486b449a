"""Websocket routing: the ActionCable endpoint at /cable, and nothing else."""

from typing import Any

from realtime.consumers import CableConsumer

CABLE_PATH = "/cable"


class CableRouter:
    """Hand websockets at ``/cable`` to the consumer; refuse every other path.

    A plain comparison rather than Channels' URLRouter, which copies each
    connection's scope to add the route it matched: a copy every idle
    connection would keep for nothing (/cable takes no URL arguments).
    """

    def __init__(self) -> None:
        self.consumer = CableConsumer.as_asgi()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        path = scope["path"]
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :]
        if path != CABLE_PATH:
            # The handshake is refused (HTTP 403), as the ASGI spec has it:
            # close in answer to the connect.
            await receive()
            await send({"type": "websocket.close"})
            return
        await self.consumer(scope, receive, send)
