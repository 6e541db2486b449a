"""The kit's cable client, in Node, against a daphne process: after a reconnect
it asks for what it missed (``catch_up`` from the last ``seq``) and gets it once."""

import asyncio
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.realtime.sockets import send_message
from tests.servers import onechat_server

pytestmark = [
    pytest.mark.server,
    pytest.mark.node,
    pytest.mark.django_db(transaction=True),
]

SCRIPT = Path(__file__).resolve().parent / "cable_client.js"


class CableClient:
    """The Node process: commands on stdin, one JSON step a line on stdout."""

    def __init__(self, url: str, identifier: dict, seconds: int = 30) -> None:
        self.process = subprocess.Popen(
            ["node", str(SCRIPT), url, json.dumps(identifier), str(seconds)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def tell(self, command: str) -> None:
        self.process.stdin.write(f"{command}\n")
        self.process.stdin.flush()

    def step(self) -> dict:
        line = self.process.stdout.readline()
        assert line, "the Node client exited early"
        return json.loads(line)

    def until(self, wanted) -> tuple[dict, list[dict]]:
        """Read up to the first ``wanted`` step; return it and the events before."""
        events = []
        while not wanted(step := self.step()):
            if step["step"] == "event":
                events.append(step)
        return step, events

    def stop(self) -> int:
        if self.process.poll() is None:
            self.tell("close")
        try:
            return self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()


def messages(events: list[dict]) -> list[str]:
    return [e["data"]["content"] for e in events if e["name"] == "message.created"]


def test_missed_events_are_replayed_once_after_a_reconnect(
    account, agent, conversation
):
    """Offline, two replies are sent; back online, the client resubscribes, sends
    ``catch_up`` and receives those two replies once each, then
    ``catch_up.completed`` with ``complete: true``."""
    assert shutil.which("node"), "Node.js is required (CI installs it)"
    identifier = {
        "pubsub_token": agent.pubsub_token,
        "account_id": account.pk,
        "user_id": agent.pk,
    }
    with onechat_server() as server:
        client = CableClient(server.cable_url, identifier)
        try:
            connected, _ = client.until(lambda s: s["step"] == "connected")
            assert connected["reconnected"] is False
            asyncio.run(send_message(server.url, conversation, agent, "live"))
            live, _ = client.until(
                lambda s: s["step"] == "event" and s["name"] == "message.created"
            )
            assert live["data"]["content"] == "live"

            client.tell("offline")
            client.until(lambda s: s["step"] == "disconnected")
            for content in ("missed one", "missed two"):
                asyncio.run(send_message(server.url, conversation, agent, content))
            client.tell("online")
            connected, _ = client.until(lambda s: s["step"] == "connected")
            assert connected["reconnected"] is True
            done, replayed = client.until(
                lambda s: s.get("name") == "catch_up.completed"
            )
            assert messages(replayed) == ["missed one", "missed two"]
            assert done["data"]["complete"] is True
            assert done["data"]["last_seq"] > done["data"]["after"] > 0
        finally:
            assert client.stop() == 0
