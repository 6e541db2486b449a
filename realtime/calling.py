"""The call actions of ``/cable``: check what a client sent, run the step in
``calls.services`` as the subscription's agent or contact, and turn a refusal
into the ``operation.failed`` answered to that subscription alone.

Bad data (wrong types, an unknown signal type, a signal over
``SIGNAL_MAX_BYTES``, ids the subscriber cannot reach) is a ``ProtocolError``,
like every other bad frame.
"""

import json
from collections.abc import Callable
from typing import Any

from channels.db import database_sync_to_async

from calls import selectors, services
from calls.selectors import Party, Unknown
from calls.services import CallRefused
from realtime.events import Failure
from realtime.protocol import ProtocolError
from realtime.streams import MAX_ID, Subscriber

SIGNAL_MAX_BYTES = 64 * 1024
SIGNAL_TYPES = frozenset({"offer", "answer", "candidate"})
STATES = frozenset({"active", "interrupted"})


def _id(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID:
        raise ProtocolError(f"{key} is not an id")
    return value


def _flag(data: dict[str, Any], key: str) -> bool:
    value = data.get(key)
    if not isinstance(value, bool):
        raise ProtocolError(f"{key} is not a boolean")
    return value


def _signal(data: dict[str, Any]) -> dict[str, Any]:
    signal = data.get("signal")
    if not isinstance(signal, dict) or signal.get("type") not in SIGNAL_TYPES:
        raise ProtocolError("signal is no offer, answer or candidate")
    try:
        encoded = json.dumps(signal, ensure_ascii=False, separators=(",", ":"))
        size = len(encoded.encode())
    except UnicodeEncodeError:
        raise ProtocolError("signal holds a lone surrogate") from None
    if size > SIGNAL_MAX_BYTES:
        raise ProtocolError(f"signal larger than {SIGNAL_MAX_BYTES} bytes")
    return signal


def _state(data: dict[str, Any]) -> str:
    if data.get("state") not in STATES:
        raise ProtocolError("state is neither active nor interrupted")
    return data["state"]


def _request(party: Party, data: dict[str, Any]) -> None:
    services.request_call(
        party=party,
        conversation_id=_id(data, "conversation_id"),
        video=_flag(data, "video"),
    )


# Each action: how its data becomes a service call's arguments.
STEPS: dict[str, Callable[[Party, dict[str, Any]], Any]] = {
    "call_request": _request,
    "call_accept": lambda party, data: services.accept_call(
        party=party, call_id=_id(data, "call_id"), video=_flag(data, "video")
    ),
    "call_reject": lambda party, data: services.reject_call(
        party=party, call_id=_id(data, "call_id")
    ),
    "call_cancel": lambda party, data: services.cancel_call(
        party=party, call_id=_id(data, "call_id")
    ),
    "call_hangup": lambda party, data: services.hang_up_call(
        party=party, call_id=_id(data, "call_id")
    ),
    "call_state": lambda party, data: services.set_call_state(
        party=party, call_id=_id(data, "call_id"), state=_state(data)
    ),
    "call_screen": lambda party, data: services.share_screen(
        party=party, call_id=_id(data, "call_id"), sharing=_flag(data, "sharing")
    ),
    "call_signal": lambda party, data: services.relay_signal(
        party=party, call_id=_id(data, "call_id"), signal=_signal(data)
    ),
}


def _perform(
    subscriber: Subscriber, action: str, data: dict[str, Any]
) -> Failure | None:
    """Run the call action; the refusal to answer, if any."""
    party = selectors.party_of(
        account_id=subscriber.account_id,
        user_id=subscriber.user_id,
        session_token=subscriber.session_token,
    )
    if party is None:
        raise ProtocolError("the subscriber is gone")
    try:
        STEPS[action](party, data)
    except Unknown as error:
        raise ProtocolError(f"{action}: no such {error}") from None
    except CallRefused as refusal:
        return _failure(party, action, data, refusal)
    return None


def _failure(
    party: Party, action: str, data: dict[str, Any], refusal: CallRefused
) -> Failure:
    if action == "call_request":
        conversation = selectors.get_conversation(
            party=party, display_id=data["conversation_id"]
        )
        call_id = None
    else:
        call = selectors.get_call(party=party, call_id=data["call_id"])
        conversation, call_id = call.conversation, call.pk
    user = party.membership.user if party.membership is not None else None
    return Failure(user, conversation, "call", refusal.code, refusal.message, call_id)


perform = database_sync_to_async(_perform)
