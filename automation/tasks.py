"""Automation jobs, run by the job worker after the change commits."""

from django_tasks import task

from automation import services


@task()
def run_rules(
    *, event_name: str, conversation_id: int, message_id: int | None = None
) -> None:
    """Check and run the account's rules of one event (``services.run_rules``)."""
    services.run_rules(
        event_name=event_name, conversation_id=conversation_id, message_id=message_id
    )
