"""Background work on accounts, run by the job worker (``manage.py db_worker``)."""

from django_tasks import task

from accounts import services


@task()
def send_invitation_email(*, invitation_id: int) -> None:
    """Email an invited person their link (see ``services.send_invitation``)."""
    services.send_invitation(invitation_id=invitation_id)
