"""Application API: the account's canned responses. Every member reads them
(the composer offers them); only administrators add, change or delete them."""

from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from api.permissions import ADMINISTRATORS, AccountScopedMixin
from api.views import BaseAPIView
from cannedresponses import selectors, services
from cannedresponses.models import CannedResponse
from cannedresponses.serializers import (
    CannedResponseInputSerializer,
    CannedResponseSearchSerializer,
    CannedResponseSerializer,
)


class CannedResponseMixin(AccountScopedMixin):
    capability = ADMINISTRATORS
    serializer_class = CannedResponseSerializer

    def get_canned(self) -> CannedResponse:
        return selectors.get_canned_response(
            account=self.account, canned_response_id=self.kwargs["canned_response_id"]
        )

    def answer(self, canned_id: int) -> Response:
        """The canned response as stored now, its files read afresh."""
        canned = selectors.get_canned_response(
            account=self.account, canned_response_id=canned_id
        )
        return Response(self.get_serializer(canned).data)


class CannedResponseListView(CannedResponseMixin, BaseAPIView):
    """The account's canned responses (``?search=``); add one."""

    @extend_schema(
        parameters=[CannedResponseSearchSerializer],
        responses=CannedResponseSerializer(many=True),
    )
    def get(self, request, account_id: int):
        query = self.validated(
            CannedResponseSearchSerializer, data=request.query_params
        )
        found = selectors.canned_responses(
            account=self.account, search=query.get("search", "")
        )
        return Response(self.get_serializer(found, many=True).data)

    @extend_schema(
        request=CannedResponseInputSerializer, responses=CannedResponseSerializer
    )
    def post(self, request, account_id: int):
        data = self.validated(CannedResponseInputSerializer)
        canned = services.create_canned_response(
            account=self.account,
            short_code=data["short_code"],
            content=data["content"],
            attachments=data.get("attachments", []),
        )
        return self.answer(canned.pk)


class CannedResponseDetailView(CannedResponseMixin, BaseAPIView):
    """One canned response: change it, delete it."""

    @extend_schema(
        request=CannedResponseInputSerializer, responses=CannedResponseSerializer
    )
    def patch(self, request, account_id: int, canned_response_id: int):
        canned = self.get_canned()
        data = self.validated(
            CannedResponseInputSerializer, instance=canned, partial=True
        )
        if not data:
            raise ValidationError(
                "Give short_code, content, attachments or removed_attachment_ids."
            )
        canned = services.update_canned_response(canned=canned, **data)
        return self.answer(canned.pk)

    @extend_schema(request=None, responses={200: None})
    def delete(self, request, account_id: int, canned_response_id: int):
        services.delete_canned_response(canned=self.get_canned())
        return Response()
