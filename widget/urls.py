"""The website widget: embed SDK, chat page and the page's JSON calls."""

from django.urls import path

from widget import views

api = "api/v1/widget/"

urlpatterns = [
    path("packs/js/sdk.js", views.sdk_script, name="widget-sdk"),
    path("widget", views.widget_page, name="widget"),
    path(f"{api}session", views.SessionView.as_view(), name="widget-session"),
    path(f"{api}messages", views.MessagesView.as_view(), name="widget-messages"),
    path(
        f"{api}messages/<int:message_id>",
        views.MessageView.as_view(),
        name="widget-message",
    ),
    path(
        f"{api}messages/<int:message_id>/email",
        views.EmailPromptView.as_view(),
        name="widget-email",
    ),
    path(
        f"{api}request_email",
        views.RequestEmailView.as_view(),
        name="widget-request-email",
    ),
    path(
        f"{api}contact/identify",
        views.IdentifyView.as_view(),
        name="widget-identify",
    ),
    path(
        f"{api}contact/custom_attributes",
        views.CustomAttributesView.as_view(),
        name="widget-custom-attributes",
    ),
    path(
        f"{api}conversations",
        views.ConversationsView.as_view(),
        name="widget-conversations",
    ),
    path(
        f"{api}conversations/set_custom_attributes",
        views.ConversationAttributesView.as_view(),
        name="widget-conversation-attributes",
    ),
    path(
        f"{api}conversations/toggle_status",
        views.EndChatView.as_view(),
        name="widget-end-chat",
    ),
    path(
        f"{api}conversations/transcript",
        views.TranscriptView.as_view(),
        name="widget-transcript",
    ),
    path(f"{api}labels", views.LabelView.as_view(), name="widget-labels"),
    path(f"{api}typing", views.TypingView.as_view(), name="widget-typing"),
    path(f"{api}events", views.EventsView.as_view(), name="widget-events"),
    path(f"{api}last_seen", views.LastSeenView.as_view(), name="widget-last-seen"),
]
