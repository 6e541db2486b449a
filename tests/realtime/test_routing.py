"""Websocket routing: /cable reaches the ActionCable consumer, nothing else does."""

import json

import pytest
from asgiref.sync import async_to_sync

from channels.testing import WebsocketCommunicator

from onechat.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)


async def handshake(path: str, **scope) -> tuple[bool, str | None]:
    """Whether a websocket handshake at ``path`` is accepted, and the first frame."""
    communicator = WebsocketCommunicator(application, path)
    communicator.scope.update(scope)
    accepted, _ = await communicator.connect()
    first = await communicator.receive_from() if accepted else None
    await communicator.disconnect()
    return accepted, first


@pytest.mark.parametrize(
    ("path", "scope", "accepted"),
    [
        ("/cable", {}, True),
        ("/onechat/cable", {"root_path": "/onechat"}, True),
        ("/cable/", {}, False),
        ("/cables", {}, False),
        ("/", {}, False),
        ("/api/v1/profile", {}, False),
    ],
)
def test_only_cable_accepts_websockets(path, scope, accepted):
    """/cable (under the root path the server mounts OneChat at) says welcome;
    any other path has its handshake refused."""
    answer, first = async_to_sync(handshake)(path, **scope)
    assert answer is accepted
    if accepted:
        assert json.loads(first) == {"type": "welcome"}
