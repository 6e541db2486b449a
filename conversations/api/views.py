"""Application API: conversations, their messages, labels and assignments."""

from collections.abc import Mapping

from django.http import JsonResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    PolymorphicProxySerializer,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import selectors as account_selectors
from accounts.serializers import AgentSerializer, TeamSerializer
from api.permissions import (
    ANY_MEMBER,
    ROLES,
    AccountScopedMixin,
    IsAdministrator,
    Need,
    needs_of,
)
from api.views import BaseAPIView, ContactPresenceMixin
from collaboration import capabilities
from collaboration import services as collaboration_services
from collaboration.serializers import (
    ConversationWithCapabilitiesSerializer,
    MemberConversationSerializer,
    conversations_for,
)
from contacts import selectors as contact_selectors
from contacts.services import ContactConflictError
from conversations import editing, selectors, services, wrap_up
from conversations.models import Conversation, Message
from conversations.serializers import (
    AgentConversationSerializer,
    AssignmentSerializer,
    ConversationCreateSerializer,
    ConversationListQuerySerializer,
    ConversationUpdateSerializer,
    CustomAttributesSerializer,
    LabelsSerializer,
    MessageCreateSerializer,
    MessageEditSerializer,
    MessageListMetaSerializer,
    MessageListQuerySerializer,
    MessageRevisionSerializer,
    MessageSerializer,
    PrioritySerializer,
    ToggleStatusSerializer,
    TypingSerializer,
)

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
            {"meta": COUNTS, "payload": AgentConversationSerializer(many=True)},
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


ASSIGNMENT_FIELDS = frozenset({"assignee_id", "team_id"})


def update_need(request: Request) -> Need:
    """What a conversation's PATCH needs: ``update_attributes`` for its
    priority and custom attributes (and for nothing given), ``transfer`` for
    its assignee and team."""
    fields = set(request.data) if isinstance(request.data, Mapping) else set()
    needs: tuple[str, ...] = ()
    if not fields or fields - ASSIGNMENT_FIELDS:
        needs += (capabilities.UPDATE_ATTRIBUTES,)
    if fields & ASSIGNMENT_FIELDS:
        needs += (capabilities.TRANSFER,)
    return needs


def message_need(request: Request) -> Need:
    """What a new message needs: ``add_note`` for a private note (read as the
    serializer reads ``private``), ``send_message`` for anything else."""
    data = request.data
    private = data.get("private") if isinstance(data, Mapping) else None
    try:
        is_note = serializers.BooleanField().to_internal_value(private)
    except ValidationError:
        is_note = False
    return capabilities.ADD_NOTE if is_note else capabilities.SEND_MESSAGE


class ConversationMixin(ContactPresenceMixin, AccountScopedMixin):
    serializer_class = MemberConversationSerializer

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["membership"] = self.membership
        return context

    def get_conversation(self) -> Conversation:
        """The conversation in the URL, looked up once per request."""
        if not hasattr(self, "_conversation"):
            self._conversation = selectors.get_conversation(
                membership=self.membership, display_id=self.kwargs["conversation_id"]
            )
        return self._conversation

    def require(self, capability: str) -> None:
        """Refuse (403 naming it) unless the caller has ``capability`` now:
        the gate asks it for the capabilities the view declares."""
        capabilities.require(
            conversation=self.get_conversation(),
            membership=self.membership,
            capability=capability,
        )

    def operation_name(self) -> str:
        """What this write is called when it is refused (``operation.failed``):
        the capability it needs, unless the view says better."""
        needs = [need for need in needs_of(self, self.request) if need not in ROLES]
        return needs[-1] if needs else self.request.method.lower()

    def report_refusal(self, *, code: str, message: str) -> None:
        """Tell the caller on their own stream that this write on the
        conversation was refused (``api.exceptions`` asks, for every refusal);
        nothing when the conversation was never found."""
        conversation = getattr(self, "_conversation", None)
        if conversation is None:
            return
        collaboration_services.report_failure(
            user=self.request.user,
            conversation=conversation,
            operation=self.operation_name(),
            code=code,
            reason=message,
        )

    def conversation_response(self, conversation: Conversation) -> Response:
        """The conversation with what the caller may do with it now."""
        context = {**self.get_serializer_context(), "membership": self.membership}
        return Response(
            ConversationWithCapabilitiesSerializer(conversation, context=context).data
        )

    def assignee_for(self, inbox, user_id: int | None):
        """The user to assign, refusing anyone who cannot work the inbox."""
        if user_id is None:
            return None
        assignee = selectors.get_assignable_agent(inbox=inbox, user_id=user_id)
        if assignee is None:
            raise ValidationError(
                {"assignee_id": _("Not an agent with access to this inbox.")}
            )
        return assignee

    def team_for(self, team_id: int | None):
        """The account's team, refusing another account's."""
        if team_id is None:
            return None
        teams = account_selectors.account_teams(account=self.account)
        team = teams.filter(pk=team_id).first()
        if team is None:
            raise ValidationError({"team_id": _("No such team in this account.")})
        return team

    def assign(self, conversation: Conversation, data: dict) -> dict:
        """Apply ``assignee_id`` and ``team_id`` of ``data``, each when given;
        the changes made (``assignee``, ``team``); the view declares
        ``transfer``."""
        # Check both before changing either, so a bad request changes nothing.
        changes = {}
        if "assignee_id" in data:
            changes["assignee"] = self.assignee_for(
                conversation.inbox, data["assignee_id"]
            )
        if "team_id" in data:
            changes["team"] = self.team_for(data["team_id"])
        if changes:
            conversation = collaboration_services.assign_conversation(
                conversation=conversation,
                actor=self.request.user,
                seen_assignee_id=conversation.assignee_id,
                **changes,
            )
        self._conversation = conversation
        return changes


