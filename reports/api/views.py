"""Application API v2: Chatwoot's reports, for an account's administrators
(agents get 403): time series, summaries with the previous period, summaries
per agent, inbox, label or team (as JSON or CSV), and the live view."""

import math
from datetime import timedelta, timezone

from django.http import Http404, HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from api.permissions import AccountScopedMixin, IsAdministrator
from api.views import BaseAPIView
from conversations import selectors as conversation_selectors
from reports import exports, live, selectors
from reports.selectors import Scope
from reports.serializers import (
    LiveAgentSerializer,
    LiveOverviewSerializer,
    LiveSerializer,
    MemberSummarySerializer,
    PointSerializer,
    RangeSerializer,
    ReportingEventQuerySerializer,
    ReportingEventSerializer,
    SummarySerializer,
    TimeseriesSerializer,
)

# The CSV downloads, as Chatwoot names them (reports/agents ...).
PLURALS = {"agents": "agent", "inboxes": "inbox", "labels": "label", "teams": "team"}
SUMMARY_DIMENSIONS = ("agent", "inbox", "label", "team")
EVENTS_PER_PAGE = 25


class ReportMixin(AccountScopedMixin):
    permission_classes = [IsAdministrator]
    serializer_class = RangeSerializer

    def scope(self, data: dict) -> Scope:
        """The range and subject of the query parameters; 404 for an id
        that is not the account's."""
        dimension = data["type"]
        member_id = None if dimension == "account" else data["id"]
        if member_id is not None and not selectors.has_member(
            account=self.account, dimension=dimension, member_id=member_id
        ):
            raise NotFound()
        offset = data.get("timezone_offset")
        zone = (
            selectors.account_zone(self.account)
            if offset is None
            else timezone(timedelta(minutes=round(offset * 60)))
        )
        return Scope(
            account_id=self.account.pk,
            dimension=dimension,
            member_id=member_id,
            since=data["start"],
            until=data["end"],
            zone=zone,
            business_hours=data["business_hours"],
        )


class TimeseriesView(ReportMixin, BaseAPIView):
    """A metric over time: ``[{value, timestamp}]`` a bucket per day, week or
    month (averages in seconds, with the ``count`` they average)."""

    @extend_schema(
        parameters=[TimeseriesSerializer], responses=PointSerializer(many=True)
    )
    def get(self, request, account_id: int):
        data = self.validated(TimeseriesSerializer, data=request.query_params)
        return Response(
            selectors.timeseries(
                scope=self.scope(data), metric=data["metric"], group_by=data["group_by"]
            )
        )


class SummaryView(ReportMixin, BaseAPIView):
    """The range's counts and average times, and those of the period of the
    same length before it (``previous``)."""

    @extend_schema(parameters=[RangeSerializer], responses=SummarySerializer)
    def get(self, request, account_id: int):
        scope = self.scope(self.validated(RangeSerializer, data=request.query_params))
        figures = selectors.summary(scope)
        figures["previous"] = selectors.summary(scope.previous())
        return Response(figures)


class LiveView(ReportMixin, BaseAPIView):
    """Now: the account's open, unattended, unassigned, pending and waiting
    conversations and agents online (``type=agent``, the default on
    ``reports/conversations/`` as in Chatwoot: each agent's load)."""

    default_type = "account"

    @extend_schema(parameters=[LiveSerializer], responses=LiveOverviewSerializer)
    def get(self, request, account_id: int):
        query = {"type": self.default_type, **request.query_params.dict()}
        data = self.validated(LiveSerializer, data=query)
        if data["type"] == "agent":
            return Response(
                LiveAgentSerializer(live.agents(account=self.account), many=True).data
            )
        return Response(
            LiveOverviewSerializer(live.overview(account=self.account)).data
        )


class MemberSummaryView(ReportMixin, BaseAPIView):
    """Chatwoot's summary reports: a row per agent, inbox, label or team."""

    @extend_schema(
        parameters=[RangeSerializer], responses=MemberSummarySerializer(many=True)
    )
    def get(self, request, account_id: int, dimension: str):
        if dimension not in SUMMARY_DIMENSIONS:
            raise Http404
        data = self.validated(RangeSerializer, data=request.query_params)
        rows = selectors.summaries_by(
            account=self.account, scope=self.scope(data), dimension=dimension
        )
        return Response(MemberSummarySerializer(rows, many=True).data)


class ExportView(ReportMixin, BaseAPIView):
    """The summary reports as a CSV file (reports/agents, inboxes, labels,
    teams)."""

    @extend_schema(parameters=[RangeSerializer], responses={(200, "text/csv"): str})
    def get(self, request, account_id: int, plural: str):
        dimension = PLURALS.get(plural)
        if dimension is None:
            raise Http404
        data = self.validated(RangeSerializer, data=request.query_params)
        rows = selectors.summaries_by(
            account=self.account, scope=self.scope(data), dimension=dimension
        )
        response = HttpResponse(
            exports.summaries_csv(rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{plural}_report.csv"'
        return response


class ReportingEventListView(AccountScopedMixin, BaseAPIView):
    """Chatwoot's ``reporting_events``: the account's events, newest first,
    25 a page, for administrators."""

    permission_classes = [IsAdministrator]
    serializer_class = ReportingEventSerializer

    @extend_schema(
        parameters=[ReportingEventQuerySerializer],
        responses=ReportingEventSerializer(many=True),
    )
    def get(self, request, account_id: int):
        query = self.validated(ReportingEventQuerySerializer, data=request.query_params)
        page = query.pop("page")
        found = selectors.reporting_events(account=self.account, **query)
        count = found.count()
        start = (page - 1) * EVENTS_PER_PAGE
        return Response(
            {
                "meta": {
                    "count": count,
                    "current_page": page,
                    "total_pages": math.ceil(count / EVENTS_PER_PAGE),
                },
                "payload": self.get_serializer(
                    found[start : start + EVENTS_PER_PAGE], many=True
                ).data,
            }
        )


class ConversationReportingEventListView(AccountScopedMixin, BaseAPIView):
    """One conversation's reporting events, oldest first, for the agents who
    see the conversation."""

    serializer_class = ReportingEventSerializer

    @extend_schema(responses=ReportingEventSerializer(many=True))
    def get(self, request, account_id: int, conversation_id: int):
        conversation = conversation_selectors.get_conversation(
            membership=self.membership, display_id=conversation_id
        )
        events = selectors.conversation_reporting_events(conversation)
        return Response(self.get_serializer(events, many=True).data)
