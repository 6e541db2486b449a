"""The kit's wire constants name what the server sends, value for value."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conversations.models import Conversation, Message
from realtime.events import EVENTS

pytestmark = pytest.mark.node

WIRE = Path(__file__).resolve().parents[2] / "common" / "static" / "kit" / "wire.js"


@pytest.fixture(scope="module")
def wire() -> dict:
    assert shutil.which("node"), "Node.js is required (CI installs it)"
    script = (
        f"const wire = await import({json.dumps(WIRE.as_uri())});"
        "console.log(JSON.stringify({...wire,"
        " CONVERSATION_EVENTS: [...wire.CONVERSATION_EVENTS]}));"
    )
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_event_names_are_the_registry(wire):
    """Every event the registry declares has a constant, and no other."""
    assert sorted(wire["EVENT"].values()) == sorted(EVENTS)


def test_conversation_events_are_registered(wire):
    """The events carrying a whole conversation are all registered ones."""
    assert set(wire["CONVERSATION_EVENTS"]) <= set(EVENTS)
    assert "conversation.typing_on" not in wire["CONVERSATION_EVENTS"]


def test_message_types_match_the_model(wire):
    """``MESSAGE_TYPE`` is ``Message.MessageType``, name for name."""
    assert wire["MESSAGE_TYPE"] == {
        kind.name: kind.value for kind in Message.MessageType
    }


def test_conversation_statuses_match_the_model(wire):
    """``CONVERSATION_STATUS`` is ``Conversation.Status``, name for name."""
    assert wire["CONVERSATION_STATUS"] == {
        status.name: status.value for status in Conversation.Status
    }
