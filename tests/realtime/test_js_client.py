"""The official @rails/actioncable client (npm), in Node, against a daphne process."""

import asyncio
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.realtime.sockets import send_message
from tests.servers import onechat_server
from tests.shapes import assert_shape

pytestmark = [
    pytest.mark.server,
    pytest.mark.node,
    pytest.mark.django_db(transaction=True),
]

SCRIPT = Path(__file__).resolve().parent.parent / "js" / "receive_message.cjs"


def read_step(process: subprocess.Popen) -> dict:
    line = process.stdout.readline()
    assert line, "the Node client exited early"
    return json.loads(line)


def test_official_client_receives_message_created(account, agent, conversation):
    """createConsumer() subscribes with an agent identifier, gets presence.update
    for its update_presence and the message.created of a reply sent over HTTP."""
    assert shutil.which("node"), "Node.js is required (CI installs it)"
    params = {
        "channel": "RoomChannel",
        "pubsub_token": agent.pubsub_token,
        "account_id": account.pk,
        "user_id": agent.pk,
    }
    with onechat_server() as server:
        process = subprocess.Popen(
            [
                "node",
                str(SCRIPT),
                server.cable_url,
                json.dumps(params),
                "message.created",
            ],
            cwd=SCRIPT.parent,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            connected = read_step(process)
            assert connected == {"step": "connected", "protocol": "actioncable-v1-json"}
            presence = read_step(process)
            assert presence["step"] == "presence"
            assert presence["data"]["users"] == {str(agent.pk): "online"}
            sent = asyncio.run(send_message(server.url, conversation, agent, "to node"))
            received = read_step(process)
            assert received["step"] == "received"
            message = received["message"]
            assert message["data"]["id"] == sent["id"]
            assert_shape(message["data"], "message_created", drop=("sender",))
            assert process.wait(timeout=10) == 0
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
