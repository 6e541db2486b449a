"""CSAT jobs, run by the job worker (``manage.py db_worker``)."""

from django_tasks import task

from csat import emails


@task()
def email_survey_link(*, conversation_id: int) -> None:
    """Email a contact who left the survey link (see ``emails.send_survey_link``)."""
    emails.send_survey_link(conversation_id=conversation_id)
