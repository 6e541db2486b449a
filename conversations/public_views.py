"""Public client API: a contact session (``source_id``) talks to one inbox.

No credentials: the inbox identifier and the session's ``source_id`` in the path
are the capability. Contacts never see private notes or activity lines.
"""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from contacts import selectors as contact_selectors
from contacts import services as contact_services
from contacts.serializers import PublicContactInputSerializer, PublicContactSerializer
from conversations import selectors, services
from conversations.models import Conversation, Message
from conversations.serializers import (
    MessageListQuerySerializer,
    MessageSerializer,
    PublicConversationCreateSerializer,
    PublicConversationSerializer,
    PublicMessageCreateSerializer,
    SubmitEmailSerializer,
    TypingSerializer,
)
from onechat import selectors as account_selectors


class PublicMixin:
    """Resolves the inbox, the contact session and the conversation in the path."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

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

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if "source_id" in self.kwargs and not getattr(self, "swagger_fake_view", False):
            context["contact_inbox"] = self.get_session()
        return context

    def validated(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


### Contacts


class PublicContactCreateView(PublicMixin, generics.GenericAPIView):
    """Start a session: an anonymous visitor, or an identified contact (HMAC)."""

    serializer_class = PublicContactSerializer

    @extend_schema(
        request=PublicContactInputSerializer,
        responses={201: PublicContactSerializer},
    )
    def post(self, request, inbox_identifier: str):
        data = self.validated(PublicContactInputSerializer)
        session = contact_services.open_public_session(inbox=self.get_inbox(), **data)
        return Response(
            PublicContactSerializer(session).data, status=status.HTTP_201_CREATED
        )


class PublicContactDetailView(PublicMixin, generics.GenericAPIView):
    """The session's contact; PATCH changes details or identifies it."""

    serializer_class = PublicContactSerializer

    def get(self, request, inbox_identifier: str, source_id: str):
        return Response(PublicContactSerializer(self.get_session()).data)

    @extend_schema(request=PublicContactInputSerializer)
    def patch(self, request, inbox_identifier: str, source_id: str):
        data = self.validated(PublicContactInputSerializer)
        session = contact_services.identify_public_session(
            session=self.get_session(), **data
        )
        return Response(PublicContactSerializer(session).data)


### Conversations


class PublicConversationListView(PublicMixin, generics.GenericAPIView):
    """The session's conversations; start a new one."""

    serializer_class = PublicConversationSerializer

    @extend_schema(responses=PublicConversationSerializer(many=True))
    def get(self, request, inbox_identifier: str, source_id: str):
        conversations = selectors.session_conversations(session=self.get_session())
        return Response(self.get_serializer(conversations, many=True).data)

    @extend_schema(
        request=PublicConversationCreateSerializer,
        responses={201: PublicConversationSerializer},
    )
    def post(self, request, inbox_identifier: str, source_id: str):
        data = self.validated(PublicConversationCreateSerializer)
        conversation = services.start_contact_conversation(
            contact_inbox=self.get_session(), **data
        )
        return Response(
            self.get_serializer(conversation).data, status=status.HTTP_201_CREATED
        )


class PublicConversationDetailView(PublicMixin, generics.GenericAPIView):
    """One of the session's conversations, with its latest messages."""

    serializer_class = PublicConversationSerializer

    def get(self, request, inbox_identifier: str, source_id: str, conversation_id: int):
        return Response(self.get_serializer(self.get_conversation()).data)


class PublicToggleStatusView(PublicMixin, generics.GenericAPIView):
    """The contact resolves the conversation."""

    serializer_class = PublicConversationSerializer

    @extend_schema(request=None)
    def post(
        self, request, inbox_identifier: str, source_id: str, conversation_id: int
    ):
        conversation = services.change_status(
            conversation=self.get_conversation(),
            status=Conversation.Status.RESOLVED,
            actor=self.get_session().contact,
        )
        return Response(self.get_serializer(conversation).data)


class PublicUpdateLastSeenView(PublicMixin, generics.GenericAPIView):
    """The contact read the conversation up to now."""

    serializer_class = PublicConversationSerializer

    @extend_schema(request=None)
    def post(
        self, request, inbox_identifier: str, source_id: str, conversation_id: int
    ):
        conversation = services.mark_seen_by_contact(
            conversation=self.get_conversation()
        )
        return Response(self.get_serializer(conversation).data)


class PublicToggleTypingView(PublicMixin, generics.GenericAPIView):
    """The contact started or stopped typing."""

    serializer_class = TypingSerializer

    @extend_schema(request=TypingSerializer, responses={204: None})
    def post(
        self, request, inbox_identifier: str, source_id: str, conversation_id: int
    ):
        data = self.validated(TypingSerializer)
        services.set_typing(
            conversation=self.get_conversation(),
            actor=self.get_session().contact,
            is_typing=data["typing_status"] == "on",
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


### Messages


class PublicMessageListView(PublicMixin, generics.GenericAPIView):
    """The messages the contact sees (``after=<id>`` catches up); send one."""

    serializer_class = MessageSerializer

    @extend_schema(
        parameters=[MessageListQuerySerializer],
        responses=MessageSerializer(many=True),
    )
    def get(self, request, inbox_identifier: str, source_id: str, conversation_id: int):
        query = MessageListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        messages = selectors.visible_to_contact(self.get_conversation().messages.all())
        window = selectors.message_window(messages, **query.validated_data)
        return Response(self.get_serializer(window.messages, many=True).data)

    @extend_schema(
        request={
            "application/json": PublicMessageCreateSerializer,
            "multipart/form-data": PublicMessageCreateSerializer,
        },
        responses={201: MessageSerializer},
    )
    def post(
        self, request, inbox_identifier: str, source_id: str, conversation_id: int
    ):
        data = self.validated(PublicMessageCreateSerializer)
        message = services.send_contact_message(
            conversation=self.get_conversation(), **data
        )
        return Response(
            self.get_serializer(message).data, status=status.HTTP_201_CREATED
        )


class PublicMessageDetailView(PublicMixin, generics.GenericAPIView):
    """Submit the email asked for by an ``input_email`` message."""

    serializer_class = MessageSerializer

    @extend_schema(request=SubmitEmailSerializer, responses=MessageSerializer)
    def patch(
        self,
        request,
        inbox_identifier: str,
        source_id: str,
        conversation_id: int,
        message_id: int,
    ):
        conversation = self.get_conversation()
        data = self.validated(SubmitEmailSerializer)
        message = selectors.get_message(
            conversation=conversation, message_id=message_id
        )
        if not message.is_visible_to_contact:
            raise Http404("Message not found")
        if message.content_type != Message.ContentType.INPUT_EMAIL:
            raise ValidationError("Only an input_email message takes an email.")
        message = services.submit_email(message=message, email=data["submitted_email"])
        return Response(self.get_serializer(message).data)
