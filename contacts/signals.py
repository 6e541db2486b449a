"""Contact changes the services announce, for ``realtime/receivers.py`` to publish."""

from django.dispatch import Signal

contact_created = Signal()  # provides args: contact
contact_updated = Signal()  # provides args: contact
contact_deleted = Signal()  # provides args: contact
# ``moved``: the conversations that passed from the mergee to ``base``.
contacts_merged = Signal()  # provides args: base, mergee_id, moved
