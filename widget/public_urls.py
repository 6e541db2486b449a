"""Public client API routes (under public/api/v1/): a contact session per inbox."""

from django.urls import path

from widget import public_views as views

inbox = "inboxes/<str:inbox_identifier>/"
contact = f"{inbox}contacts/<str:source_id>/"
conversation = f"{contact}conversations/<id:conversation_id>/"

urlpatterns = [
    path(
        "inboxes/<str:inbox_identifier>",
        views.PublicInboxView.as_view(),
        name="public-inbox",
    ),
    path(
        f"{inbox}contacts",
        views.PublicContactCreateView.as_view(),
        name="public-contacts",
    ),
    path(
        f"{inbox}contacts/<str:source_id>",
        views.PublicContactDetailView.as_view(),
        name="public-contact",
    ),
    path(
        f"{contact}conversations",
        views.PublicConversationListView.as_view(),
        name="public-conversations",
    ),
    path(
        f"{contact}conversations/<id:conversation_id>",
        views.PublicConversationDetailView.as_view(),
        name="public-conversation",
    ),
    path(
        f"{conversation}toggle_status",
        views.PublicToggleStatusView.as_view(),
        name="public-conversation-toggle-status",
    ),
    path(
        f"{conversation}toggle_typing",
        views.PublicToggleTypingView.as_view(),
        name="public-conversation-toggle-typing",
    ),
    path(
        f"{conversation}update_last_seen",
        views.PublicUpdateLastSeenView.as_view(),
        name="public-conversation-update-last-seen",
    ),
    path(
        f"{conversation}messages",
        views.PublicMessageListView.as_view(),
        name="public-messages",
    ),
    path(
        f"{conversation}messages/<id:message_id>",
        views.PublicMessageDetailView.as_view(),
        name="public-message",
    ),
]
