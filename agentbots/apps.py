from django.apps import AppConfig


class AgentBotsConfig(AppConfig):
    """Agent bots: programs that answer an inbox's conversations through the
    API with their own token, and receive its events by webhook."""

    name = "agentbots"
