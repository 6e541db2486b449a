"""Application API routes of conversations and messages (under accounts/<id>/)."""

from django.urls import path

from conversations.api import labels, views

conversation = "conversations/<id:conversation_id>/"

urlpatterns = [
    path("conversations", views.ConversationListView.as_view(), name="conversations"),
    path(
        "conversations/meta",
        views.ConversationMetaView.as_view(),
        name="conversations-meta",
    ),
    path(
        "conversations/<id:conversation_id>",
        views.ConversationDetailView.as_view(),
        name="conversation",
    ),
    path(
        f"{conversation}toggle_status",
        views.ToggleStatusView.as_view(),
        name="conversation-toggle-status",
    ),
    path(
        f"{conversation}toggle_priority",
        views.TogglePriorityView.as_view(),
        name="conversation-toggle-priority",
    ),
    path(f"{conversation}mute", views.MuteView.as_view(), name="conversation-mute"),
    path(
        f"{conversation}unmute",
        views.UnmuteView.as_view(),
        name="conversation-unmute",
    ),
    path(
        f"{conversation}toggle_typing_status",
        views.ToggleTypingView.as_view(),
        name="conversation-toggle-typing",
    ),
    path(
        f"{conversation}update_last_seen",
        views.UpdateLastSeenView.as_view(),
        name="conversation-update-last-seen",
    ),
    path(
        f"{conversation}assignments",
        views.AssignmentView.as_view(),
        name="conversation-assignments",
    ),
    path(
        f"{conversation}labels",
        views.LabelsView.as_view(),
        name="conversation-labels",
    ),
    path(
        f"{conversation}messages",
        views.MessageListView.as_view(),
        name="conversation-messages",
    ),
    path(
        f"{conversation}messages/<id:message_id>",
        views.MessageDetailView.as_view(),
        name="conversation-message",
    ),
    path(
        f"{conversation}custom_attributes",
        views.CustomAttributesView.as_view(),
        name="conversation-custom-attributes",
    ),
    path("labels", labels.LabelListView.as_view(), name="labels"),
    path("labels/<id:label_id>", labels.LabelDetailView.as_view(), name="label"),
    path(
        "contacts/<id:contact_id>/labels",
        labels.ContactLabelsView.as_view(),
        name="contact-labels",
    ),
    path(
        f"{conversation}messages/<id:message_id>/revisions",
        views.MessageRevisionsView.as_view(),
        name="conversation-message-revisions",
    ),
]
