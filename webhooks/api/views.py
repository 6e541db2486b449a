"""Application API: the account's webhooks and their delivery log, for its
administrators only (Chatwoot's shapes; the log and resend are OneChat's), and
Chatwoot's list of integration apps."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from api.permissions import (
    ADMINISTRATORS,
    ANY_MEMBER,
    AccountScopedMixin,
    IsAccountMember,
    IsAdministrator,
)
from api.views import BaseAPIView
from webhooks import selectors, services
from webhooks.models import Webhook
from webhooks.serializers import (
    CreatedWebhookSerializer,
    DeliverySerializer,
    IntegrationAppSerializer,
    WebhookInputSerializer,
    WebhookSerializer,
)

DELIVERIES_PER_PAGE = 50


class WebhookMixin(AccountScopedMixin):
    permission_classes = [IsAdministrator]
    capability = ADMINISTRATORS
    serializer_class = WebhookSerializer

    def get_webhook(self) -> Webhook:
        return selectors.get_webhook(
            account=self.account, webhook_id=self.kwargs["webhook_id"]
        )

    def answer(self, webhook: Webhook) -> Response:
        return Response({"payload": {"webhook": WebhookSerializer(webhook).data}})


class WebhookListView(WebhookMixin, BaseAPIView):
    """The account's webhooks; add one (its secret is in this answer only)."""

    @extend_schema(responses=WebhookSerializer(many=True))
    def get(self, request, account_id: int):
        found = selectors.webhooks(account=self.account)
        return Response(
            {"payload": {"webhooks": WebhookSerializer(found, many=True).data}}
        )

    @extend_schema(request=WebhookInputSerializer, responses=CreatedWebhookSerializer)
    def post(self, request, account_id: int):
        data = self.validated(WebhookInputSerializer)
        data.pop("enabled", None)
        webhook = services.create_webhook(account=self.account, **data)
        return Response(
            {"payload": {"webhook": CreatedWebhookSerializer(webhook).data}}
        )


class WebhookDetailView(WebhookMixin, BaseAPIView):
    """One webhook: change it (``enabled: true`` turns a disabled one back
    on), delete it."""

    @extend_schema(request=WebhookInputSerializer, responses=WebhookSerializer)
    def patch(self, request, account_id: int, webhook_id: int):
        webhook = self.get_webhook()
        data = self.validated(WebhookInputSerializer, partial=True)
        if not data:
            raise ValidationError(
                "Give url, name, subscriptions, inbox_id, include_private_notes"
                " or enabled."
            )
        return self.answer(services.update_webhook(webhook=webhook, **data))

    @extend_schema(request=WebhookInputSerializer, responses=WebhookSerializer)
    def put(self, request, account_id: int, webhook_id: int):
        return self.patch(request, account_id, webhook_id)

    @extend_schema(request=None, responses={200: None})
    def delete(self, request, account_id: int, webhook_id: int):
        services.delete_webhook(webhook=self.get_webhook())
        return Response()


class DeliveryPageSerializer(serializers.Serializer):
    page = serializers.IntegerField(min_value=1, max_value=10_000, default=1)


class DeliveryListView(WebhookMixin, BaseAPIView):
    """A webhook's delivery log, newest first, 50 a page (``?page=``)."""

    serializer_class = DeliverySerializer

    @extend_schema(
        parameters=[DeliveryPageSerializer], responses=DeliverySerializer(many=True)
    )
    def get(self, request, account_id: int, webhook_id: int):
        page = self.validated(DeliveryPageSerializer, data=request.query_params)["page"]
        start = (page - 1) * DELIVERIES_PER_PAGE
        rows = selectors.deliveries(webhook=self.get_webhook())[
            start : start + DELIVERIES_PER_PAGE
        ]
        return Response(
            {
                "payload": DeliverySerializer(rows, many=True).data,
                "meta": {"page": page, "per_page": DELIVERIES_PER_PAGE},
            }
        )


class DeliveryResendView(WebhookMixin, BaseAPIView):
    """Send a delivery again (a new row of the log, a new delivery id)."""

    serializer_class = DeliverySerializer

    @extend_schema(request=None, responses=DeliverySerializer)
    def post(self, request, account_id: int, webhook_id: int, delivery_id):
        delivery = selectors.get_delivery(
            webhook=self.get_webhook(), delivery_id=str(delivery_id)
        )
        resent = services.resend_delivery(delivery=delivery)
        return Response({"payload": DeliverySerializer(resent).data})


class IntegrationAppListView(AccountScopedMixin, BaseAPIView):
    """Chatwoot's integration apps: OneChat has one, its webhooks (the
    Application API and agent bots need no app)."""

    permission_classes = [IsAccountMember]
    capability = ANY_MEMBER
    serializer_class = IntegrationAppSerializer

    @extend_schema(responses=IntegrationAppSerializer(many=True))
    def get(self, request, account_id: int):
        webhook_app = {
            "id": "webhook",
            "name": _("Webhooks"),
            "description": _(
                "Send this account's events to your own systems as they "
                "happen: signed, in order per conversation, retried."
            ),
            "logo": "webhooks.png",
            "enabled": selectors.webhooks(account=self.account).exists(),
            "action": "/webhook",
        }
        return Response(
            {"payload": IntegrationAppSerializer([webhook_app], many=True).data}
        )
