"""Call changes the services announce: ``realtime/receivers.py`` publishes
them, ``calls/receivers.py`` schedules the end of a call left ringing,
answered but never connected, or interrupted."""

from django.dispatch import Signal

# provides args: call, rung (agents were rung for it and it rings no more)
call_updated = Signal()
# provides args: call, sender_side ("agent" | "contact"), data (the signal)
call_signalled = Signal()
