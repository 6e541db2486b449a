"""Public client API: a contact session (``source_id``) talks to one inbox.

No credentials: the inbox identifier and the session's ``source_id`` in the path
are the capability. Contacts never see private notes or activity lines.
"""

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework.response import Response

from accounts import selectors as account_selectors
from accounts.serializers import PublicInboxSerializer
from contacts import selectors as contact_selectors
from contacts import services as contact_services
from contacts.serializers import PublicContactSerializer
from conversations import selectors, services
from conversations.models import Conversation
from conversations.serializers import (
    MessageContentSerializer,
    MessageListQuerySerializer,
    MessageSerializer,
)
from widget.contact_views import ContactSessionView
from widget.serializers import (
    AnswerSerializer,
    ContactConversationSerializer,
    ContactIdentitySerializer,
    ContactTypingSerializer,
    EmailAnswerSerializer,
    PublicConversationWithQueueSerializer,
)
from widget.throttles import check_contact_creation


class PublicMixin:
    """Resolves the inbox, the contact session and the conversation in the path."""

    # On a conversation's path, get_conversation() finds the inbox and the
    # session with it, in one query.

    def get_inbox(self):
        if not hasattr(self, "_inbox"):
            if "conversation_id" in self.kwargs:
                self.get_conversation()
            else:
                self._inbox = account_selectors.get_public_inbox(
                    identifier=self.kwargs["inbox_identifier"]
                )
        return self._inbox

    def get_session(self):
        if not hasattr(self, "_session"):
            if "conversation_id" in self.kwargs:
                self.get_conversation()
            else:
                self._session = contact_selectors.get_contact_session(
                    inbox=self.get_inbox(), source_id=self.kwargs["source_id"]
                )
        return self._session

    def get_conversation(self) -> Conversation:
        if not hasattr(self, "_conversation"):
            conversation = selectors.get_public_conversation(
                inbox_identifier=self.kwargs["inbox_identifier"],
                source_id=self.kwargs["source_id"],
                display_id=self.kwargs["conversation_id"],
            )
            self._conversation = conversation
            self._session = conversation.contact_inbox
            self._inbox = conversation.inbox
        return self._conversation

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        if "source_id" in self.kwargs:
            self.session = self.get_session()


### Inbox


class PublicInboxView(PublicMixin, ContactSessionView):
    """What a client shows before a session: the inbox's name and settings."""

    serializer_class = PublicInboxSerializer

    def get(self, request, inbox_identifier: str):
        return Response(self.get_serializer(self.get_inbox()).data)


### Contacts


class PublicContactCreateView(PublicMixin, ContactSessionView):
    """Start a session: an anonymous visitor, or an identified contact (HMAC)."""

    serializer_class = PublicContactSerializer

    @extend_schema(
        request=ContactIdentitySerializer,
        responses={200: PublicContactSerializer},
    )
    def post(self, request, inbox_identifier: str):
        data = self.validated(ContactIdentitySerializer)
        inbox = self.get_inbox()
        check_contact_creation(request=request, inbox=inbox)
        session = contact_services.open_public_session(inbox=inbox, **data)
        return Response(PublicContactSerializer(session).data)


class PublicContactDetailView(PublicMixin, ContactSessionView):
    """The session's contact; PATCH changes details or identifies it."""

    serializer_class = PublicContactSerializer

    def get(self, request, inbox_identifier: str, source_id: str):
        return Response(PublicContactSerializer(self.get_session()).data)

    @extend_schema(request=ContactIdentitySerializer)
    def patch(self, request, inbox_identifier: str, source_id: str):
        data = self.validated(ContactIdentitySerializer)
        session = contact_services.identify_public_session(
            session=self.get_session(), **data
        )
        return Response(PublicContactSerializer(session).data)


### Conversations


