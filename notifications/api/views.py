"""Application API: the caller's own notifications in an account and their
notification settings, at Chatwoot's paths and in its shapes. Anyone else's
notification id answers 404."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from api.permissions import ANY_MEMBER, AccountScopedMixin
from api.views import BaseAPIView
from notifications import selectors, services
from notifications.models import Notification
from notifications.serializers import (
    DestroyAllSerializer,
    NotificationSerializer,
    NotificationSettingSerializer,
    PageSerializer,
    ReadAllSerializer,
    SettingsInputSerializer,
    SnoozeSerializer,
    channels_of,
)

# Chatwoot's RESULTS_PER_PAGE.
PER_PAGE = 15


class OwnNotificationsMixin(AccountScopedMixin):
    # Every route acts on the caller's own notifications only.
    capability = ANY_MEMBER
    serializer_class = NotificationSerializer

    def owner(self) -> dict[str, int]:
        return {"user_id": self.request.user.pk, "account_id": self.account.pk}

    def notification(self) -> Notification:
        return selectors.get_notification(
            **self.owner(), notification_id=self.kwargs["notification_id"]
        )


class NotificationListView(OwnNotificationsMixin, BaseAPIView):
    """The caller's notifications, newest activity first, 15 a page."""

    @extend_schema(
        parameters=[PageSerializer],
        responses=inline_serializer(
            "NotificationList",
            {
                "data": inline_serializer(
                    "NotificationListData",
                    {
                        "meta": serializers.DictField(child=serializers.IntegerField()),
                        "payload": NotificationSerializer(many=True),
                    },
                )
            },
        ),
    )
    def get(self, request, account_id: int):
        page = self.validated(PageSerializer, data=request.query_params)["page"]
        start = (page - 1) * PER_PAGE
        rows = selectors.user_notifications(**self.owner())[start : start + PER_PAGE]
        meta = {**selectors.counts(**self.owner()), "current_page": page}
        payload = self.get_serializer(rows, many=True).data
        return Response({"data": {"meta": meta, "payload": payload}})


class UnreadCountView(OwnNotificationsMixin, BaseAPIView):
    """How many of the caller's notifications are unread (a bare number)."""

    @extend_schema(responses=serializers.IntegerField())
    def get(self, request, account_id: int):
        return Response(selectors.counts(**self.owner())["unread_count"])


class ReadAllView(OwnNotificationsMixin, BaseAPIView):
    """Mark all the caller's notifications read, or those of one conversation."""

    @extend_schema(request=ReadAllSerializer, responses={200: None})
    def post(self, request, account_id: int):
        data = self.validated(ReadAllSerializer)
        services.read_all(**self.owner(), display_id=data.get("primary_actor_id"))
        return Response()


class DestroyAllView(OwnNotificationsMixin, BaseAPIView):
    """Delete the caller's notifications (``type: read`` for the read ones)."""

    @extend_schema(request=DestroyAllSerializer, responses={200: None})
    def post(self, request, account_id: int):
        kind = self.validated(DestroyAllSerializer)["type"]
        services.destroy_all(**self.owner(), only_read=kind == "read")
        return Response()


class NotificationView(OwnNotificationsMixin, BaseAPIView):
    """One of the caller's notifications: mark it read (PATCH), delete it."""

    @extend_schema(request=None)
    def patch(self, request, account_id: int, notification_id: int):
        notification = services.mark_read(notification=self.notification())
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses={200: None})
    def delete(self, request, account_id: int, notification_id: int):
        services.delete_notification(notification=self.notification())
        return Response()


class UnreadView(OwnNotificationsMixin, BaseAPIView):
    """Mark one of the caller's notifications unread."""

    @extend_schema(request=None)
    def post(self, request, account_id: int, notification_id: int):
        notification = services.mark_unread(notification=self.notification())
        return Response(self.get_serializer(notification).data)


class SnoozeView(OwnNotificationsMixin, BaseAPIView):
    """Snooze one of the caller's notifications until ``snoozed_until``."""

    @extend_schema(request=SnoozeSerializer)
    def post(self, request, account_id: int, notification_id: int):
        notification = self.notification()
        until = self.validated(SnoozeSerializer)["snoozed_until"]
        notification = services.snooze(notification=notification, until=until)
        return Response(self.get_serializer(notification).data)


class NotificationSettingsView(AccountScopedMixin, BaseAPIView):
    """The caller's notification settings in the account: read, change."""

    capability = ANY_MEMBER
    serializer_class = NotificationSettingSerializer

    def get(self, request, account_id: int):
        setting = selectors.settings_for(
            user_id=request.user.pk, account_id=self.account.pk
        )
        return Response(self.get_serializer(setting).data)

    @extend_schema(request=SettingsInputSerializer)
    def patch(self, request, account_id: int):
        flags = self.validated(SettingsInputSerializer)["notification_settings"]
        setting = services.update_settings(
            user_id=request.user.pk,
            account_id=self.account.pk,
            channels=channels_of(flags),
        )
        return Response(self.get_serializer(setting).data)

    put = patch
