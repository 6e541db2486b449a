"""Contact changes the services announce, for ``realtime/receivers.py`` to publish."""

from django.dispatch import Signal

contact_created = Signal()  # provides args: contact
contact_updated = Signal()  # provides args: contact
contact_deleted = Signal()  # provides args: contact
# ``moved``: the conversations that passed from the mergee to ``base``.
contacts_merged = Signal()  # provides args: base, mergee_id, moved
# The widget's page told of a visitor's event (Chatwoot's `POST
# /api/v1/widget/events`: ``event_info`` has its name and details).
webwidget_triggered = Signal()  # provides args: contact_inbox, event_info
contact_data_exported = Signal()  # provides args: contact, actor
contact_erased = Signal()  # provides args: account, contact_id, actor
