"""Wire shapes of participants, transfers and capabilities."""

from collections.abc import Iterable

from django.utils.translation import gettext as _
from rest_framework import serializers

from accounts.models import AccountUser
from accounts.serializers import AgentSerializer, id_field
from collaboration.capabilities import can_reply, capabilities_of, participations_of
from collaboration.models import Participant
from conversations.models import Conversation
from conversations.serializers import AgentConversationSerializer


class ParticipantSerializer(AgentSerializer):
    """A participant in the agents endpoints' shape, with how they take part."""

    participant_type = serializers.ChoiceField(choices=Participant.Kind.choices)

    class Meta(AgentSerializer.Meta):
        fields = [*AgentSerializer.Meta.fields, "participant_type"]


class ParticipantIdsSerializer(serializers.Serializer):
    """``{user_ids: [...]}`` of the participants endpoints."""

    user_ids = serializers.ListField(child=id_field(), max_length=50)


class ConsultSerializer(serializers.Serializer):
    """``POST conversations/<id>/consult``: the agent to consult and a note."""

    user_id = id_field()
    note = serializers.CharField(
        max_length=10_000, required=False, default="", allow_blank=True
    )


class TransferSerializer(serializers.Serializer):
    """``POST conversations/<id>/transfer``: an agent and/or a team, a handoff note."""

    assignee_id = id_field(required=False)
    team_id = id_field(required=False)
    note = serializers.CharField(
        max_length=10_000, required=False, default="", allow_blank=True
    )

    def validate(self, attrs: dict) -> dict:
        if "assignee_id" not in attrs and "team_id" not in attrs:
            raise serializers.ValidationError(_("Give assignee_id or team_id."))
        return attrs


class CapabilitiesSerializer(serializers.Serializer):
    """What the signed-in agent may do with one conversation now."""

    conversation_id = serializers.IntegerField()
    capabilities = serializers.ListField(child=serializers.CharField())


class MemberConversationSerializer(AgentConversationSerializer):
    """A conversation as one agent reads it: ``can_reply`` says whether that
    agent may reply now (the ``membership`` of the context decides; a list
    brings the member's ``participations``, see ``conversations_for``)."""

    def get_can_reply(self, conversation: Conversation) -> bool:
        return can_reply(self.capabilities(conversation))

    def capabilities(self, conversation: Conversation) -> list[str]:
        """What the member may do with the conversation now (read once per
        conversation: ``can_reply`` and ``capabilities`` share it)."""
        known = self.__dict__.setdefault("_capabilities", {})
        if conversation.pk not in known:
            known[conversation.pk] = capabilities_of(
                conversation=conversation,
                membership=self.context["membership"],
                participations=self.context.get("participations"),
            )
        return known[conversation.pk]


def conversations_for(
    rows: Iterable[Conversation], *, membership: AccountUser, context: dict
) -> list[dict]:
    """The conversations ``rows`` as ``membership`` reads them, what the member
    takes part in loaded in one query."""
    rows = list(rows)
    participations = participations_of(
        conversation_ids=[row.pk for row in rows], user_id=membership.user_id
    )
    context = {**context, "membership": membership, "participations": participations}
    return MemberConversationSerializer(rows, many=True, context=context).data


class ConversationWithCapabilitiesSerializer(MemberConversationSerializer):
    """A conversation as one agent reads it, with what they may do with it now
    (``capabilities``; the ``membership`` of the context decides)."""

    capabilities = serializers.SerializerMethodField()

    class Meta(MemberConversationSerializer.Meta):
        fields = [*MemberConversationSerializer.Meta.fields, "capabilities"]

    def get_capabilities(self, conversation: Conversation) -> list[str]:
        return self.capabilities(conversation)
