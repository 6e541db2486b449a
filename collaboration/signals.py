"""Collaboration changes the services announce, for realtime/receivers.py to publish."""

from django.dispatch import Signal

# provides args: conversation, actor, note, assignee, team
conversation_transferred = Signal()
# provides args: user, conversation, operation, code, reason
operation_failed = Signal()
participant_joined = Signal()  # provides args: participant
participant_left = Signal()  # provides args: participant
