"""Account changes the apps above accounts react to."""

from django.dispatch import Signal

agent_removing = Signal()  # provides args: membership
