"""Application API routes of agent bots (under accounts/<id>/)."""

from django.urls import path

from agentbots.api import views

urlpatterns = [
    path("agent_bots", views.AgentBotListView.as_view(), name="agent-bots"),
    path(
        "agent_bots/<id:bot_id>", views.AgentBotDetailView.as_view(), name="agent-bot"
    ),
    path(
        "agent_bots/<id:bot_id>/reset_access_token",
        views.ResetAccessTokenView.as_view(),
        name="agent-bot-reset-access-token",
    ),
    path(
        "inboxes/<id:inbox_id>/agent_bot",
        views.InboxAgentBotView.as_view(),
        name="inbox-agent-bot",
    ),
    path(
        "inboxes/<id:inbox_id>/set_agent_bot",
        views.SetAgentBotView.as_view(),
        name="inbox-set-agent-bot",
    ),
]
