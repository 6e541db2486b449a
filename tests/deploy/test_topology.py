"""The self-hosted topology on loopback: nginx, two uvicorn processes (the
image's command line), the test database and the real Redis
(``deploy.topology``).

Events are triggered through the HTTP API of one process or the other; clients
follow them over websockets through nginx, as a browser behind compose does.
"""

import contextlib
import json
import time
import urllib.error
import urllib.request
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from deploy.topology import Topology, run_topology
from tests.servers import database_url, redis_keys_of_their_own

pytestmark = [
    pytest.mark.topology,
    pytest.mark.server,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]

REDIS_URL = "redis://127.0.0.1:6379/5"
TIMEOUT = 10.0


@pytest.fixture(scope="module")
def topology(django_db_setup):
    """nginx and two web processes on the test database, for the module."""
    # A prefix of its own: the shared Redis never mixes this run's events
    # with another run's.
    with (
        redis_keys_of_their_own(REDIS_URL) as prefix,
        run_topology(
            database_url=database_url(),
            redis_url=REDIS_URL,
            migrate=False,
            env={"REDIS_PREFIX": prefix},
        ) as running,
    ):
        yield running


class CableClient:
    """An ActionCable client over a real websocket."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket
        assert socket.subprotocol == "actioncable-v1-json"
        assert self.receive() == {"type": "welcome"}
        self.identifier = ""
        self.last_seq = 0

    def receive(self, timeout: float = TIMEOUT) -> dict:
        return json.loads(self.socket.recv(timeout=timeout))

    def subscribe(self, user, account_id: int) -> None:
        """Subscribe as an agent and wait for the confirmation."""
        self.identifier = json.dumps(
            {
                "channel": "RoomChannel",
                "pubsub_token": user.pubsub_token,
                "account_id": account_id,
                "user_id": user.pk,
            }
        )
        self.socket.send(
            json.dumps({"command": "subscribe", "identifier": self.identifier})
        )
        self.until(lambda frame: frame.get("type") == "confirm_subscription")

    def catch_up(self, after: int) -> None:
        """Ask for the events missed after sequence number ``after``."""
        data = json.dumps({"action": "catch_up", "after": after})
        self.socket.send(
            json.dumps(
                {"command": "message", "identifier": self.identifier, "data": data}
            )
        )

    def until(self, wanted, timeout: float = TIMEOUT) -> dict:
        """The first frame ``wanted`` accepts; pings and others are skipped."""
        deadline = time.monotonic() + timeout
        while True:
            frame = self.receive(timeout=max(deadline - time.monotonic(), 0.01))
            message = frame.get("message")
            if isinstance(message, dict) and "seq" in message:
                self.last_seq = max(self.last_seq, message["seq"])
            if wanted(frame):
                return frame

    def message_created(self, content: str) -> dict:
        """The ``message.created`` event of the message with ``content``."""

        def wanted(frame: dict) -> bool:
            message = frame.get("message")
            return (
                isinstance(message, dict)
                and message.get("event") == "message.created"
                and message["data"]["content"] == content
            )

        return self.until(wanted)["message"]

    def frames_until_closed(self, timeout: float) -> list[dict] | None:
        """Every frame up to the server's close, or None if it stays open."""
        frames = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                frames.append(self.receive(timeout=deadline - time.monotonic()))
            except ConnectionClosed:
                return frames
            except TimeoutError:
                break
        return None


@pytest.fixture
def open_cable():
    """Open CableClients to a URL; all are closed after the test."""
    with contextlib.ExitStack() as stack:

        def open_cable(url: str) -> CableClient:
            socket = stack.enter_context(
                connect(url, subprotocols=["actioncable-v1-json"], open_timeout=TIMEOUT)
            )
            return CableClient(socket)

        yield open_cable


def api(
    url: str,
    user,
    path: str,
    body: dict[str, Any] | None = None,
    *,
    header: str = "Api-Access-Token",
) -> dict:
    """Call the Application API at ``url`` as ``user``; the decoded response."""
    request = urllib.request.Request(
        f"{url}/api/v1{path}",
        data=json.dumps(body).encode() if body is not None else None,
        headers={header: user.access_token, "Content-Type": "application/json"},
        method="POST" if body is not None else "GET",
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return json.loads(response.read())


def post_message(url: str, user, conversation, content: str) -> dict:
    path = (
        f"/accounts/{conversation.account_id}/conversations/"
        f"{conversation.display_id}/messages"
    )
    return api(url, user, path, {"content": content})


def stored_contents(url: str, user, conversation) -> list[str]:
    path = (
        f"/accounts/{conversation.account_id}/conversations/"
        f"{conversation.display_id}/messages"
    )
    return [message["content"] for message in api(url, user, path)["payload"]]


def health(url: str) -> dict:
    with urllib.request.urlopen(f"{url}/health", timeout=TIMEOUT) as response:
        return json.loads(response.read())


def test_health_through_the_proxy(topology: Topology):
    """nginx reaches a healthy web process: database, Redis and realtime."""
    body = health(topology.url)
    assert body == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "ok", "realtime": "ok"},
    }, topology.logs()


