"""Reads of agent bots."""

from agentbots.models import AgentBot, AgentBotInbox


def bot_of_inbox(*, inbox_id: int) -> AgentBot | None:
    """The active bot connected to the inbox, or None."""
    link = (
        AgentBotInbox.objects.filter(
            inbox_id=inbox_id, status=AgentBotInbox.Status.ACTIVE
        )
        .select_related("agent_bot")
        .first()
    )
    return link.agent_bot if link else None
