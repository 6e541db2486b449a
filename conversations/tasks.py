"""Timed work on conversations, run by the job worker (``manage.py db_worker``)."""

from datetime import datetime

from django_tasks import task

from conversations import delivery, services


@task()
def wake_snoozed_conversation(*, conversation_id: int) -> None:
    """Reopen a snoozed conversation whose snooze has run out (see
    ``services.wake_conversation``)."""
    services.wake_conversation(conversation_id=conversation_id)


@task()
def push_message_statuses(*, conversation_id: int, since: str) -> None:
    """Publish the delivery states of a conversation's messages that changed
    since ``since`` (see ``delivery.push_changes``)."""
    delivery.push_changes(
        conversation_id=conversation_id, since=datetime.fromisoformat(since)
    )
