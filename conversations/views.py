"""Application API: conversations, their messages, labels and assignments."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from contacts import selectors as contact_selectors
from contacts.services import ContactConflictError
from conversations import selectors, services
from conversations.models import Conversation, Message
from conversations.serializers import (
    AssignmentSerializer,
    ConversationCreateSerializer,
    ConversationListQuerySerializer,
    ConversationSerializer,
    ConversationUpdateSerializer,
    LabelsSerializer,
    MessageCreateSerializer,
    MessageListMetaSerializer,
    MessageListQuerySerializer,
    MessageSerializer,
    ToggleStatusSerializer,
    TypingSerializer,
)
from onechat import selectors as account_selectors
from onechat.permissions import AccountScopedMixin

COUNTS = inline_serializer(
    "ConversationCounts",
    {
        name: serializers.IntegerField()
        for name in ("mine_count", "assigned_count", "unassigned_count", "all_count")
    },
)
CONVERSATION_LIST = inline_serializer(
    "ConversationList",
    {
        "data": inline_serializer(
            "ConversationListData",
            {"meta": COUNTS, "payload": ConversationSerializer(many=True)},
        )
    },
)
MESSAGE_LIST = inline_serializer(
    "MessageList",
    {"meta": MessageListMetaSerializer(), "payload": MessageSerializer(many=True)},
)
LABEL_LIST = inline_serializer(
    "LabelList", {"payload": serializers.ListField(child=serializers.CharField())}
)
STATUS_RESULT = inline_serializer(
    "ToggleStatusResult",
    {
        "meta": inline_serializer("ToggleStatusMeta", {}),
        "payload": inline_serializer(
            "ToggleStatusPayload",
            {
                "success": serializers.BooleanField(),
                "current_status": serializers.CharField(),
                "conversation_id": serializers.IntegerField(),
                "snoozed_until": serializers.IntegerField(allow_null=True),
            },
        ),
    },
)


def query_of(serializer_class, request) -> dict:
    """Validate a request's query string with ``serializer_class``."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def list_filters(query: dict) -> selectors.ConversationFilters:
    """The list filters a validated ``ConversationListQuerySerializer`` asks for."""
    return selectors.ConversationFilters(
        # A catch-up window wants every change, resolved ones included.
        status=query.get("status", None if "updated_within" in query else "open"),
        inbox_id=query.get("inbox_id"),
        team_id=query.get("team_id"),
        labels=tuple(query.get("labels", ())),
        q=query.get("q", ""),
        updated_within=query.get("updated_within"),
    )


