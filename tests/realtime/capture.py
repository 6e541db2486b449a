"""Capture published realtime events in tests, after their transaction commits."""

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from realtime import fanout
from realtime.hub import EVENT, Envelope


@dataclass
class Published:
    """One event handed to the fan-out: its streams and decoded message."""

    streams: tuple[str, ...]
    name: str
    data: dict[str, Any]


class Captured(list):
    """The events published inside a ``capture_events()`` block, in order."""

    def names(self) -> list[str]:
        return [event.name for event in self]

    def named(self, name: str) -> list[Published]:
        return [event for event in self if event.name == name]

    def one(self, name: str) -> Published:
        """The single event called ``name``."""
        found = self.named(name)
        assert len(found) == 1, f"{name}: {len(found)} published in {self.names()}"
        return found[0]

    def streams(self, name: str) -> set[str]:
        """Every stream any event called ``name`` went to."""
        return {stream for event in self.named(name) for stream in event.streams}


@pytest.fixture
def capture_events(django_capture_on_commit_callbacks, monkeypatch):
    """``with capture_events() as events:`` records what the block publishes.

    On-commit callbacks run when the block ends, as a real commit would run them;
    the fan-out is replaced by a recorder.
    """

    @contextlib.contextmanager
    def capture() -> Iterator[Captured]:
        captured = Captured()

        def record(envelope: Envelope) -> None:
            if envelope.kind == EVENT:
                message = json.loads(envelope.body)
                captured.append(
                    Published(envelope.streams, message["event"], message["data"])
                )

        monkeypatch.setattr(fanout, "send", record)
        with django_capture_on_commit_callbacks(execute=True):
            yield captured

    return capture
