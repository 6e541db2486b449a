"""Conversation and message changes the services announce, for the receivers
(``realtime/receivers.py`` publishes them) to act on."""

from django.dispatch import Signal

conversation_created = Signal()  # provides args: conversation
# What a save changed: ``changes`` maps tracked fields to (old, new); ``fields``
# are the fields saved (None: all).
conversation_changed = Signal()  # provides args: conversation, changes, fields
typing_changed = Signal()  # provides args: conversation, actor, is_typing, is_private
conversation_mentioned = Signal()  # provides args: conversation, user, message
# A conversation was given to ``assignee`` by ``actor`` (None: OneChat's routing).
conversation_assigned = Signal()  # provides args: conversation, assignee, actor
message_statuses_changed = Signal()  # provides args: messages
# A conversation was snoozed until ``conversation.snoozed_until`` (sent in the
# snoozing transaction, so its wake-up job commits with it).
conversation_snoozed = Signal()  # provides args: conversation
# Delivery states changed: push them at ``run_after``, those changed since ``since``.
message_statuses_push_due = Signal()  # provides args: conversation_id, since, run_after
message_created = Signal()  # provides args: message, first_reply
message_updated = Signal()  # provides args: message
# A member edited or deleted a message; ``revision`` keeps it as it was.
message_revised = Signal()  # provides args: message, revision
# The visitor of a conversation left its page or came back (``present``).
visitor_page_changed = Signal()  # provides args: conversation, present
# The visitor of an inbox left its page (resolved conversations included).
visitor_left = Signal()  # provides args: contact_id, inbox_id
