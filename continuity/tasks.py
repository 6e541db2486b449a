"""Continuity jobs, run by the job worker (``manage.py db_worker``)."""

from django_tasks import task

from continuity import replies, transcripts


@task()
def mail_replies(*, conversation_id: int) -> None:
    """Mail a visitor who left the replies they have not read (see
    ``replies.mail_replies``)."""
    replies.mail_replies(conversation_id=conversation_id)


@task()
def mail_transcript(*, conversation_id: int, to_email: str, language: str) -> None:
    """Mail a conversation's transcript (see ``transcripts.mail_transcript``)."""
    transcripts.mail_transcript(
        conversation_id=conversation_id, to_email=to_email, language=language
    )
