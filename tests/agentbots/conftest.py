import pytest

from agentbots.models import AgentBot, AgentBotInbox
from tests.realtime.capture import capture_events

__all__ = ["capture_events"]


@pytest.fixture
def bot(account, inbox) -> AgentBot:
    """A bot of ``account`` connected to ``inbox``."""
    bot = AgentBot.objects.create(
        account=account, name="Robo <b>Helper</b>", outgoing_url="https://1.1.1.1/bot"
    )
    AgentBotInbox.objects.create(inbox=inbox, agent_bot=bot)
    return bot
