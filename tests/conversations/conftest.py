from tests.realtime.capture import capture_events

__all__ = ["capture_events"]
