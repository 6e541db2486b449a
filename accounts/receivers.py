"""Where the accounts' jobs are enqueued: ``tasks.py`` imports the services
the jobs run, so a service announces a job is due with a signal."""

from typing import Any

from accounts import tasks
from accounts.models import Invitation
from accounts.signals import invitation_sent


def schedule_invitation_email(sender, *, invitation: Invitation, **kwargs: Any) -> None:
    """Email the invited person their link. Enqueued in the inviting
    transaction: the job exists exactly when the invitation does."""
    tasks.send_invitation_email.enqueue(invitation_id=invitation.pk)


def connect() -> None:
    """Connect the receivers (idempotent: registered by uid)."""
    invitation_sent.connect(schedule_invitation_email, dispatch_uid="invitation-email")
