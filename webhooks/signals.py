"""What the outbox and the sender announce, for ``webhooks/receivers.py``
to enqueue the job that sends it."""

from django.dispatch import Signal

# Deliveries should be tried at ``run_after`` (None: now).
deliveries_due = Signal()  # provides args: delivery_ids, run_after
