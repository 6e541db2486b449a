"""Application API routes of agent chats (under accounts/<id>/)."""

from django.urls import path

from agentchat.api import views

chat = "agent_chats/<id:chat_id>"

urlpatterns = [
    path("agent_chats", views.ChatListView.as_view(), name="agent-chats"),
    path(chat, views.ChatDetailView.as_view(), name="agent-chat"),
    path(
        f"{chat}/messages", views.ChatMessagesView.as_view(), name="agent-chat-messages"
    ),
    path(f"{chat}/read", views.ChatReadView.as_view(), name="agent-chat-read"),
    path(f"{chat}/typing", views.ChatTypingView.as_view(), name="agent-chat-typing"),
    path(
        f"{chat}/complete",
        views.ChatCompleteView.as_view(),
        name="agent-chat-complete",
    ),
]
