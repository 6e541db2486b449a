"""What a member may do with an agent chat now: the chat's state decides."""

from agentchat.models import AgentChat

SEND_MESSAGE = "send_message"
COMPLETE = "complete"
TYPING = "typing"


def chat_capabilities(chat: AgentChat) -> list[str]:
    """The same for every member: an active chat is written to and completed,
    a completed one is only read."""
    return [SEND_MESSAGE, TYPING, COMPLETE] if chat.is_active else []
