"""Account changes the apps above accounts react to."""

from django.dispatch import Signal

agent_removing = Signal()  # provides args: membership
# An invitation was made or renewed (sent in its transaction: the email job
# exists exactly when the invitation does).
invitation_sent = Signal()  # provides args: invitation
# An agent chose another availability in an account (online, busy, offline).
availability_changed = Signal()  # provides args: membership
