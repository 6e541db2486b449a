"""Application API: the account's custom attribute definitions."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from accounts import selectors, services
from accounts.serializers import (
    AttributeDefinitionListQuerySerializer,
    AttributeDefinitionSerializer,
)
from api.permissions import ADMINISTRATORS, AccountScopedMixin
from api.views import BaseAPIView


class AttributeDefinitionMixin(AccountScopedMixin):
    # Agents read the definitions; administrators manage them (Chatwoot's policy).
    capability = ADMINISTRATORS
    serializer_class = AttributeDefinitionSerializer


class AttributeDefinitionListView(AttributeDefinitionMixin, BaseAPIView):
    """The account's definitions (``?attribute_model=`` 0 or 1); add one."""

    @extend_schema(
        parameters=[AttributeDefinitionListQuerySerializer],
        responses=AttributeDefinitionSerializer(many=True),
    )
    def get(self, request, account_id: int):
        query = self.validated(
            AttributeDefinitionListQuerySerializer, data=request.query_params
        )
        definitions = selectors.attribute_definitions(
            account=self.account, attribute_model=query.get("attribute_model")
        )
        return Response(self.get_serializer(definitions, many=True).data)

    def post(self, request, account_id: int):
        data = self.validated(AttributeDefinitionSerializer)
        definition = services.create_attribute_definition(account=self.account, **data)
        return Response(self.get_serializer(definition).data)


class AttributeDefinitionDetailView(AttributeDefinitionMixin, BaseAPIView):
    """One definition: read, change, delete."""

    def get_definition(self):
        return selectors.get_attribute_definition(
            account=self.account, definition_id=self.kwargs["definition_id"]
        )

    def get(self, request, account_id: int, definition_id: int):
        return Response(self.get_serializer(self.get_definition()).data)

    def patch(self, request, account_id: int, definition_id: int):
        definition = self.get_definition()
        data = self.validated(
            AttributeDefinitionSerializer, instance=definition, partial=True
        )
        definition = services.update_attribute_definition(definition=definition, **data)
        return Response(self.get_serializer(definition).data)

    @extend_schema(request=None, responses={200: None})
    def delete(self, request, account_id: int, definition_id: int):
        services.delete_attribute_definition(definition=self.get_definition())
        return Response()
