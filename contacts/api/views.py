"""Application API: the account's contacts."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from accounts import selectors as account_selectors
from api.permissions import ADMINISTRATORS, ANY_MEMBER, AccountScopedMixin
from api.schema import payload_of
from api.views import BaseAPIView, ContactPresenceMixin
from collaboration.serializers import conversations_for
from contacts import selectors, services
from contacts.serializers import (
    ContactDetailSerializer,
    ContactInputSerializer,
    ContactListQuerySerializer,
    ContactMergeSerializer,
    ContactSerializer,
    ContactSessionInputSerializer,
    ContactSessionSerializer,
    CustomAttributeKeysSerializer,
    SessionInboxSerializer,
)
from conversations import selectors as conversation_selectors
from conversations.serializers import AgentConversationSerializer

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
        "payload": ContactDetailSerializer(many=True),
    },
)
CONTACT = inline_serializer("ContactShow", {"payload": ContactDetailSerializer()})
CONTACT_CREATED = inline_serializer(
    "ContactCreated",
    {
        "payload": inline_serializer(
            "ContactCreatedPayload",
            {
                "contact": ContactDetailSerializer(),
                "contact_inbox": inline_serializer(
                    "ContactCreatedSession",
                    {
                        "inbox": SessionInboxSerializer(allow_null=True),
                        "source_id": serializers.CharField(allow_null=True),
                    },
                ),
            },
        )
    },
)


class ContactMixin(ContactPresenceMixin, AccountScopedMixin):
    serializer_class = ContactDetailSerializer

    def get_contact(self):
        return selectors.get_contact(
            account=self.account, contact_id=self.kwargs["contact_id"]
        )

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


class ContactListView(ContactMixin, BaseAPIView):
    """The account's contacts, 15 a page, sorted; add one."""

    capability = ANY_MEMBER

    @extend_schema(
        operation_id="contacts_list",
        parameters=[ContactListQuerySerializer],
        responses=CONTACT_LIST,
    )
    def get(self, request, account_id: int):
        return self.contact_list(list_query(request))

    @extend_schema(request=ContactInputSerializer, responses=CONTACT_CREATED)
    def post(self, request, account_id: int):
        data = self.validated(ContactInputSerializer)
        inbox_id = data.pop("inbox_id", None)
        session = None
        if inbox_id is None:
            contact = services.create_contact(account=self.account, **data)
        else:
            inbox = account_selectors.get_inbox(
                membership=self.membership, inbox_id=inbox_id
            )
            session = services.create_contact_in_inbox(
                account=self.account, inbox=inbox, **data
            )
            contact = session.contact
        return Response(
            {
                "payload": {
                    "contact": self.get_serializer(contact).data,
                    "contact_inbox": {
                        "inbox": SessionInboxSerializer(session.inbox).data
                        if session
                        else None,
                        "source_id": session.source_id if session else None,
                    },
                }
            }
        )


class ContactSearchView(ContactMixin, BaseAPIView):
    """Contacts whose name, email, phone or identifier contain ``q``."""

    @extend_schema(parameters=[ContactListQuerySerializer], responses=CONTACT_LIST)
    def get(self, request, account_id: int):
        return self.contact_list(list_query(request))


class ContactDetailView(ContactMixin, BaseAPIView):
    """One contact: read, change, delete (administrators)."""

    capability = {"PATCH": ANY_MEMBER, "PUT": ANY_MEMBER, "DELETE": ADMINISTRATORS}
    administrators_message = "Only administrators of this account may delete this."

    @extend_schema(responses=CONTACT)
    def get(self, request, account_id: int, contact_id: int):
        return Response({"payload": self.get_serializer(self.get_contact()).data})

    @extend_schema(request=ContactInputSerializer, responses=CONTACT)
    def patch(self, request, account_id: int, contact_id: int):
        contact = self.get_contact()
        data = self.validated(ContactInputSerializer, instance=contact, partial=True)
        data.pop("inbox_id", None)
        contact = services.update_contact(contact=contact, **data)
        return Response({"payload": self.get_serializer(contact).data})

    # Chatwoot's SDKs update with PUT; it changes only the fields given, as PATCH.
    put = patch

    @extend_schema(responses={200: None})
    def delete(self, request, account_id: int, contact_id: int):
        services.delete_contact(contact=self.get_contact())
        return Response()


class ContactCustomAttributesView(ContactMixin, BaseAPIView):
    """Remove keys from a contact's custom attributes (Chatwoot's
    ``destroy_custom_attributes``): an update merges, so it keeps them."""

    capability = ANY_MEMBER

    @extend_schema(request=CustomAttributeKeysSerializer, responses=CONTACT)
    def post(self, request, account_id: int, contact_id: int):
        contact = self.get_contact()
        data = self.validated(CustomAttributeKeysSerializer)
        contact = services.remove_custom_attributes(
            contact=contact, keys=data["custom_attributes"]
        )
        return Response({"payload": self.get_serializer(contact).data})


class ContactConversationsView(ContactMixin, BaseAPIView):
    """A contact's conversations that the caller sees."""

    serializer_class = AgentConversationSerializer

    @extend_schema(
        responses=inline_serializer(
            "ContactConversationList",
            {"payload": AgentConversationSerializer(many=True)},
        )
    )
    def get(self, request, account_id: int, contact_id: int):
        conversations = conversation_selectors.contact_conversations(
            membership=self.membership, contact=self.get_contact()
        )
        rows = conversation_selectors.with_list_data(conversations).order_by(
            "-last_activity_at", "-id"
        )
        payload = conversations_for(
            rows, membership=self.membership, context=self.get_serializer_context()
        )
        return Response({"payload": payload})


class ContactMergeView(ContactMixin, BaseAPIView):
    """Fold one contact into another: sessions, conversations, missing details."""

    capability = ANY_MEMBER

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


class ContactSessionsView(ContactMixin, BaseAPIView):
    """Open a session for the contact in an inbox (``source_id`` optional)."""

    capability = ANY_MEMBER

    serializer_class = ContactSessionSerializer

    @extend_schema(
        request=ContactSessionInputSerializer, responses=ContactSessionSerializer
    )
    def post(self, request, account_id: int, contact_id: int):
        contact = self.get_contact()
        data = self.validated(ContactSessionInputSerializer)
        inbox = account_selectors.get_inbox(
            membership=self.membership, inbox_id=data["inbox_id"]
        )
        session = services.find_or_open_session(
            contact=contact, inbox=inbox, source_id=data.get("source_id")
        )
        return Response(self.get_serializer(session).data)


class ContactableInboxesView(ContactMixin, BaseAPIView):
    """The caller's inboxes where the contact can be reached, with a source_id."""

    serializer_class = ContactSessionSerializer

    @extend_schema(responses=payload_of("ContactableInboxes", ContactSessionSerializer))
    def get(self, request, account_id: int, contact_id: int):
        sessions = selectors.contactable_sessions(
            contact=self.get_contact(),
            inboxes=account_selectors.visible_inboxes(membership=self.membership),
        )
        return Response({"payload": self.get_serializer(sessions, many=True).data})