def test_chatwoot_token_header_passes_the_proxy(topology: Topology, agent):
    """``api_access_token`` (underscores, as Chatwoot clients send it) works
    through nginx and straight to a web process."""
    profile = api(topology.url, agent, "/profile", header="api_access_token")
    assert profile["email"] == agent.email
    backend = topology.backends[0].url
    profile = api(backend, agent, "/profile", header="api_access_token")
    assert profile["email"] == agent.email


def test_nginx_serves_uploads_so_that_nothing_runs(topology: Topology):
    """nginx's /media: raster images inline, SVG, HTML and the rest as
    downloads; all sandboxed and never sniffed."""
    folder = topology.media_root / "attachments" / "fedcba98"
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "photo.PNG": (b"\x89PNG\r\n\x1a\n", "image/png", "inline"),
        "photo.jpeg": (b"\xff\xd8\xff", "image/jpeg", "inline"),
        "diagram.svg": (b"<svg onload='alert(1)'/>", "application/octet-stream", None),
        "invoice.html": (
            b"<script>alert(1)</script>",
            "application/octet-stream",
            None,
        ),
        "notes.pdf": (b"%PDF-1.4", "application/pdf", None),
    }
    for name, (content, _, _) in files.items():
        (folder / name).write_bytes(content)
    for name, (_, media_type, disposition) in files.items():
        url = f"{topology.url}/media/attachments/fedcba98/{name}"
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            assert response.headers["Content-Type"] == media_type, name
            assert response.headers["Content-Disposition"] == (
                disposition or "attachment"
            ), name
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert response.headers["Content-Security-Policy"].startswith("sandbox")


def test_event_from_either_process_reaches_clients_of_both(
    topology: Topology, open_cable, agent, conversation
):
    """A message sent through either web process reaches a client behind nginx
    and clients connected straight to each process."""
    clients = [open_cable(topology.cable_url)] + [
        open_cable(backend.cable_url) for backend in topology.backends
    ]
    for client in clients:
        client.subscribe(agent, conversation.account_id)
    for backend in topology.backends:
        content = f"sent through {backend.name}"
        post_message(backend.url, agent, conversation, content)
        for client in clients:
            event = client.message_created(content)
            assert event["data"]["conversation_id"] == conversation.display_id
            assert event["data"]["account_id"] == conversation.account_id


def test_stopping_a_web_process_keeps_data_and_moves_its_clients(
    topology: Topology, open_cable, agent, conversation
):
    """SIGTERM to one web process, as on an upgrade: what it stored is still
    served, its clients get server_restart, reconnect through nginx to the
    other process, catch up on what they missed and receive new events."""
    stopped = topology.backends[0]
    # Round robin: two handshakes in a row reach both processes. A client
    # connected straight to the stopped process must hear server_restart.
    clients = [open_cable(topology.cable_url) for _ in range(2)]
    clients.append(open_cable(stopped.cable_url))
    for client in clients:
        client.subscribe(agent, conversation.account_id)
    post_message(stopped.url, agent, conversation, "stored before the restart")
    for client in clients:
        client.message_created("stored before the restart")

    stopped.stop()
    try:
        outcomes = {client: client.frames_until_closed(timeout=4) for client in clients}
        moved = [client for client, frames in outcomes.items() if frames is not None]
        stayed = [client for client, frames in outcomes.items() if frames is None]
        assert clients[2] in moved
        assert len(moved) == 2 and len(stayed) == 1, topology.logs()
        for client in moved:
            assert outcomes[client][-1:] == [
                {
                    "type": "disconnect",
                    "reason": "server_restart",
                    "reconnect": True,
                }
            ], stopped.log()

        # Written while the moved clients were away.
        post_message(topology.url, agent, conversation, "sent while away")
        assert stored_contents(topology.url, agent, conversation)[-2:] == [
            "stored before the restart",
            "sent while away",
        ]
        for old in moved:
            client = open_cable(topology.cable_url)
            client.subscribe(agent, conversation.account_id)
            client.catch_up(old.last_seq)
            assert client.message_created("sent while away")["seq"] > old.last_seq
            stayed.append(client)
        post_message(topology.url, agent, conversation, "after the restart")
        for client in stayed:
            client.message_created("after the restart")
    finally:
        # Back up, as the restart policy would, for the rest of the module.
        stopped.start()
    assert health(stopped.url)["status"] == "ok"
