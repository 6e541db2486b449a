"""How conversations follow changes made in the apps below them."""

from accounts.models import AccountUser
from accounts.signals import agent_removing
from conversations.services import assign_agent


def unassign_removed_agent(sender, *, membership: AccountUser, **kwargs) -> None:
    """An agent leaving an account leaves that account's conversations unassigned."""
    for conversation in membership.user.assigned_conversations.filter(
        account_id=membership.account_id
    ):
        assign_agent(conversation=conversation, assignee=None)


def connect() -> None:
    """Connect the receivers (idempotent: registered by uid)."""
    agent_removing.connect(unassign_removed_agent, dispatch_uid="conv-agent-removed")
