"""Conversation actions that are not saves, for realtime/receivers.py to publish."""

from django.dispatch import Signal

typing_changed = Signal()  # provides args: conversation, actor, is_typing, is_private
conversation_mentioned = Signal()  # provides args: conversation, user, message
message_statuses_changed = Signal()  # provides args: messages
