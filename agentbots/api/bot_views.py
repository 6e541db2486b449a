"""What an agent bot's token may do (``agentbots.api.middleware`` routes it
here): read the conversations and messages of the inboxes the bot is
connected to, answer them, type, and change their status (``open`` hands a
pending conversation to the agents). Another inbox's conversation is a 404.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from agentbots.api.authentication import BotTokenAuthentication
from agentbots.models import AgentBot
from api.permissions import AGENT_BOT
from api.views import BaseAPIView
from conversations import selectors, services
from conversations.models import Conversation, Message
from conversations.serializers import (
    ConversationListQuerySerializer,
    ConversationSerializer,
    MessageCreateSerializer,
    MessageListMetaSerializer,
    MessageListQuerySerializer,
    MessageSerializer,
    ToggleStatusSerializer,
    TypingSerializer,
)


class BotView(BaseAPIView):
    """A view for agent bots only: the bot is ``request.auth``; the account in
    the path must be the bot's (or the bot one every account may connect)."""

    authentication_classes = [BotTokenAuthentication]
    permission_classes = [IsAuthenticated]
    capability = AGENT_BOT

    @property
    def bot(self) -> AgentBot:
        return self.request.auth

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        if self.bot.account_id not in (None, kwargs["account_id"]):
            # Another account's paths do not exist for this bot.
            raise Http404("Account not found")

    def get_conversation(self) -> Conversation:
        """The conversation in the path, if the bot answers its inbox; else 404."""
        if not hasattr(self, "_conversation"):
            self._conversation = selectors.get_bot_conversation(
                bot=self.bot,
                account_id=self.kwargs["account_id"],
                display_id=self.kwargs["conversation_id"],
            )
        return self._conversation

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if "conversation_id" in self.kwargs:
            context["contact_inbox"] = self.get_conversation().contact_inbox
        return context


class BotConversationListView(BotView):
    """The conversations of the bot's inboxes (``?status=``, default open)."""

    def get(self, request, account_id: int):
        query = self.validated(
            ConversationListQuerySerializer, data=request.query_params
        )
        rows = selectors.bot_conversations(bot=self.bot, account_id=account_id)
        wanted = query.get("status", Conversation.Status.OPEN)
        if wanted != "all":
            rows = rows.filter(status=wanted)
        if "inbox_id" in query:
            rows = rows.filter(inbox_id=query["inbox_id"])
        count = rows.count()
        page = selectors.conversation_page(
            selectors.with_list_data(rows),
            page=query["page"],
            sort_by=query["sort_by"],
        )
        payload = ConversationSerializer(
            page, many=True, context=self.get_serializer_context()
        ).data
        return Response({"data": {"meta": {"all_count": count}, "payload": payload}})


class BotConversationDetailView(BotView):
    """One conversation of the bot's inboxes."""

    def get(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        return Response(
            ConversationSerializer(
                conversation, context=self.get_serializer_context()
            ).data
        )


class BotMessageListView(BotView):
    """A conversation's messages; the bot's answer, as the bot."""

    def get(self, request, account_id: int, conversation_id: int):
        query = self.validated(MessageListQuerySerializer, data=request.query_params)
        conversation = self.get_conversation()
        window = selectors.message_window(conversation.messages.all(), **query)
        context = {**self.get_serializer_context(), "has_more": window.has_more}
        return Response(
            {
                "meta": MessageListMetaSerializer(conversation, context=context).data,
                "payload": MessageSerializer(
                    window.messages, many=True, context=context
                ).data,
            }
        )

    def post(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(MessageCreateSerializer)
        if data["message_type"] != Message.MessageType.OUTGOING:
            raise ValidationError(
                {"message_type": _("An agent bot sends outgoing messages only.")}
            )
        if data["content_type"] == Message.ContentType.REACTION:
            raise ValidationError(
                {"content_type": _("An agent bot does not react to messages.")}
            )
        message = services.create_message(
            conversation=conversation, sender=self.bot, **data
        )
        return Response(
            MessageSerializer(message, context=self.get_serializer_context()).data
        )


class BotToggleStatusView(BotView):
    """Set the status: ``open`` hands the conversation to the agents."""

    def post(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(ToggleStatusSerializer)
        if "wrap_up" in data:
            raise ValidationError({"wrap_up": _("A wrap-up is for agents.")})
        new_status = data.get("status")
        snoozed_until = data.get("snoozed_until")
        if new_status is None and snoozed_until is not None:
            new_status = Conversation.Status.SNOOZED
        conversation = services.change_status(
            conversation=conversation,
            status=new_status,
            snoozed_until=snoozed_until,
            actor=self.bot,
        )
        snoozed = conversation.snoozed_until
        return Response(
            {
                "meta": {},
                "payload": {
                    "success": True,
                    "current_status": conversation.status,
                    "conversation_id": conversation.display_id,
                    "snoozed_until": int(snoozed.timestamp()) if snoozed else None,
                },
            }
        )


class BotToggleTypingView(BotView):
    """Tell the contact and the agents that the bot types (or stopped)."""

    def post(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(TypingSerializer)
        services.set_typing(
            conversation=conversation,
            actor=self.bot,
            is_typing=data["typing_status"] == "on",
            is_private=data["is_private"],
        )
        return Response()
