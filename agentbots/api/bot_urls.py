"""The routes an agent bot's token reaches (``agentbots.api.middleware``):
the Application API's paths of the bot's conversations, served as the bot."""

from django.urls import path

# The ``id`` converter, registered by this import when this URLconf loads first.
import api.converters  # noqa: F401
from agentbots.api import bot_views

conversation = "api/v1/accounts/<id:account_id>/conversations/<id:conversation_id>"

urlpatterns = [
    path(
        "api/v1/accounts/<id:account_id>/conversations",
        bot_views.BotConversationListView.as_view(),
    ),
    path(conversation, bot_views.BotConversationDetailView.as_view()),
    path(f"{conversation}/messages", bot_views.BotMessageListView.as_view()),
    path(f"{conversation}/toggle_status", bot_views.BotToggleStatusView.as_view()),
    path(
        f"{conversation}/toggle_typing_status",
        bot_views.BotToggleTypingView.as_view(),
    ),
]
