"""What the outbox and the sender announce, for ``webhooks/receivers.py``
to enqueue the job that sends it."""

from django.dispatch import Signal

# A delivery should be tried at ``run_after`` (None: now).
delivery_due = Signal()  # provides args: delivery_id, run_after
