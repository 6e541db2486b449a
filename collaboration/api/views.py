"""Application API views of participants, invite, consult, leave, transfer and
capabilities (under ``accounts/<id>/conversations/<id>/``).

The participants endpoints keep the reference's paths and shapes: a JSON array
of agents, ``{user_ids: [...]}`` to add (POST), to match (PATCH) or to remove
(DELETE, answered with an empty 200).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from api.views import BaseAPIView
from collaboration import capabilities, selectors, services
from collaboration.serializers import (
    CapabilitiesSerializer,
    ConsultSerializer,
    ConversationWithCapabilitiesSerializer,
    ParticipantIdsSerializer,
    ParticipantSerializer,
    TransferSerializer,
)
from conversations.api.views import ConversationMixin


class CollaborationView(ConversationMixin, BaseAPIView):
    serializer_class = ParticipantSerializer

    def candidates(self, user_ids: list[int], field: str = "user_ids") -> list:
        """The users to bring in, refusing anyone who cannot work the inbox."""
        return selectors.get_candidates(
            conversation=self.get_conversation(), user_ids=user_ids, field=field
        )

    def participants_response(self) -> Response:
        rows = selectors.participant_memberships(conversation=self.get_conversation())
        return Response(self.get_serializer(rows, many=True).data)


class ParticipantsView(CollaborationView):
    """The agents taking part beside the assignee; add, match or remove them."""

    capability = capabilities.INVITE

    @extend_schema(responses=ParticipantSerializer(many=True))
    def get(self, request, account_id: int, conversation_id: int):
        return self.participants_response()

    @extend_schema(
        request=ParticipantIdsSerializer, responses=ParticipantSerializer(many=True)
    )
    def post(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(ParticipantIdsSerializer)
        services.invite_agents(
            conversation=conversation,
            users=self.candidates(data["user_ids"]),
            actor=request.user,
        )
        return self.participants_response()

    @extend_schema(
        request=ParticipantIdsSerializer, responses=ParticipantSerializer(many=True)
    )
    def patch(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(ParticipantIdsSerializer)
        services.set_participants(
            conversation=conversation,
            users=self.candidates(data["user_ids"]),
            actor=request.user,
        )
        return self.participants_response()

    @extend_schema(request=ParticipantIdsSerializer, responses={200: None})
    def delete(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(ParticipantIdsSerializer)
        services.remove_participants(
            conversation=conversation,
            users=self.candidates(data["user_ids"]),
        )
        return Response(status=status.HTTP_200_OK)


class ConsultView(CollaborationView):
    """Bring an agent in privately (notes only), with an optional note."""

    capability = capabilities.CONSULT

    @extend_schema(
        request=ConsultSerializer, responses=ParticipantSerializer(many=True)
    )
    def post(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(ConsultSerializer)
        [user] = self.candidates([data["user_id"]], field="user_id")
        services.consult_agent(
            conversation=conversation,
            user=user,
            actor=request.user,
            note=data["note"],
        )
        return self.participants_response()


class LeaveView(CollaborationView):
    """The caller stops taking part in the conversation."""

    capability = capabilities.LEAVE

    @extend_schema(request=None, responses=ParticipantSerializer(many=True))
    def post(self, request, account_id: int, conversation_id: int):
        services.leave_conversation(
            conversation=self.get_conversation(), user=request.user
        )
        return self.participants_response()


class TransferView(CollaborationView):
    """Hand the conversation to an agent and/or a team with a handoff note."""

    serializer_class = ConversationWithCapabilitiesSerializer
    capability = capabilities.TRANSFER

    @extend_schema(request=TransferSerializer)
    def post(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        data = self.validated(TransferSerializer)
        conversation = services.transfer_conversation(
            conversation=conversation,
            actor=request.user,
            seen_assignee_id=conversation.assignee_id,
            assignee=self.assignee_for(conversation.inbox, data.get("assignee_id")),
            team=self.team_for(data.get("team_id")),
            note=data["note"],
        )
        return self.conversation_response(conversation)


class CapabilitiesView(CollaborationView):
    """What the caller may do with the conversation now."""

    serializer_class = CapabilitiesSerializer

    def get(self, request, account_id: int, conversation_id: int):
        conversation = self.get_conversation()
        return Response(
            {
                "conversation_id": conversation.display_id,
                "capabilities": capabilities.capabilities_of(
                    conversation=conversation, membership=self.membership
                ),
            }
        )
