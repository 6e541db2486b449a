"""Application API: an account's agent bots and the bot of each inbox.

Every member lists and reads the bots the account may use (Chatwoot's
``AgentBotPolicy``); only administrators add, change, delete them, reset
their tokens, connect them to inboxes, and see their access tokens.
"""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework.response import Response

from accounts import selectors as account_selectors
from agentbots import selectors, services
from agentbots.api.serializers import (
    AgentBotInputSerializer,
    AgentBotSerializer,
    SetAgentBotSerializer,
)
from agentbots.models import AgentBot
from api.permissions import ADMINISTRATORS, ANY_MEMBER, AccountScopedMixin
from api.views import BaseAPIView


class AgentBotMixin(AccountScopedMixin):
    capability = ADMINISTRATORS
    serializer_class = AgentBotSerializer

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["show_token"] = self.membership.is_administrator
        return context

    def get_bot(self, *, own: bool) -> AgentBot:
        return selectors.get_bot(
            account_id=self.account.pk, bot_id=self.kwargs["bot_id"], own=own
        )


class AgentBotListView(AgentBotMixin, BaseAPIView):
    """The bots the account may use; add one (its secret shown this once)."""

    @extend_schema(responses=AgentBotSerializer(many=True))
    def get(self, request, account_id: int):
        bots = selectors.account_bots(account_id=self.account.pk)
        return Response(self.get_serializer(bots, many=True).data)

    @extend_schema(request=AgentBotInputSerializer, responses=AgentBotSerializer)
    def post(self, request, account_id: int):
        data = self.validated(AgentBotInputSerializer)
        bot = services.create_bot(account=self.account, **data)
        context = {**self.get_serializer_context(), "show_secret": True}
        return Response(AgentBotSerializer(bot, context=context).data)


class AgentBotDetailView(AgentBotMixin, BaseAPIView):
    """One bot; an administrator changes or deletes the account's own."""

    @extend_schema(responses=AgentBotSerializer)
    def get(self, request, account_id: int, bot_id: int):
        return Response(self.get_serializer(self.get_bot(own=False)).data)

    @extend_schema(request=AgentBotInputSerializer, responses=AgentBotSerializer)
    def patch(self, request, account_id: int, bot_id: int):
        bot = self.get_bot(own=True)
        data = self.validated(AgentBotInputSerializer, partial=True)
        bot = services.update_bot(bot=bot, **data)
        return Response(self.get_serializer(bot).data)

    @extend_schema(responses={200: None})
    def delete(self, request, account_id: int, bot_id: int):
        services.delete_bot(bot=self.get_bot(own=True))
        return Response()


class ResetAccessTokenView(AgentBotMixin, BaseAPIView):
    """A new access token for one of the account's bots (the old one dies)."""

    @extend_schema(request=None, responses=AgentBotSerializer)
    def post(self, request, account_id: int, bot_id: int):
        bot = services.reset_access_token(bot=self.get_bot(own=True))
        return Response(self.get_serializer(bot).data)


INBOX_BOT = inline_serializer(
    "InboxAgentBot", {"agent_bot": AgentBotSerializer(allow_null=True)}
)


class InboxAgentBotView(AgentBotMixin, BaseAPIView):
    """The bot connected to an inbox the caller sees (null when none)."""

    capability = ANY_MEMBER

    @extend_schema(responses=INBOX_BOT)
    def get(self, request, account_id: int, inbox_id: int):
        inbox = account_selectors.get_inbox(
            membership=self.membership, inbox_id=inbox_id
        )
        link = selectors.inbox_links(account_id=self.account.pk).filter(inbox=inbox)
        bot = link[0].agent_bot if link else None
        return Response(
            {"agent_bot": self.get_serializer(bot).data if bot is not None else None}
        )


class SetAgentBotView(AgentBotMixin, BaseAPIView):
    """Connect a bot the account may use to an inbox, or (null) disconnect it."""

    serializer_class = SetAgentBotSerializer

    @extend_schema(request=SetAgentBotSerializer, responses={200: None})
    def post(self, request, account_id: int, inbox_id: int):
        inbox = account_selectors.get_inbox(
            membership=self.membership, inbox_id=inbox_id
        )
        data = self.validated(SetAgentBotSerializer)
        bot = None
        if data["agent_bot"] is not None:
            bot = selectors.get_bot(
                account_id=self.account.pk, bot_id=data["agent_bot"]
            )
        services.connect_bot(inbox=inbox, bot=bot)
        # Chatwoot answers an empty 200 (``head :ok``).
        return Response()
