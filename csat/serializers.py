"""CSAT wire shapes: Chatwoot's survey response, its figures and filters,
and the public survey of the survey page."""

from typing import Any

from rest_framework import serializers

from accounts.models import User
from accounts.serializers import avatar_url, id_field
from common.fields import EpochField, IsoTimestampField
from contacts.serializers import ContactSerializer
from conversations.answers import CsatResponseSerializer
from conversations.models import Message
from conversations.serializers import MomentField
from csat.models import CsatSurveyResponse

PAGE_SIZE = 25  # Chatwoot's RESULTS_PER_PAGE


class SurveyAgentSerializer(serializers.ModelSerializer):
    """The agent a response credits, as Chatwoot's agent partial names them."""

    thumbnail = serializers.CharField(source="avatar_url")

    class Meta:
        model = User
        fields = ["id", "name", "available_name", "email", "thumbnail"]


class CsatSurveyResponseSerializer(serializers.ModelSerializer):
    """Chatwoot's ``csat_survey_response``: ``conversation_id`` is the
    conversation's display id, ``created_at`` epoch seconds."""

    contact = ContactSerializer()
    conversation_id = serializers.IntegerField(source="conversation.display_id")
    assigned_agent = SurveyAgentSerializer(allow_null=True)
    created_at = EpochField()

    class Meta:
        model = CsatSurveyResponse
        fields = [
            "id",
            "rating",
            "feedback_message",
            "account_id",
            "message_id",
            "contact",
            "conversation_id",
            "assigned_agent",
            "created_at",
        ]


class CsatFilterSerializer(serializers.Serializer):
    """Chatwoot's filters of ``csat_survey_responses`` (``user_ids[]``,
    ``rating`` one or many, times as epoch seconds or ISO-8601)."""

    since = MomentField(required=False)
    until = MomentField(required=False)
    user_ids = serializers.ListField(child=id_field(), required=False, max_length=100)
    inbox_id = id_field(required=False)
    team_id = id_field(required=False)
    rating = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=5),
        required=False,
        max_length=5,
    )
    page = serializers.IntegerField(min_value=1, max_value=100_000, default=1)

    def to_internal_value(self, data: Any) -> dict:
        if hasattr(data, "getlist"):
            lists = {
                "user_ids": data.getlist("user_ids[]") or data.getlist("user_ids"),
                "rating": data.getlist("rating[]") or data.getlist("rating"),
            }
            data = {key: data.get(key) for key in data if not key.endswith("[]")}
            data.update({key: value for key, value in lists.items() if value})
            # ``user_ids=3,4`` and ``rating=4,5`` as one value each.
            for key in lists:
                value = data.get(key)
                if isinstance(value, list) and len(value) == 1 and "," in value[0]:
                    data[key] = value[0].split(",")
        return super().to_internal_value(data)


class CsatMetricsSerializer(serializers.Serializer):
    """Chatwoot's ``metrics``, with ``response_rate`` (a percentage)."""

    total_count = serializers.IntegerField()
    ratings_count = serializers.DictField(child=serializers.IntegerField())
    total_sent_messages_count = serializers.IntegerField()
    response_rate = serializers.FloatField()


class PublicSurveySerializer(serializers.ModelSerializer):
    """The survey the survey page shows: the question, its display, the
    answer given (null before one), the inbox's name and avatar."""

    csat_survey_response = serializers.SerializerMethodField()
    display_type = serializers.SerializerMethodField()
    conversation_id = serializers.IntegerField(source="conversation.display_id")
    inbox_name = serializers.CharField(source="conversation.inbox.name")
    inbox_avatar_url = serializers.SerializerMethodField()
    locale = serializers.SerializerMethodField()
    created_at = IsoTimestampField()

    class Meta:
        model = Message
        fields = [
            "id",
            "content",
            "display_type",
            "csat_survey_response",
            "conversation_id",
            "inbox_name",
            "inbox_avatar_url",
            "locale",
            "created_at",
        ]

    def get_csat_survey_response(self, message: Message) -> dict | None:
        values = message.content_attributes.get("submitted_values")
        if isinstance(values, dict):
            return values.get("csat_survey_response")
        return None

    def get_display_type(self, message: Message) -> str:
        return message.content_attributes.get("display_type") or "emoji"

    def get_inbox_avatar_url(self, message: Message) -> str:
        return avatar_url(message.conversation.inbox, self.context.get("request"))

    def get_locale(self, message: Message) -> str:
        return message.conversation.inbox.locale


class SurveyAnswerValuesSerializer(serializers.Serializer):
    csat_survey_response = CsatResponseSerializer()


class SurveyAnswerMessageSerializer(serializers.Serializer):
    submitted_values = SurveyAnswerValuesSerializer()


class SurveyAnswerSerializer(serializers.Serializer):
    """Chatwoot's ``PUT csat_survey/<uuid>`` body:
    ``{"message": {"submitted_values": {"csat_survey_response": {"rating",
    "feedback_message"}}}}``."""

    message = SurveyAnswerMessageSerializer()
