"""Notification changes the services announce: ``realtime/receivers.py``
publishes them; ``notifications/receivers.py`` enqueues the jobs they make due,
in the sender's transaction."""

from django.dispatch import Signal

notification_created = Signal()  # provides args: notification
notification_updated = Signal()  # provides args: notification
# A notification was deleted: ``removed`` is its ``RemovedNotification``.
notification_deleted = Signal()  # provides args: removed
# A notification was snoozed until ``notification.snoozed_until``.
notification_snoozed = Signal()  # provides args: notification
# The user's first notification waiting for an email digest was written.
digest_due = Signal()  # provides args: user_id
