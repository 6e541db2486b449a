"""Notification jobs, run by the job worker (``manage.py db_worker``). Times
travel as ISO 8601 strings (job arguments are JSON)."""

from datetime import datetime

from django_tasks import task

from notifications import emails, rules, services


@task()
def notify_assignment(
    *, conversation_id: int, assignee_id: int, actor_id: int | None
) -> None:
    """Tell an assignee of their new conversation (see ``rules.assigned``)."""
    rules.assigned(
        conversation_id=conversation_id, assignee_id=assignee_id, actor_id=actor_id
    )


@task()
def notify_mention(*, message_id: int, user_id: int) -> None:
    """Tell a user of a mention (see ``rules.mentioned``)."""
    rules.mentioned(message_id=message_id, user_id=user_id)


@task()
def notify_new_message(*, message_id: int) -> None:
    """Tell assignee and participants of a message (see ``rules.new_message``)."""
    rules.new_message(message_id=message_id)


@task()
def notify_waiting(*, conversation_id: int, waiting_since: str) -> None:
    """Tell readers of a long wait (see ``rules.still_waiting``)."""
    rules.still_waiting(
        conversation_id=conversation_id,
        waiting_since=datetime.fromisoformat(waiting_since),
    )


@task()
def wake_notification(*, notification_id: int, snoozed_until: str) -> None:
    """Bring back a snoozed notification (see ``services.wake``)."""
    services.wake(
        notification_id=notification_id,
        snoozed_until=datetime.fromisoformat(snoozed_until),
    )


@task()
def send_digest(*, user_id: int) -> None:
    """Email a user their unread notifications (see ``emails.send_digest``)."""
    emails.send_digest(user_id=user_id)
