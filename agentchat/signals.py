"""Agent chat changes the services announce, for realtime/receivers.py."""

from django.dispatch import Signal

chat_started = Signal()  # provides args: chat
chat_typing_changed = Signal()  # provides args: chat, user, is_typing
chat_updated = Signal()  # provides args: chat
chat_message_posted = Signal()  # provides args: message
