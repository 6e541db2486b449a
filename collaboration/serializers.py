"""Wire shapes of participants, transfers and capabilities."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from accounts.serializers import AgentSerializer, id_field
from collaboration.capabilities import capabilities_of
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


class ConversationWithCapabilitiesSerializer(AgentConversationSerializer):
    """A conversation as one agent reads it, with what they may do with it now
    (``capabilities``; the ``membership`` of the context decides)."""

    capabilities = serializers.SerializerMethodField()

    class Meta(AgentConversationSerializer.Meta):
        fields = [*AgentConversationSerializer.Meta.fields, "capabilities"]

    def get_capabilities(self, conversation: Conversation) -> list[str]:
        return capabilities_of(
            conversation=conversation, membership=self.context["membership"]
        )
