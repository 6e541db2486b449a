"""Writes of agent bots: an account's bots, their tokens, their inboxes."""

from typing import Any

from django.db import transaction

from accounts.models import Account, Inbox
from agentbots.models import AgentBot, AgentBotInbox, new_bot_token


def create_bot(*, account: Account, **fields: Any) -> AgentBot:
    """A new bot of ``account``, with a fresh access token and secret."""
    return AgentBot.objects.create(account=account, **fields)


def update_bot(*, bot: AgentBot, **fields: Any) -> AgentBot:
    """Change a bot's name, description, outgoing URL, avatar or config."""
    for name, value in fields.items():
        setattr(bot, name, value)
    bot.save(update_fields=[*fields, "updated_at"])
    return bot


def delete_bot(*, bot: AgentBot) -> None:
    """Delete a bot: its inboxes go back to the agents; its messages stay,
    without a sender."""
    bot.delete()


def reset_access_token(*, bot: AgentBot) -> AgentBot:
    """Give the bot a new access token; the old one stops working at once."""
    bot.access_token = new_bot_token()
    bot.save(update_fields=["access_token", "updated_at"])
    return bot


def connect_bot(*, inbox: Inbox, bot: AgentBot | None) -> AgentBotInbox | None:
    """Connect ``bot`` to the inbox (replacing its bot), or with None
    disconnect the inbox's bot. New conversations of an inbox with a bot
    start pending; those already there keep their status."""
    with transaction.atomic():
        if bot is None:
            AgentBotInbox.objects.filter(inbox=inbox).delete()
            return None
        link, _ = AgentBotInbox.objects.update_or_create(
            inbox=inbox,
            defaults={"agent_bot": bot, "status": AgentBotInbox.Status.ACTIVE},
        )
        return link
