"""Routing's own signals: actions the realtime receivers publish, and jobs
due, which ``routing/receivers.py`` enqueues in the sender's transaction."""

from django.dispatch import Signal

# An agent gone from the dashboard was set offline by auto-offline.
# provides args: membership
agent_went_offline = Signal()
# A conversation started waiting in its inbox's queue at ``since``.
waiting_started = Signal()  # provides args: conversation, since
# The conversation's assignee owes the visitor a reply since ``since``.
reply_awaited = Signal()  # provides args: conversation, since
# A dashboard socket of the agent closed at ``left_at``.
agent_left = Signal()  # provides args: account_id, user_id, left_at
# Waiting conversations' places moved, as committed (position None: left).
# provides args: places
queue_places_moved = Signal()
