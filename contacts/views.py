"""Application API: the account's contacts."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from contacts import selectors, services
from contacts.serializers import (
    ContactInputSerializer,
    ContactListQuerySerializer,
    ContactMergeSerializer,
    ContactSerializer,
)
from conversations import selectors as conversation_selectors
from conversations.serializers import ConversationSerializer
from onechat.permissions import AccountScopedMixin, IsAdministratorToDelete

CONTACT_LIST = inline_serializer(
    "ContactList",
    {
        "meta": inline_serializer(
            "ContactListMeta",
            {
                "count": serializers.IntegerField(),
                "current_page": serializers.IntegerField(),
            },
        ),
        "payload": ContactSerializer(many=True),
    },
)


class ContactMixin(AccountScopedMixin):
    serializer_class = ContactSerializer

    def get_contact(self):
        return selectors.get_contact(
            account=self.account, contact_id=self.kwargs["contact_id"]
        )

    def validated(self, serializer_class, **kwargs) -> dict:
        serializer = serializer_class(
            data=self.request.data, context={"account": self.account}, **kwargs
        )
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def contact_list(self, query: dict) -> Response:
        if query.get("q"):
            contacts = selectors.search_contacts(
                account=self.account, query=query["q"], sort=query["sort"]
            )
        else:
            contacts = selectors.account_contacts(
                account=self.account, sort=query["sort"]
            )
        page = selectors.contact_page(contacts, page=query["page"])
        return Response(
            {
                "meta": {"count": contacts.count(), "current_page": query["page"]},
                "payload": self.get_serializer(page, many=True).data,
            }
        )


def list_query(request) -> dict:
    """The validated page, sort and search of a contact list request."""
    serializer = ContactListQuerySerializer(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class ContactListView(ContactMixin, generics.GenericAPIView):
    """The account's contacts, 15 a page, sorted; add one."""

    @extend_schema(
        operation_id="contacts_list",
        parameters=[ContactListQuerySerializer],
        responses=CONTACT_LIST,
    )
    def get(self, request, account_id: int):
        return self.contact_list(list_query(request))

    @extend_schema(request=ContactInputSerializer, responses={201: ContactSerializer})
    def post(self, request, account_id: int):
        data = self.validated(ContactInputSerializer)
        contact = services.create_contact(account=self.account, **data)
        return Response(
            self.get_serializer(contact).data, status=status.HTTP_201_CREATED
        )


class ContactSearchView(ContactMixin, generics.GenericAPIView):
    """Contacts whose name, email, phone or identifier contain ``q``."""

    @extend_schema(parameters=[ContactListQuerySerializer], responses=CONTACT_LIST)
    def get(self, request, account_id: int):
        return self.contact_list(list_query(request))


class ContactDetailView(ContactMixin, generics.GenericAPIView):
    """One contact: read, change, delete (administrators)."""

    permission_classes = [IsAdministratorToDelete]

    def get(self, request, account_id: int, contact_id: int):
        return Response(self.get_serializer(self.get_contact()).data)

    @extend_schema(request=ContactInputSerializer)
    def patch(self, request, account_id: int, contact_id: int):
        contact = self.get_contact()
        data = self.validated(ContactInputSerializer, instance=contact, partial=True)
        contact = services.update_contact(contact=contact, **data)
        return Response(self.get_serializer(contact).data)

    @extend_schema(responses={204: None})
    def delete(self, request, account_id: int, contact_id: int):
        services.delete_contact(contact=self.get_contact())
        return Response(status=status.HTTP_204_NO_CONTENT)


class ContactConversationsView(ContactMixin, generics.GenericAPIView):
    """A contact's conversations that the caller sees."""

    serializer_class = ConversationSerializer

    @extend_schema(
        responses=inline_serializer(
            "ContactConversationList",
            {"payload": ConversationSerializer(many=True)},
        )
    )
    def get(self, request, account_id: int, contact_id: int):
        conversations = conversation_selectors.contact_conversations(
            membership=self.membership, contact=self.get_contact()
        )
        rows = conversation_selectors.with_list_data(conversations).order_by(
            "-last_activity_at", "-id"
        )
        return Response({"payload": self.get_serializer(rows, many=True).data})


class ContactMergeView(ContactMixin, generics.GenericAPIView):
    """Fold one contact into another: sessions, conversations, missing details."""

    @extend_schema(request=ContactMergeSerializer, responses=ContactSerializer)
    def post(self, request, account_id: int):
        data = self.validated(ContactMergeSerializer)
        base = selectors.get_contact(
            account=self.account, contact_id=data["base_contact_id"]
        )
        mergee = selectors.get_contact(
            account=self.account, contact_id=data["mergee_contact_id"]
        )
        contact = services.merge_contacts(base=base, mergee=mergee)
        return Response(self.get_serializer(contact).data)
