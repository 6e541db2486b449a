"""Sequence numbers and the completeness rule of catch-up."""

from realtime.feeds import entry_id_of, is_complete, seq_of


def test_sequence_numbers_follow_redis_entry_ids():
    """A Redis entry id maps to an integer and back, order kept, below 2**53."""
    assert seq_of("1732488000123-0") == 1732488000123000
    assert seq_of("1732488000123-7") == 1732488000123007
    assert entry_id_of(1732488000123007) == "1732488000123-7"
    assert seq_of("1732488000123-999") < seq_of("1732488000124-0")
    assert seq_of("4102444800000-999") < 2**53


def test_catch_up_is_complete_only_when_the_log_reaches_back():
    """Complete when nothing was missed, or the log holds everything after it."""
    assert is_complete(after=50, through=50, floor=None, lost=0) is True
    assert is_complete(after=50, through=90, floor=10, lost=0) is True
    assert is_complete(after=50, through=90, floor=10, lost=60) is False
    assert is_complete(after=5, through=90, floor=10, lost=0) is False
    assert is_complete(after=50, through=90, floor=None, lost=0) is False
