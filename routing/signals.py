"""Routing's own signals, for actions the realtime receivers publish."""

from django.dispatch import Signal

# An agent gone from the dashboard was set offline by auto-offline.
# provides args: membership
agent_went_offline = Signal()
# Waiting conversations' places moved, as committed (position None: left).
# provides args: places
queue_places_moved = Signal()
