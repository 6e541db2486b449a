"""Contact actions that are not plain saves, for realtime/receivers.py to publish."""

from django.dispatch import Signal

contacts_merged = Signal()  # provides args: base, mergee_id
