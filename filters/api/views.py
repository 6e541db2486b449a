"""Application API: filter queries (``conversations/filter``,
``contacts/filter``) and the caller's saved filters (``custom_filters``)."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from api.permissions import ANY_MEMBER, AccountScopedMixin
from api.views import BaseAPIView, ContactPresenceMixin
from collaboration.serializers import conversations_for
from contacts import selectors as contact_selectors
from contacts.serializers import ContactDetailSerializer
from conversations import selectors as conversation_selectors
from conversations.serializers import AgentConversationSerializer
from filters import selectors, services
from filters.serializers import (
    CustomFilterInputSerializer,
    CustomFilterListQuerySerializer,
    CustomFilterSerializer,
    FilterQuerySerializer,
    PageSerializer,
)


class FilterMixin(AccountScopedMixin):
    # A filter query is a read sent by POST (Chatwoot's verb).
    capability = ANY_MEMBER

    def conditions(self) -> list:
        """The request's validated filter conditions."""
        return self.validated(FilterQuerySerializer)["payload"]

    def listing(self, names: tuple[str, ...] = ("page", "sort_by")) -> dict:
        """The validated ``page`` and ``sort_by`` (those of ``names``):
        Chatwoot's clients send them in the query string; the body works too."""
        body = self.request.data if isinstance(self.request.data, dict) else {}
        params = self.request.query_params
        source = {
            name: params[name] if name in params else body[name]
            for name in names
            if name in params or name in body
        }
        return self.validated(PageSerializer, data=source)


class ConversationFilterView(ContactPresenceMixin, FilterMixin, BaseAPIView):
    """The conversations the caller sees that match a filter query, 25 a page."""

    serializer_class = AgentConversationSerializer

    @extend_schema(
        request=FilterQuerySerializer,
        parameters=[PageSerializer],
        responses=inline_serializer(
            "ConversationFilterResult",
            {
                "data": inline_serializer(
                    "ConversationFilterData",
                    {
                        "meta": serializers.DictField(child=serializers.IntegerField()),
                        "payload": AgentConversationSerializer(many=True),
                    },
                )
            },
        ),
    )
    def post(self, request, account_id: int):
        conditions, listing = self.conditions(), self.listing()
        matching = selectors.filter_conversations(
            membership=self.membership, conditions=conditions
        )
        counts = conversation_selectors.conversation_counts(
            matching, user_id=request.user.pk
        )
        rows = conversation_selectors.conversation_page(
            conversation_selectors.with_list_data(matching),
            page=listing["page"],
            sort_by=listing["sort_by"],
        )
        payload = conversations_for(
            rows, membership=self.membership, context=self.get_serializer_context()
        )
        return Response({"data": {"meta": counts, "payload": payload}})


class ContactFilterView(ContactPresenceMixin, FilterMixin, BaseAPIView):
    """The account's contacts that match a filter query, 15 a page."""

    serializer_class = ContactDetailSerializer

    @extend_schema(
        request=FilterQuerySerializer,
        parameters=[PageSerializer],
        responses=inline_serializer(
            "ContactFilterResult",
            {
                "meta": serializers.DictField(child=serializers.IntegerField()),
                "payload": ContactDetailSerializer(many=True),
            },
        ),
    )
    def post(self, request, account_id: int):
        conditions, page = self.conditions(), self.listing(("page",))["page"]
        contacts = selectors.filter_contacts(
            membership=self.membership,
            conditions=conditions,
            sort="-last_activity_at",
        )
        rows = contact_selectors.contact_page(contacts, page=page)
        return Response(
            {
                "meta": {"count": contacts.count(), "current_page": page},
                "payload": self.get_serializer(rows, many=True).data,
            }
        )


### Saved filters


class CustomFilterListView(AccountScopedMixin, BaseAPIView):
    """The caller's saved filters in the account (``?filter_type=``); save one."""

    capability = ANY_MEMBER

    serializer_class = CustomFilterSerializer

    @extend_schema(
        parameters=[CustomFilterListQuerySerializer],
        responses=CustomFilterSerializer(many=True),
    )
    def get(self, request, account_id: int):
        query = self.validated(
            CustomFilterListQuerySerializer, data=request.query_params
        )
        saved = selectors.saved_filters(
            membership=self.membership, filter_type=query.get("filter_type")
        )
        return Response(self.get_serializer(saved, many=True).data)

    @extend_schema(request=CustomFilterInputSerializer)
    def post(self, request, account_id: int):
        data = self.validated(CustomFilterInputSerializer)
        saved = services.save_filter(
            membership=self.membership,
            name=data["name"],
            filter_type=data.get("filter_type", 0),
            query=data["query"],
        )
        return Response(self.get_serializer(saved).data)


class CustomFilterDetailView(AccountScopedMixin, BaseAPIView):
    """One of the caller's saved filters: read, change, delete."""

    # Only ever the caller's own filters: anyone else's id answers 404.
    capability = ANY_MEMBER

    serializer_class = CustomFilterSerializer

    def get_saved(self):
        return selectors.get_saved_filter(
            membership=self.membership, filter_id=self.kwargs["filter_id"]
        )

    def get(self, request, account_id: int, filter_id: int):
        return Response(self.get_serializer(self.get_saved()).data)

    @extend_schema(request=CustomFilterInputSerializer)
    def patch(self, request, account_id: int, filter_id: int):
        saved = self.get_saved()
        data = self.validated(CustomFilterInputSerializer, partial=True)
        if not data:
            raise ValidationError("Give name, filter_type or query.")
        saved = services.update_saved_filter(saved=saved, **data)
        return Response(self.get_serializer(saved).data)

    @extend_schema(request=None, responses={200: None})
    def delete(self, request, account_id: int, filter_id: int):
        services.delete_saved_filter(saved=self.get_saved())
        return Response()
