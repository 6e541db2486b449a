"""Conversation actions that are not saves, for the receivers to publish or
schedule."""

from django.dispatch import Signal

typing_changed = Signal()  # provides args: conversation, actor, is_typing, is_private
conversation_mentioned = Signal()  # provides args: conversation, user, message
message_statuses_changed = Signal()  # provides args: messages
# A conversation was snoozed until ``conversation.snoozed_until`` (sent in the
# snoozing transaction, so its wake-up job commits with it).
conversation_snoozed = Signal()  # provides args: conversation
# Delivery states changed: push them at ``run_after``, those changed since ``since``.
message_statuses_push_due = Signal()  # provides args: conversation_id, since, run_after
