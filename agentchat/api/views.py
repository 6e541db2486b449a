"""Application API of agent chats (under ``accounts/<id>/agent_chats``).

A chat is only ever found among the caller's own chats in the account: anyone
else's id answers 404.
"""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import status
from rest_framework.response import Response

from agentchat import capabilities, selectors, services
from agentchat.serializers import (
    AgentChatMessageSerializer,
    AgentChatSerializer,
    ChatCreateSerializer,
    ChatMessageCreateSerializer,
    ChatMessageQuerySerializer,
    ChatTypingSerializer,
)
from api.permissions import ANY_MEMBER, AccountScopedMixin
from api.views import BaseAPIView
from collaboration.capabilities import CapabilityMissing
from conversations.selectors import get_conversation

CHAT_LIST = inline_serializer(
    "AgentChatList", {"payload": AgentChatSerializer(many=True)}
)
MESSAGE_LIST = inline_serializer(
    "AgentChatMessageList", {"payload": AgentChatMessageSerializer(many=True)}
)


class ChatMixin(AccountScopedMixin):
    serializer_class = AgentChatSerializer

    def get_chat(self):
        """The caller's chat in the URL, looked up once per request."""
        if not hasattr(self, "_chat"):
            self._chat = selectors.get_chat(
                membership=self.membership, chat_id=self.kwargs["chat_id"]
            )
        return self._chat

    def require(self, capability: str) -> None:
        """Refuse (403 naming it) what the chat's state does not allow: the
        gate asks it for the capabilities the view declares."""
        if capability not in capabilities.chat_capabilities(self.get_chat()):
            raise CapabilityMissing(capability)


class ChatListView(ChatMixin, BaseAPIView):
    """The caller's chats, latest activity first, with unread counts; start one."""

    capability = ANY_MEMBER

    @extend_schema(responses=CHAT_LIST)
    def get(self, request, account_id: int):
        chats = selectors.member_chats(membership=self.membership)
        return Response({"payload": self.get_serializer(chats, many=True).data})

    @extend_schema(request=ChatCreateSerializer, responses={201: AgentChatSerializer})
    def post(self, request, account_id: int):
        data = self.validated(ChatCreateSerializer)
        members = selectors.get_chat_candidates(
            membership=self.membership, user_ids=data["user_ids"]
        )
        conversation = None
        if "conversation_id" in data:
            conversation = get_conversation(
                membership=self.membership, display_id=data["conversation_id"]
            )
        chat = services.start_chat(
            account=self.account,
            creator=request.user,
            members=members,
            topic=data["topic"],
            conversation=conversation,
        )
        chat = selectors.get_chat(membership=self.membership, chat_id=chat.pk)
        return Response(self.get_serializer(chat).data, status=status.HTTP_201_CREATED)


class ChatDetailView(ChatMixin, BaseAPIView):
    """One of the caller's chats."""

    def get(self, request, account_id: int, chat_id: int):
        return Response(self.get_serializer(self.get_chat()).data)


class ChatMessagesView(ChatMixin, BaseAPIView):
    """A chat's history (``q`` searches, ``before=<id>`` pages back); write in it."""

    serializer_class = AgentChatMessageSerializer
    capability = capabilities.SEND_MESSAGE

    @extend_schema(parameters=[ChatMessageQuerySerializer], responses=MESSAGE_LIST)
    def get(self, request, account_id: int, chat_id: int):
        chat = self.get_chat()
        query = self.validated(ChatMessageQuerySerializer, data=request.query_params)
        messages = selectors.chat_messages(chat=chat, **query)
        return Response({"payload": self.get_serializer(messages, many=True).data})

    @extend_schema(
        request=ChatMessageCreateSerializer,
        responses={201: AgentChatMessageSerializer},
    )
    def post(self, request, account_id: int, chat_id: int):
        chat = self.get_chat()
        data = self.validated(ChatMessageCreateSerializer)
        message = services.post_chat_message(
            chat=chat, sender=request.user, content=data["content"]
        )
        return Response(
            self.get_serializer(message).data, status=status.HTTP_201_CREATED
        )


class ChatReadView(ChatMixin, BaseAPIView):
    """The caller has read the chat up to now."""

    capability = ANY_MEMBER

    @extend_schema(request=None, responses={204: None})
    def post(self, request, account_id: int, chat_id: int):
        services.mark_chat_read(chat=self.get_chat(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ChatTypingView(ChatMixin, BaseAPIView):
    """Tell the chat's other members that the caller types (or stopped)."""

    capability = capabilities.TYPING

    @extend_schema(request=ChatTypingSerializer, responses={204: None})
    def post(self, request, account_id: int, chat_id: int):
        chat = self.get_chat()
        data = self.validated(ChatTypingSerializer)
        services.set_chat_typing(
            chat=chat, user=request.user, is_typing=data["typing_status"] == "on"
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class ChatCompleteView(ChatMixin, BaseAPIView):
    """Close the chat for writing; its history stays."""

    capability = capabilities.COMPLETE

    @extend_schema(request=None, responses=AgentChatSerializer)
    def post(self, request, account_id: int, chat_id: int):
        services.complete_chat(chat=self.get_chat())
        return Response(self.get_serializer(self.get_chat()).data)
