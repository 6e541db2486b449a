"""Reads of agent bots."""

from django.db.models import Q, QuerySet
from django.http import Http404

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


def account_bots(*, account_id: int) -> QuerySet[AgentBot]:
    """The bots an account may use: its own and those every account may connect."""
    return AgentBot.objects.filter(Q(account_id=account_id) | Q(account__isnull=True))


def get_bot(*, account_id: int, bot_id: int, own: bool = False) -> AgentBot:
    """One bot the account may use (with ``own``: one of its own, what it may
    change); 404 otherwise, another account's bots included."""
    bots = (
        AgentBot.objects.filter(account_id=account_id)
        if own
        else account_bots(account_id=account_id)
    )
    bot = bots.filter(pk=bot_id).first()
    if bot is None:
        raise Http404("Agent bot not found")
    return bot


def bot_by_token(*, token: str) -> AgentBot | None:
    """The bot whose access token this is, or None."""
    return AgentBot.objects.filter(access_token=token).first()


def inbox_links(*, account_id: int) -> QuerySet[AgentBotInbox]:
    """The account's inboxes' bot links, with their bots."""
    return AgentBotInbox.objects.filter(inbox__account_id=account_id).select_related(
        "agent_bot"
    )
