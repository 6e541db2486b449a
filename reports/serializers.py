"""The reports' query parameters and wire shapes (Chatwoot's v2 reports)."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from reports.models import ReportingEvent
from reports.selectors import DIMENSIONS, METRICS, TRUNCATE

# A range longer than this is refused: a day bucket for each of ~2 years.
LONGEST_RANGE = timedelta(days=732)
DEFAULT_RANGE = timedelta(days=7)
# 2100-01-01: later unix times are refused.
LATEST = 4_102_444_800


class RangeSerializer(serializers.Serializer):
    """since/until (unix seconds, until excluded; the last 7 days unless
    given), type and id of what is reported on, business_hours, and
    timezone_offset (hours east of UTC; the account's time zone unless given)."""

    since = serializers.IntegerField(required=False, min_value=0, max_value=LATEST)
    until = serializers.IntegerField(required=False, min_value=1, max_value=LATEST)
    type = serializers.ChoiceField(choices=DIMENSIONS, default="account")
    id = serializers.IntegerField(required=False, min_value=1)
    business_hours = serializers.BooleanField(default=False)
    timezone_offset = serializers.FloatField(
        required=False, min_value=-12, max_value=14
    )

    def validate(self, attrs: dict) -> dict:
        until = attrs.get("until")
        end = timezone.now() if until is None else datetime.fromtimestamp(until, tz=UTC)
        since = attrs.get("since")
        start = (
            end - DEFAULT_RANGE
            if since is None
            else datetime.fromtimestamp(since, tz=UTC)
        )
        if start >= end:
            raise serializers.ValidationError({"since": _("Must be before until.")})
        if end - start > LONGEST_RANGE:
            raise serializers.ValidationError(
                {"since": _("The range may span at most two years.")}
            )
        if attrs["type"] != "account" and "id" not in attrs:
            raise serializers.ValidationError(
                {"id": _("Give the id of the agent, inbox, label or team.")}
            )
        attrs["start"], attrs["end"] = start, end
        return attrs


class TimeseriesSerializer(RangeSerializer):
    metric = serializers.ChoiceField(
        choices=sorted(METRICS), default="conversations_count"
    )
    group_by = serializers.ChoiceField(choices=sorted(TRUNCATE), default="day")


class LiveSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=("account", "agent"), default="account")


class PointSerializer(serializers.Serializer):
    value = serializers.FloatField()
    timestamp = serializers.IntegerField()
    count = serializers.IntegerField(required=False)


class FiguresSerializer(serializers.Serializer):
    conversations_count = serializers.IntegerField()
    incoming_messages_count = serializers.IntegerField()
    outgoing_messages_count = serializers.IntegerField()
    avg_first_response_time = serializers.FloatField()
    avg_resolution_time = serializers.FloatField()
    reply_time = serializers.FloatField()
    avg_queue_wait_time = serializers.FloatField()
    resolutions_count = serializers.IntegerField()
    reopens_count = serializers.IntegerField()
    handoffs_count = serializers.IntegerField()


class SummarySerializer(FiguresSerializer):
    previous = FiguresSerializer()


class MemberSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    conversations_count = serializers.IntegerField()
    resolved_conversations_count = serializers.IntegerField()
    avg_resolution_time = serializers.FloatField()
    avg_first_response_time = serializers.FloatField()
    avg_reply_time = serializers.FloatField()


class AgentsOnlineSerializer(serializers.Serializer):
    online = serializers.IntegerField()
    busy = serializers.IntegerField()
    offline = serializers.IntegerField()


class LiveOverviewSerializer(serializers.Serializer):
    open = serializers.IntegerField()
    unattended = serializers.IntegerField()
    unassigned = serializers.IntegerField()
    pending = serializers.IntegerField()
    waiting = serializers.IntegerField()
    agents = AgentsOnlineSerializer()


class AgentLoadSerializer(serializers.Serializer):
    open = serializers.IntegerField()
    unattended = serializers.IntegerField()


class LiveAgentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.CharField()
    thumbnail = serializers.CharField()
    availability = serializers.CharField()
    metric = AgentLoadSerializer()


class ReportingEventQuerySerializer(serializers.Serializer):
    """``reporting_events``' filters: page (25 a page), since/until (unix
    seconds), inbox_id, user_id and the event's name."""

    page = serializers.IntegerField(required=False, min_value=1, default=1)
    since = serializers.IntegerField(required=False, min_value=0, max_value=LATEST)
    until = serializers.IntegerField(required=False, min_value=0, max_value=LATEST)
    inbox_id = serializers.IntegerField(required=False, min_value=1)
    user_id = serializers.IntegerField(required=False, min_value=1)
    name = serializers.ChoiceField(choices=ReportingEvent.Name.choices, required=False)


class ReportingEventSerializer(serializers.ModelSerializer):
    """Chatwoot's ``reporting_event``."""

    conversation_id = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField(source="created_at")

    class Meta:
        model = ReportingEvent
        fields = [
            "id",
            "name",
            "value",
            "value_in_business_hours",
            "event_start_time",
            "event_end_time",
            "account_id",
            "conversation_id",
            "inbox_id",
            "user_id",
            "created_at",
            "updated_at",
        ]

    def get_conversation_id(self, event: ReportingEvent) -> int | None:
        # The conversation's number in the account, as every other path names it.
        conversation = event.conversation
        return conversation.display_id if conversation else None
