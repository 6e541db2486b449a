from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    """Agents working a conversation together: participants, transfer, consult."""

    name = "collaboration"
