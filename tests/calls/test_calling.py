"""What ``/cable``'s call actions accept as data (``realtime/calling.py``)."""

import pytest

from realtime import calling
from realtime.protocol import ProtocolError


def test_a_signal_is_capped_at_64_kb():
    """A signal up to SIGNAL_MAX_BYTES (encoded as UTF-8 JSON) is relayed;
    one byte more is a protocol error, whatever frame limit carried it."""
    overhead = len('{"type":"offer","sdp":""}')
    fits = {"type": "offer", "sdp": "a" * (calling.SIGNAL_MAX_BYTES - overhead)}
    assert calling._signal({"signal": fits}) is fits
    over = {"type": "offer", "sdp": "a" * (calling.SIGNAL_MAX_BYTES - overhead + 1)}
    with pytest.raises(ProtocolError):
        calling._signal({"signal": over})
    # Multi-byte characters count as their UTF-8 bytes.
    wide = {"type": "offer", "sdp": "é" * (calling.SIGNAL_MAX_BYTES // 2)}
    with pytest.raises(ProtocolError):
        calling._signal({"signal": wide})


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"signal": None},
        {"signal": ["offer"]},
        {"signal": {"type": "rollback"}},
        {"signal": {"type": "offer", "sdp": "\ud800"}},
    ],
)
def test_malformed_signals_are_protocol_errors(data):
    """Only an offer, an answer or a candidate, as a JSON object, is relayed."""
    with pytest.raises(ProtocolError):
        calling._signal(data)


@pytest.mark.parametrize("value", ["7", 7.0, True, 0, -1, 2**63, None])
def test_ids_are_positive_integers(value):
    """Ids are JSON integers a database column holds, never strings or booleans."""
    with pytest.raises(ProtocolError):
        calling._id({"call_id": value}, "call_id")
