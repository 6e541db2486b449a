"""Agent chat actions that are not single saves, for realtime/receivers.py."""

from django.dispatch import Signal

chat_started = Signal()  # provides args: chat
chat_typing_changed = Signal()  # provides args: chat, user, is_typing
