"""Continuity's domain signals, sent by its services."""

from django.dispatch import Signal

# A transcript of the conversation was asked for, to ``email`` in ``language``.
transcript_requested = Signal()  # provides args: conversation, email, language