class PublicConversationListView(PublicMixin, ContactSessionView):
    """The session's conversations; start a new one."""

    serializer_class = PublicConversationWithQueueSerializer

    @extend_schema(responses=PublicConversationWithQueueSerializer(many=True))
    def get(self, request, inbox_identifier: str, source_id: str):
        conversations = selectors.session_conversations(session=self.get_session())
        return Response(self.get_serializer(conversations, many=True).data)

    @extend_schema(
        request=ContactConversationSerializer,
        responses={200: PublicConversationWithQueueSerializer},
    )
    def post(self, request, inbox_identifier: str, source_id: str):
        data = self.validated(ContactConversationSerializer)
        conversation = services.start_contact_conversation(
            contact_inbox=self.get_session(), **data
        )
        return Response(self.get_serializer(conversation).data)


class PublicConversationDetailView(PublicMixin, ContactSessionView):
    """One of the session's conversations, with its latest messages."""

    serializer_class = PublicConversationWithQueueSerializer

    def get(self, request, inbox_identifier: str, source_id: str, conversation_id: int):
        return Response(self.get_serializer(self.get_conversation()).data)


class PublicToggleStatusView(PublicMixin, ContactSessionView):
    """The contact ends the chat (Chatwoot's resolve)."""

    serializer_class = PublicConversationWithQueueSerializer

    @extend_schema(request=None)
    def post(
        self, request, inbox_identifier: str, source_id: str, conversation_id: int
    ):
        conversation = services.end_chat(
            conversation=self.get_conversation(), contact=self.get_session().contact
        )
        return Response(self.get_serializer(conversation).data)


class PublicUpdateLastSeenView(PublicMixin, ContactSessionView):
    """The contact read the conversation up to now."""

    serializer_class = PublicConversationWithQueueSerializer

    @extend_schema(request=None)
    def post(
        self, request, inbox_identifier: str, source_id: str, conversation_id: int
    ):
        conversation = services.mark_seen_by_contact(
            conversation=self.get_conversation()
        )
        return Response(self.get_serializer(conversation).data)


class PublicToggleTypingView(PublicMixin, ContactSessionView):
    """The contact started or stopped typing."""

    serializer_class = ContactTypingSerializer

    @extend_schema(request=ContactTypingSerializer, responses={200: None})
    def post(
        self, request, inbox_identifier: str, source_id: str, conversation_id: int
    ):
        data = self.validated(ContactTypingSerializer)
        services.set_typing(
            conversation=self.get_conversation(),
            actor=self.get_session().contact,
            is_typing=data["typing_status"] == "on",
        )
        return Response()


### Messages


class PublicMessageListView(PublicMixin, ContactSessionView):
    """The messages the contact sees (``after=<id>`` catches up); send one."""

    serializer_class = MessageSerializer

    @extend_schema(
        parameters=[MessageListQuerySerializer],
        responses=MessageSerializer(many=True),
    )
    def get(self, request, inbox_identifier: str, source_id: str, conversation_id: int):
        window = self.history(self.get_conversation())
        return Response(self.get_serializer(window.messages, many=True).data)

    @extend_schema(
        request={
            "application/json": MessageContentSerializer,
            "multipart/form-data": MessageContentSerializer,
        },
        responses={200: MessageSerializer},
    )
    def post(
        self, request, inbox_identifier: str, source_id: str, conversation_id: int
    ):
        data = self.validated(MessageContentSerializer)
        message = services.send_contact_message(
            conversation=self.get_conversation(), **data
        )
        return Response(self.get_serializer(message).data)


class PublicMessageDetailView(PublicMixin, ContactSessionView):
    """Answer a question: the email an ``input_email`` message asks for, or
    the ``submitted_values`` of a menu, form, survey or card button."""

    serializer_class = MessageSerializer

    @extend_schema(
        request=PolymorphicProxySerializer(
            "MessageAnswer",
            serializers=[EmailAnswerSerializer, AnswerSerializer],
            resource_type_field_name=None,
        ),
        responses=MessageSerializer,
    )
    def patch(
        self,
        request,
        inbox_identifier: str,
        source_id: str,
        conversation_id: int,
        message_id: int,
    ):
        message = self.answer_question(self.get_conversation(), message_id)
        return Response(self.get_serializer(message).data)
