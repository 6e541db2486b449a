from django.apps import AppConfig


class AgentChatConfig(AppConfig):
    """Chats between the agents of an account, optionally about a conversation."""

    name = "agentchat"
