"""ActionCable frames, parsed and built without Django or sockets."""

import json

import pytest

from realtime import protocol
from realtime.protocol import ProtocolError

LIMIT = 1024
IDENTIFIER = '{ "pubsub_token":"t0k3n",  "channel":"RoomChannel","user_id":1 }'


def frame(**fields) -> str:
    return json.dumps(fields)


def test_subscribe_keeps_identifier_string_and_parses_it():
    """The identifier is kept exactly as sent, and parsed once."""
    command = protocol.parse_command(
        frame(command="subscribe", identifier=IDENTIFIER), max_bytes=LIMIT
    )
    assert command.command == "subscribe"
    assert command.identifier == IDENTIFIER
    assert command.params == {
        "pubsub_token": "t0k3n",
        "channel": "RoomChannel",
        "user_id": 1,
    }
    assert command.params["channel"] == "RoomChannel"


def test_message_data_is_parsed():
    """A message command carries a parsed action."""
    command = protocol.parse_command(
        frame(
            command="message",
            identifier=IDENTIFIER,
            data=json.dumps({"action": "catch_up", "after": 5}),
        ),
        max_bytes=LIMIT,
    )
    assert command.data == {"action": "catch_up", "after": 5}


def test_confirm_and_reject_echo_identifier_byte_for_byte():
    """Replies carry the identifier string unchanged, spacing and key order kept."""
    for build, kind in (
        (protocol.confirm, "confirm_subscription"),
        (protocol.reject, "reject_subscription"),
    ):
        text = build(IDENTIFIER)
        assert json.loads(text) == {"identifier": IDENTIFIER, "type": kind}


def test_data_frame_splices_message_once_encoded():
    """A data frame is the subscription's head plus the event's encoded message."""
    head = protocol.frame_head(IDENTIFIER)
    message = protocol.with_seq('{"event":"message.created","data":{"id":1}}', 42)
    decoded = json.loads(protocol.data_frame(head, message))
    assert decoded == {
        "identifier": IDENTIFIER,
        "message": {"event": "message.created", "data": {"id": 1}, "seq": 42},
    }


def test_server_frames():
    """Welcome, ping with integer unix seconds, disconnect with explicit reconnect."""
    assert json.loads(protocol.WELCOME) == {"type": "welcome"}
    assert json.loads(protocol.ping(1700000000.7)) == {
        "type": "ping",
        "message": 1700000000,
    }
    assert json.loads(protocol.disconnect("unauthorized", reconnect=False)) == {
        "type": "disconnect",
        "reason": "unauthorized",
        "reconnect": False,
    }


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("not json", "frame is not JSON"),
        ("[1]", "frame is not a JSON object"),
        ('"subscribe"', "frame is not a JSON object"),
        (frame(command="dance", identifier=IDENTIFIER), "unknown command 'dance'"),
        (frame(identifier=IDENTIFIER), "unknown command 'None'"),
        (frame(command="subscribe"), "identifier is not a JSON string"),
        (
            frame(command="subscribe", identifier={"channel": "RoomChannel"}),
            "identifier is not a JSON string",
        ),
        (
            frame(command="message", identifier=IDENTIFIER),
            "message data is not a JSON string",
        ),
        (
            frame(command="message", identifier=IDENTIFIER, data="{oops"),
            "message data is not JSON",
        ),
        (
            frame(command="message", identifier=IDENTIFIER, data="{}"),
            "message data has no action",
        ),
        (
            frame(command="message", identifier="nope", data="{}"),
            "identifier is not JSON",
        ),
    ],
)
def test_bad_frames_are_ignored(text, reason):
    """Bad frames raise a non-fatal error that answers nothing (logged only)."""
    with pytest.raises(ProtocolError) as error:
        protocol.parse_command(text, max_bytes=LIMIT)
    assert error.value.reason == reason
    assert error.value.fatal is False
    assert error.value.identifier is None


@pytest.mark.parametrize(
    ("identifier", "reason"),
    [
        ("not json", "identifier is not JSON"),
        ("[1, 2]", "identifier is not a JSON object"),
        ('"RoomChannel"', "identifier is not a JSON object"),
        ('{"pubsub_token": "t"}', "identifier has no channel"),
        ('{"channel": 7}', "identifier has no channel"),
    ],
)
def test_bad_subscribe_identifier_is_rejected(identifier, reason):
    """A subscribe with an unusable identifier is answered with a reject of it."""
    with pytest.raises(ProtocolError) as error:
        protocol.parse_command(
            frame(command="subscribe", identifier=identifier), max_bytes=LIMIT
        )
    assert error.value.reason == reason
    assert error.value.identifier == identifier
    assert error.value.fatal is False


def test_frame_over_limit_is_fatal():
    """A frame over the byte limit (multi-byte characters counted) is fatal."""
    small = json.dumps(
        {"command": "subscribe", "identifier": "é" * 400}, ensure_ascii=False
    )
    with pytest.raises(ProtocolError) as error:
        protocol.parse_command(small, max_bytes=LIMIT)
    assert error.value.fatal is False
    big = json.dumps(
        {"command": "subscribe", "identifier": "é" * 600}, ensure_ascii=False
    )
    assert len(big) < LIMIT < len(big.encode())
    with pytest.raises(ProtocolError) as error:
        protocol.parse_command(big, max_bytes=LIMIT)
    assert error.value.fatal is True
    with pytest.raises(ProtocolError) as error:
        protocol.parse_command("x" * (LIMIT + 1), max_bytes=LIMIT)
    assert error.value.fatal is True
