"""Application API routes of notifications and their settings (under accounts/<id>/)."""

from django.urls import path

from notifications.api import views

urlpatterns = [
    path("notifications", views.NotificationListView.as_view(), name="notifications"),
    path(
        "notifications/unread_count",
        views.UnreadCountView.as_view(),
        name="notifications-unread-count",
    ),
    path(
        "notifications/read_all",
        views.ReadAllView.as_view(),
        name="notifications-read-all",
    ),
    path(
        "notifications/destroy_all",
        views.DestroyAllView.as_view(),
        name="notifications-destroy-all",
    ),
    path(
        "notifications/<id:notification_id>",
        views.NotificationView.as_view(),
        name="notification",
    ),
    path(
        "notifications/<id:notification_id>/unread",
        views.UnreadView.as_view(),
        name="notification-unread",
    ),
    path(
        "notifications/<id:notification_id>/snooze",
        views.SnoozeView.as_view(),
        name="notification-snooze",
    ),
    path(
        "notification_settings",
        views.NotificationSettingsView.as_view(),
        name="notification-settings",
    ),
]
