"""What the outbox and the sender announce, for ``webhooks/receivers.py``
to enqueue the job that acts on it."""

from django.dispatch import Signal

# An event was written to the outbox: expand it into its deliveries.
event_recorded = Signal()  # provides args: event_id
# Deliveries should be tried at ``run_after`` (None: now).
deliveries_due = Signal()  # provides args: delivery_ids, run_after