class ConversationMixin(AccountScopedMixin):
    serializer_class = ConversationSerializer

    def get_conversation(self) -> Conversation:
        """The conversation in the URL, looked up once per request."""
        if not hasattr(self, "_conversation"):
            self._conversation = selectors.get_conversation(
                membership=self.membership, display_id=self.kwargs["conversation_id"]
            )
        return self._conversation

    def conversation_response(self, conversation: Conversation) -> Response:
        return Response(self.get_serializer(conversation).data)

    def validated(self, serializer_class, **kwargs) -> dict:
        serializer = serializer_class(data=self.request.data, **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def assignee_for(self, inbox, user_id: int | None):
        """The user to assign, refusing anyone who cannot work the inbox."""
        if user_id is None:
            return None
        assignee = selectors.get_assignable_agent(inbox=inbox, user_id=user_id)
        if assignee is None:
            raise ValidationError(
                {"assignee_id": "Not an agent with access to this inbox."}
            )
        return assignee

    def team_for(self, team_id: int | None):
        """The account's team, refusing another account's."""
        if team_id is None:
            return None
        teams = account_selectors.account_teams(account=self.account)
        team = teams.filter(pk=team_id).first()
        if team is None:
            raise ValidationError({"team_id": "No such team in this account."})
        return team


### Conversations


class ConversationListView(ConversationMixin, generics.GenericAPIView):
    """The conversations the caller sees, filtered and counted; open a new one."""

    @extend_schema(
        operation_id="conversations_list",
        parameters=[ConversationListQuerySerializer],
        responses=CONVERSATION_LIST,
    )
    def get(self, request, account_id: int):
        query = query_of(ConversationListQuerySerializer, request)
        filters = list_filters(query)
        matching = selectors.filter_conversations(
            membership=self.membership, filters=filters
        )
        counts = selectors.conversation_counts(matching, user_id=request.user.pk)
        rows = selectors.by_assignee_type(
            matching, assignee_type=query["assignee_type"], user_id=request.user.pk
        )
        rows = selectors.with_list_data(rows)
        if filters.updated_within is None:
            rows = selectors.conversation_page(rows, page=query["page"])
        else:
            rows = rows.order_by("-last_activity_at", "-id")
        payload = self.get_serializer(rows, many=True).data
        return Response({"data": {"meta": counts, "payload": payload}})

    @extend_schema(
        request=ConversationCreateSerializer, responses={201: ConversationSerializer}
    )
    def post(self, request, account_id: int):
        data = self.validated(ConversationCreateSerializer)
        inbox = account_selectors.get_inbox(
            membership=self.membership, inbox_id=data.pop("inbox_id")
        )
        contact = contact_selectors.get_contact(
            account=self.account, contact_id=data.pop("contact_id")
        )
        assignee = self.assignee_for(inbox, data.pop("assignee_id", None))
        team = self.team_for(data.pop("team_id", None))
        try:
            conversation = services.start_conversation(
                inbox=inbox,
                contact=contact,
                assignee=assignee,
                team=team,
                sender=request.user,
                **data,
            )
        except ContactConflictError as error:
            raise ValidationError({"source_id": str(error)}) from error
        return Response(
            self.get_serializer(conversation).data, status=status.HTTP_201_CREATED
        )


class ConversationMetaView(ConversationMixin, generics.GenericAPIView):
    """The list's counts alone."""

    @extend_schema(
        parameters=[ConversationListQuerySerializer],
        responses=inline_serializer("ConversationMeta", {"meta": COUNTS}),
    )
    def get(self, request, account_id: int):
        query = query_of(ConversationListQuerySerializer, request)
        matching = selectors.filter_conversations(
            membership=self.membership, filters=list_filters(query)
        )
        counts = selectors.conversation_counts(matching, user_id=request.user.pk)
        return Response({"meta": counts})


class ConversationDetailView(ConversationMixin, generics.GenericAPIView):
    """One conversation by display id; change its priority or custom attributes."""

    def get(self, request, account_id: int, conversation_id: int):
        return self.conversation_response(self.get_conversation())

    @extend_schema(request=ConversationUpdateSerializer)
    def patch(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(ConversationUpdateSerializer)
        if not data:
            raise ValidationError("Give priority or custom_attributes.")
        conversation = services.update_conversation(conversation=conversation, **data)
        return self.conversation_response(conversation)


class ToggleStatusView(ConversationMixin, generics.GenericAPIView):
    """Set the status (no status: open <-> resolved; snoozed_until snoozes)."""

    serializer_class = ToggleStatusSerializer

    @extend_schema(request=ToggleStatusSerializer, responses=STATUS_RESULT)
    def post(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(ToggleStatusSerializer)
        snoozed_until = data.get("snoozed_until")
        new_status = data.get("status")
        if new_status is None and snoozed_until is not None:
            new_status = Conversation.Status.SNOOZED
        conversation = services.change_status(
            conversation=conversation,
            status=new_status,
            snoozed_until=snoozed_until,
            actor=request.user,
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


class ToggleTypingView(ConversationMixin, generics.GenericAPIView):
    """Tell the conversation's others that the agent types (or stopped)."""

    serializer_class = TypingSerializer

    @extend_schema(request=TypingSerializer, responses={204: None})
    def post(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(TypingSerializer)
        services.set_typing(
            conversation=conversation,
            actor=request.user,
            is_typing=data["typing_status"] == "on",
            is_private=data["is_private"],
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class UpdateLastSeenView(ConversationMixin, generics.GenericAPIView):
    """Mark the conversation read by the agent (clears its unread count)."""

    @extend_schema(request=None)
    def post(self, request, account_id: int, conversation_id: int):
        conversation = services.mark_seen_by_agent(
            conversation=self.get_conversation(), user=request.user
        )
        return self.conversation_response(conversation)


class AssignmentView(ConversationMixin, generics.GenericAPIView):
    """Assign an agent and/or a team; null unassigns."""

    @extend_schema(request=AssignmentSerializer)
    def post(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(AssignmentSerializer)
        # Check both before changing either, so a bad request changes nothing.
        changes = {}
        if "assignee_id" in data:
            changes["assignee"] = self.assignee_for(
                conversation.inbox, data["assignee_id"]
            )
        if "team_id" in data:
            changes["team"] = self.team_for(data["team_id"])
        if "assignee" in changes:
            conversation = services.assign_agent(
                conversation=conversation,
                assignee=changes["assignee"],
                actor=request.user,
            )
        if "team" in changes:
            conversation = services.assign_team(
                conversation=conversation, team=changes["team"], actor=request.user
            )
        return self.conversation_response(conversation)


class LabelsView(ConversationMixin, generics.GenericAPIView):
    """A conversation's labels; POST replaces them."""

    serializer_class = LabelsSerializer

    @extend_schema(responses=LABEL_LIST)
    def get(self, request, account_id: int, conversation_id: int):
        labels = self.get_conversation().labels.values_list("title", flat=True)
        return Response({"payload": list(labels)})

    @extend_schema(request=LabelsSerializer, responses=LABEL_LIST)
    def post(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(LabelsSerializer)
        titles = services.set_labels(conversation=conversation, labels=data["labels"])
        return Response({"payload": titles})


### Messages


class MessageListView(ConversationMixin, generics.GenericAPIView):
    """Messages of a conversation (notes and activity included); send one."""

    serializer_class = MessageSerializer

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["contact_inbox"] = self.get_conversation().contact_inbox
        return context

    @extend_schema(parameters=[MessageListQuerySerializer], responses=MESSAGE_LIST)
    def get(self, request, account_id: int, conversation_id: int):
        query = query_of(MessageListQuerySerializer, request)
        conversation = self.get_conversation()
        window = selectors.message_window(conversation.messages.all(), **query)
        context = {**self.get_serializer_context(), "has_more": window.has_more}
        return Response(
            {
                "meta": MessageListMetaSerializer(conversation, context=context).data,
                "payload": self.get_serializer(window.messages, many=True).data,
            }
        )

    @extend_schema(
        request={
            "application/json": MessageCreateSerializer,
            "multipart/form-data": MessageCreateSerializer,
        },
        responses={201: MessageSerializer},
    )
    def post(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(MessageCreateSerializer)
        incoming = data["message_type"] == Message.MessageType.INCOMING
        if incoming and (conversation.inbox.is_website or data["private"]):
            # Only an API inbox relays a contact's messages through agents' tokens.
            raise ValidationError(
                {"message_type": "Incoming messages are for API inboxes, not notes."}
            )
        message = services.create_message(
            conversation=conversation,
            sender=conversation.contact if incoming else request.user,
            **data,
        )
        return Response(
            self.get_serializer(message).data, status=status.HTTP_201_CREATED
        )


class MessageDetailView(ConversationMixin, generics.GenericAPIView):
    """Delete a message: its content is replaced and it is flagged deleted."""

    serializer_class = MessageSerializer

    def delete(self, request, account_id: int, conversation_id: int, message_id: int):
        message = selectors.get_message(
            conversation=self.get_conversation(), message_id=message_id
        )
        message = services.delete_message(message=message)
        return Response(self.get_serializer(message).data)
