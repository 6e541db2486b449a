"""How conversations follow changes made in the apps below them, and where
their timed jobs are enqueued (``tasks.py`` imports what the jobs run, so
what decides a job is due sends a signal instead of importing the tasks)."""

from datetime import datetime
from typing import Any

from accounts.models import AccountUser
from accounts.signals import agent_removing
from conversations import tasks
from conversations.models import Conversation
from conversations.services import assign_agent
from conversations.signals import conversation_snoozed, message_statuses_push_due


def unassign_removed_agent(sender, *, membership: AccountUser, **kwargs) -> None:
    """An agent leaving an account leaves that account's conversations unassigned."""
    for conversation in membership.user.assigned_conversations.filter(
        account_id=membership.account_id
    ):
        assign_agent(conversation=conversation, assignee=None)


def schedule_wake_up(sender, *, conversation: Conversation, **kwargs: Any) -> None:
    """Reopen a snoozed conversation when its snooze runs out. Enqueued in the
    snoozing transaction: no job without the snooze, and every snooze written
    has its wake-up job."""
    tasks.wake_snoozed_conversation.using(run_after=conversation.snoozed_until).enqueue(
        conversation_id=conversation.pk
    )


def schedule_status_push(
    sender, *, conversation_id: int, since: datetime, run_after: datetime, **kwargs
) -> None:
    """Push the conversation's delivery states changed since ``since`` at
    ``run_after``."""
    tasks.push_message_statuses.using(run_after=run_after).enqueue(
        conversation_id=conversation_id, since=since.isoformat()
    )


def connect() -> None:
    """Connect the receivers (idempotent: registered by uid)."""
    agent_removing.connect(unassign_removed_agent, dispatch_uid="conv-agent-removed")
    conversation_snoozed.connect(schedule_wake_up, dispatch_uid="conv-snooze-wake")
    message_statuses_push_due.connect(
        schedule_status_push, dispatch_uid="conv-status-push"
    )
