"""ActionCable v1 JSON frames: parse what clients send, build what the server sends.

Pure functions, no Django: the consumer parses each text frame once with
``parse_command`` and answers bad input with the frame a ``ProtocolError`` names.
Identifiers are kept as the exact string the client sent, because clients match
replies to subscriptions by comparing that string. Server frames are ASCII
(non-ASCII characters escaped), so echoing any identifier is safe; what an
identifier says is refused when it cannot be stored (lone surrogates), and
JSON nested too deep for the parser is refused like any other bad JSON.
"""

import json
import time
from dataclasses import dataclass, field
from typing import Any

SUBPROTOCOL = "actioncable-v1-json"
COMMANDS = frozenset({"subscribe", "unsubscribe", "message"})
# Sequence numbers stay below 2**53, so JavaScript reads them exactly.
SEQ_LIMIT = 2**53


class Reason:
    """The disconnect reasons of ActionCable."""

    UNAUTHORIZED = "unauthorized"
    INVALID_REQUEST = "invalid_request"
    SERVER_RESTART = "server_restart"
    REMOTE = "remote"
    # OneChat's own: the client did not read its frames fast enough (it may
    # reconnect and catch up), or one address holds too many connections.
    TOO_SLOW = "too_slow"
    TOO_MANY_CONNECTIONS = "too_many_connections"


class ProtocolError(Exception):
    """A client frame the server cannot act on.

    ``identifier`` is set when the frame is a subscribe the server answers with
    a reject; ``fatal`` when the connection must be closed.
    """

    def __init__(
        self, reason: str, *, identifier: str | None = None, fatal: bool = False
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.identifier = identifier
        self.fatal = fatal


@dataclass(frozen=True)
class Command:
    """One client command: ``subscribe``, ``unsubscribe`` or ``message``."""

    command: str
    identifier: str
    params: dict[str, Any]
    data: dict[str, Any] = field(default_factory=dict)


def parse_command(text: str, *, max_bytes: int) -> Command:
    """Parse a client text frame into a ``Command`` or raise ``ProtocolError``."""
    # A str holds at most 4 bytes per character: skip encoding the common case.
    if len(text) * 4 > max_bytes and len(text.encode()) > max_bytes:
        raise ProtocolError(f"frame larger than {max_bytes} bytes", fatal=True)
    frame = _json_object(text, "frame")
    command = frame.get("command")
    if command not in COMMANDS:
        raise ProtocolError(f"unknown command {str(command)[:40]!r}")
    identifier = frame.get("identifier")
    if not isinstance(identifier, str):
        raise ProtocolError("identifier is not a JSON string")
    # Only a subscribe is answered with a reject; other commands are logged.
    answer = identifier if command == "subscribe" else None
    try:
        params = _json_object(identifier, "identifier")
    except ProtocolError as error:
        raise ProtocolError(error.reason, identifier=answer) from None
    if not _is_unicode(params):
        raise ProtocolError("identifier holds a lone surrogate", identifier=answer)
    if not isinstance(params.get("channel"), str):
        raise ProtocolError("identifier has no channel", identifier=answer)
    data: dict[str, Any] = {}
    if command == "message":
        raw = frame.get("data")
        if not isinstance(raw, str):
            raise ProtocolError("message data is not a JSON string")
        data = _json_object(raw, "message data")
        if not isinstance(data.get("action"), str):
            raise ProtocolError("message data has no action")
    return Command(command=command, identifier=identifier, params=params, data=data)


def _json_object(text: str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        raise ProtocolError(f"{what} is not JSON") from None
    except RecursionError:
        raise ProtocolError(f"{what} is nested too deep") from None
    if not isinstance(value, dict):
        raise ProtocolError(f"{what} is not a JSON object")
    return value


def _is_unicode(value: Any) -> bool:
    # json.loads turns "\ud800" into a lone surrogate, which no database or
    # UTF-8 encoder takes.
    try:
        json.dumps(value, ensure_ascii=False).encode()
    except UnicodeEncodeError:
        return False
    return True


def is_sequence_number(value: Any) -> bool:
    """Whether ``value`` can be a ``seq`` a client saw (``catch_up``'s ``after``)."""
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and 0 <= value < SEQ_LIMIT
    )


def encode(value: Any) -> str:
    """Compact JSON, as every server frame is written."""
    return json.dumps(value, separators=(",", ":"))


WELCOME = encode({"type": "welcome"})


def ping(now: float | None = None) -> str:
    """The heartbeat frame, carrying the server's unix time in seconds."""
    return encode({"type": "ping", "message": int(time.time() if now is None else now)})


def confirm(identifier: str) -> str:
    """The frame confirming the subscription ``identifier``."""
    return encode({"identifier": identifier, "type": "confirm_subscription"})


def reject(identifier: str) -> str:
    """The frame rejecting the subscription ``identifier``."""
    return encode({"identifier": identifier, "type": "reject_subscription"})


def disconnect(reason: str, *, reconnect: bool) -> str:
    """The frame telling the client why the server closes and whether to come back."""
    return encode({"type": "disconnect", "reason": reason, "reconnect": reconnect})


def frame_head(identifier: str) -> str:
    """The start of every data frame for ``identifier``, encoded once per subscription.

    ``frame_head(identifier) + message_json + "}"`` is the data frame; see
    ``data_frame``.
    """
    return '{"identifier":' + encode(identifier) + ',"message":'


def data_frame(head: str, message_json: str) -> str:
    """Splice an already encoded message into a subscription's frame."""
    return head + message_json + "}"


def with_seq(message_json: str, seq: int) -> str:
    """Add the event's sequence number to an encoded ``{"event":...}`` message."""
    return message_json[:-1] + ',"seq":' + str(seq) + "}"
