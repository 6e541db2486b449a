"""Wire shapes of webhooks, as Chatwoot's views have them, and of their
delivery log (a OneChat extension). The secret is in the create answer only."""

from rest_framework import serializers

from accounts.models import Inbox
from webhooks import http
from webhooks.models import EVENTS, Webhook, WebhookDelivery

# Chatwoot's default subscriptions of a webhook created without any.
DEFAULT_SUBSCRIPTIONS = [
    "conversation_status_changed",
    "conversation_updated",
    "conversation_created",
    "message_created",
    "message_updated",
    "webwidget_triggered",
]


class WebhookSerializer(serializers.ModelSerializer):
    """Chatwoot's ``_webhook`` partial, plus OneChat's state fields."""

    inbox = serializers.SerializerMethodField()

    class Meta:
        model = Webhook
        fields = [
            "id",
            "name",
            "url",
            "account_id",
            "subscriptions",
            "inbox",
            "include_private_notes",
            "enabled",
            "disabled_reason",
            "disabled_at",
            "consecutive_failures",
        ]

    def get_inbox(self, webhook: Webhook) -> dict | None:
        inbox = webhook.inbox
        if inbox is None:
            return None
        return {
            "id": inbox.pk,
            "name": inbox.name,
            "channel_type": Inbox.CHANNEL_NAMES.get(inbox.channel_type, ""),
        }

    def to_representation(self, webhook: Webhook) -> dict:
        data = super().to_representation(webhook)
        if data["inbox"] is None:
            del data["inbox"]
        return data


class CreatedWebhookSerializer(WebhookSerializer):
    """The create answer: the only one that carries the secret."""

    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "secret"]


class WebhookInputSerializer(serializers.Serializer):
    """A webhook's fields as given (Chatwoot also accepts them under ``webhook``)."""

    url = serializers.CharField(max_length=2048)
    name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    subscriptions = serializers.ListField(
        child=serializers.ChoiceField(choices=EVENTS),
        max_length=len(EVENTS),
        required=False,
    )
    inbox_id = serializers.IntegerField(required=False, allow_null=True)
    include_private_notes = serializers.BooleanField(required=False)
    enabled = serializers.BooleanField(required=False)

    def to_internal_value(self, data: object) -> dict:
        if isinstance(data, dict) and isinstance(data.get("webhook"), dict):
            data = data["webhook"]
        return super().to_internal_value(data)

    def validate_url(self, url: str) -> str:
        url = url.strip()
        try:
            http.vet(url)
        except http.BadURL as error:
            raise serializers.ValidationError(str(error)) from error
        return url

    def validate_subscriptions(self, subscriptions: list[str]) -> list[str]:
        return list(dict.fromkeys(subscriptions))

    def validate_inbox_id(self, inbox_id: int | None) -> Inbox | None:
        if inbox_id is None:
            return None
        inbox = Inbox.objects.filter(
            account=self.context["account"], pk=inbox_id
        ).first()
        if inbox is None:
            raise serializers.ValidationError("No such inbox in this account.")
        return inbox

    def validate(self, data: dict) -> dict:
        if "inbox_id" in data:
            data["inbox"] = data.pop("inbox_id")
        if not self.partial and "subscriptions" not in data:
            data["subscriptions"] = list(DEFAULT_SUBSCRIPTIONS)
        return data


class DeliverySerializer(serializers.ModelSerializer):
    """One row of a webhook's delivery log."""

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "delivery_id",
            "event",
            "status",
            "attempts",
            "last_error",
            "response_status",
            "response_ms",
            "conversation_id",
            "created_at",
            "sent_at",
            "next_attempt_at",
        ]


class IntegrationAppSerializer(serializers.Serializer):
    """Chatwoot's ``integrations/apps`` entry: OneChat's one integration app is
    its webhooks (Chatwoot's ``webhook`` app, enabled once the account has
    one)."""

    id = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    logo = serializers.CharField()
    enabled = serializers.BooleanField()
    action = serializers.CharField()