### Conversations


class ConversationListView(ConversationMixin, BaseAPIView):
    """The conversations the caller sees, filtered and counted; open a new one."""

    # A new conversation has no capabilities yet: the inbox lookup refuses
    # anyone who does not work the inbox.
    capability = ANY_MEMBER

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
            rows = selectors.conversation_page(
                rows, page=query["page"], sort_by=query["sort_by"]
            )
        else:
            rows = selectors.sort_conversations(rows, sort_by=query["sort_by"])
        payload = conversations_for(
            rows, membership=self.membership, context=self.get_serializer_context()
        )
        return Response({"data": {"meta": counts, "payload": payload}})

    @extend_schema(
        request=ConversationCreateSerializer,
        responses={200: AgentConversationSerializer},
    )
    def post(self, request, account_id: int):
        data = self.validated(ConversationCreateSerializer)
        inbox = account_selectors.get_inbox(
            membership=self.membership, inbox_id=data.pop("inbox_id")
        )
        if "contact_id" in data:
            contact = contact_selectors.get_contact(
                account=self.account, contact_id=data.pop("contact_id")
            )
        else:
            contact = contact_selectors.get_contact_session(
                inbox=inbox, source_id=data["source_id"]
            ).contact
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
        return Response(self.get_serializer(conversation).data)


class ConversationMetaView(ConversationMixin, BaseAPIView):
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


class ConversationDetailView(ConversationMixin, BaseAPIView):
    """One conversation by display id, with what the caller may do with it now
    (``capabilities``); change its priority or custom attributes."""

    serializer_class = ConversationWithCapabilitiesSerializer
    capability = update_need

    def operation_name(self) -> str:
        """Chatwoot's SDKs assign through PATCH: then it is an assignment."""
        if capabilities.TRANSFER in needs_of(self, self.request):
            return "assign"
        return capabilities.UPDATE_ATTRIBUTES

    def get(self, request, account_id: int, conversation_id: int):
        return self.conversation_response(self.get_conversation())

    @extend_schema(request=ConversationUpdateSerializer)
    def patch(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(ConversationUpdateSerializer)
        if not data:
            raise ValidationError(
                _("Give priority, custom_attributes, assignee_id or team_id.")
            )
        if "custom_attributes" in data:
            # Refused values change nothing, the assignment neither.
            data["custom_attributes"] = services.check_conversation_attributes(
                conversation.account_id, data["custom_attributes"]
            )
        # Chatwoot's SDKs assign through PATCH too.
        assignment = {
            name: data.pop(name) for name in ("assignee_id", "team_id") if name in data
        }
        self.assign(conversation, assignment)
        conversation = self.get_conversation()
        if data:
            conversation = services.update_conversation(
                conversation=conversation, **data
            )
        return self.conversation_response(conversation)


class ToggleStatusView(ConversationMixin, BaseAPIView):
    """Set the status (no status: open <-> resolved; snoozed_until snoozes)."""

    serializer_class = ToggleStatusSerializer
    capability = capabilities.RESOLVE

    @extend_schema(request=ToggleStatusSerializer, responses=STATUS_RESULT)
    def post(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(ToggleStatusSerializer)
        snoozed_until = data.get("snoozed_until")
        new_status = data.get("status")
        if new_status is None and snoozed_until is not None:
            new_status = Conversation.Status.SNOOZED
        if new_status is None and conversation.status != Conversation.Status.RESOLVED:
            new_status = Conversation.Status.RESOLVED
        if new_status == Conversation.Status.RESOLVED:
            conversation = wrap_up.resolve_conversation(
                conversation=conversation,
                actor=request.user,
                by=self.membership,
                **data.get("wrap_up", {}),
            )
        elif "wrap_up" in data:
            raise ValidationError({"wrap_up": _("A wrap-up comes with a resolve.")})
        else:
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


class TogglePriorityView(ConversationMixin, BaseAPIView):
    """Set the conversation's priority; Chatwoot answers an empty 200."""

    serializer_class = PrioritySerializer
    capability = capabilities.UPDATE_ATTRIBUTES

    @extend_schema(request=PrioritySerializer, responses={200: None})
    def post(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(PrioritySerializer)
        services.update_conversation(conversation=conversation, **data)
        return Response()


class MuteView(ConversationMixin, BaseAPIView):
    """Mute the conversation (it is resolved too); Chatwoot answers an empty
    200."""

    capability = capabilities.RESOLVE

    @extend_schema(request=None, responses={200: None})
    def post(self, request, account_id: int, conversation_id: int):
        services.mute_conversation(
            conversation=self.get_conversation(), by=request.user
        )
        return Response()


class UnmuteView(ConversationMixin, BaseAPIView):
    """Unmute the conversation; Chatwoot answers an empty 200."""

    capability = capabilities.RESOLVE

    @extend_schema(request=None, responses={200: None})
    def post(self, request, account_id: int, conversation_id: int):
        services.unmute_conversation(
            conversation=self.get_conversation(), by=request.user
        )
        return Response()


class ToggleTypingView(ConversationMixin, BaseAPIView):
    """Tell the conversation's others that the agent types (or stopped)."""

    serializer_class = TypingSerializer
    capability = capabilities.TYPING

    @extend_schema(request=TypingSerializer, responses={200: None})
    def post(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(TypingSerializer)
        services.set_typing(
            conversation=conversation,
            actor=request.user,
            is_typing=data["typing_status"] == "on",
            is_private=data["is_private"],
        )
        return Response()


class UpdateLastSeenView(ConversationMixin, BaseAPIView):
    """Mark the conversation read by the agent (clears its unread count)."""

    serializer_class = ConversationWithCapabilitiesSerializer
    # The caller's own read state: any member who sees the conversation.
    capability = ANY_MEMBER

    @extend_schema(request=None)
    def post(self, request, account_id: int, conversation_id: int):
        conversation = services.mark_seen_by_agent(
            conversation=self.get_conversation(), user=request.user
        )
        return self.conversation_response(conversation)


class AssignmentView(ConversationMixin, BaseAPIView):
    """Assign an agent and/or a team; null unassigns."""

    capability = capabilities.TRANSFER

    def operation_name(self) -> str:
        """Told as an assignment, not a transfer (no handoff note)."""
        return "assign"

    @extend_schema(
        request=AssignmentSerializer,
        responses=PolymorphicProxySerializer(
            "Assignee",
            serializers=[AgentSerializer, TeamSerializer],
            resource_type_field_name=None,
            allow_null=True,
        ),
    )
    def post(self, request, account_id: int, conversation_id: int):
        data = self.validated(AssignmentSerializer)
        changes = self.assign(self.get_conversation(), data)
        # Chatwoot answers with the assigned agent, else the team, else null.
        if changes.get("assignee") is not None:
            membership = account_selectors.get_agent(
                account=self.account, user_id=changes["assignee"].pk
            )
            return Response(AgentSerializer(membership).data)
        if changes.get("team") is not None and "assignee" not in changes:
            team_ids = account_selectors.team_ids_of(
                user=request.user, account=self.account
            )
            team = TeamSerializer(
                changes["team"], context={"team_ids_of_user": team_ids}
            )
            return Response(team.data)
        return JsonResponse(None, safe=False)


class LabelsView(ConversationMixin, BaseAPIView):
    """A conversation's labels; POST replaces them."""

    serializer_class = LabelsSerializer
    capability = capabilities.UPDATE_ATTRIBUTES

    @extend_schema(responses=LABEL_LIST)
    def get(self, request, account_id: int, conversation_id: int):
        labels = self.get_conversation().labels.values_list("title", flat=True)
        return Response({"payload": list(labels)})

    @extend_schema(request=LabelsSerializer, responses=LABEL_LIST)
    def post(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(LabelsSerializer)
        titles = services.set_labels(
            conversation=conversation, labels=data["labels"], by=self.membership
        )
        return Response({"payload": titles})


class CustomAttributesView(ConversationMixin, BaseAPIView):
    """Replace the conversation's custom attributes."""

    serializer_class = CustomAttributesSerializer
    capability = capabilities.UPDATE_ATTRIBUTES

    @extend_schema(
        request=CustomAttributesSerializer, responses=CustomAttributesSerializer
    )
    def post(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(CustomAttributesSerializer)
        conversation = services.set_custom_attributes(
            conversation=conversation, custom_attributes=data["custom_attributes"]
        )
        return Response({"custom_attributes": conversation.custom_attributes})


### Messages


class MessageListView(ConversationMixin, BaseAPIView):
    """Messages of a conversation (notes and activity included); send one."""

    serializer_class = MessageSerializer
    capability = message_need

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
        responses={200: MessageSerializer},
    )
    def post(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(MessageCreateSerializer)
        incoming = data["message_type"] == Message.MessageType.INCOMING
        if incoming and (not conversation.inbox.is_api or data["private"]):
            # As Chatwoot: only an API inbox relays a contact's messages, written
            # by an integrator; whoever asks, the body is wrong for this inbox.
            raise ValidationError(
                {"message_type": _("Incoming messages are for API inboxes, not notes.")}
            )
        may_reopen = True
        if incoming:
            # Reopening is a change of status: only for who may make one.
            may_reopen = capabilities.RESOLVE in capabilities.capabilities_of(
                conversation=conversation, membership=self.membership
            )
            if not may_reopen and services.reopens(
                conversation=conversation,
                message_type=data["message_type"],
                content_type=data["content_type"],
            ):
                raise capabilities.CapabilityMissing(capabilities.RESOLVE)
        message = services.create_message(
            conversation=conversation,
            sender=conversation.contact if incoming else request.user,
            may_reopen=may_reopen,
            **data,
        )
        return Response(self.get_serializer(message).data)


class MessageDetailView(ConversationMixin, BaseAPIView):
    """Edit the caller's own message, or delete a message (soft, as Chatwoot):
    ``conversations.editing`` says who may."""

    serializer_class = MessageSerializer
    # Editing has its own rule (``conversations.editing``), checked in the handler.
    capability = ANY_MEMBER

    def operation_name(self) -> str:
        """``edit_message`` or ``delete_message``."""
        return "edit_message" if self.request.method == "PATCH" else "delete_message"

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["contact_inbox"] = self.get_conversation().contact_inbox
        return context

    def get_message(self) -> Message:
        return selectors.get_message(
            conversation=self.get_conversation(), message_id=self.kwargs["message_id"]
        )

    @extend_schema(request=MessageEditSerializer, responses={200: MessageSerializer})
    def patch(self, request, account_id: int, conversation_id: int, message_id: int):
        data = self.validated(MessageEditSerializer)
        message = editing.edit_message(
            message=self.get_message(), membership=self.membership, **data
        )
        return Response(self.get_serializer(message).data)

    def delete(self, request, account_id: int, conversation_id: int, message_id: int):
        message = editing.delete_message(
            message=self.get_message(), membership=self.membership
        )
        return Response(self.get_serializer(message).data)


class MessageRevisionsView(ConversationMixin, BaseAPIView):
    """A message's edits and deletes with what it said before: administrators only."""

    permission_classes = [IsAdministrator]
    serializer_class = MessageRevisionSerializer

    @extend_schema(
        responses=inline_serializer(
            "MessageRevisionList", {"payload": MessageRevisionSerializer(many=True)}
        )
    )
    def get(self, request, account_id: int, conversation_id: int, message_id: int):
        message = selectors.get_message(
            conversation=self.get_conversation(), message_id=message_id
        )
        revisions = selectors.message_revisions(message=message)
        context = {**self.get_serializer_context(), "account_id": account_id}
        return Response(
            {
                "payload": MessageRevisionSerializer(
                    revisions, many=True, context=context
                ).data
            }
        )
