"""Application API: the account's CSAT survey responses, their figures and
their CSV. Administrators only, as Chatwoot's policy has it."""

import csv
import io

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api.permissions import AccountScopedMixin, IsAdministrator
from api.views import BaseAPIView
from csat import selectors
from csat.models import CsatSurveyResponse
from csat.serializers import (
    PAGE_SIZE,
    CsatFilterSerializer,
    CsatMetricsSerializer,
    CsatSurveyResponseSerializer,
)


class CsatView(AccountScopedMixin, BaseAPIView):
    permission_classes = [IsAdministrator]
    serializer_class = CsatSurveyResponseSerializer

    def filters(self) -> dict:
        """The query's filters (``page`` apart), checked."""
        query = dict(
            self.validated(CsatFilterSerializer, data=self.request.query_params)
        )
        self.page = query.pop("page")
        return query


class CsatSurveyResponseListView(CsatView):
    """The filtered responses, newest first, 25 a page."""

    @extend_schema(
        parameters=[CsatFilterSerializer],
        responses=CsatSurveyResponseSerializer(many=True),
    )
    def get(self, request, account_id: int):
        found = selectors.responses(account=self.account, **self.filters())
        start = (self.page - 1) * PAGE_SIZE
        page = found[start : start + PAGE_SIZE]
        return Response(self.get_serializer(page, many=True).data)


class CsatMetricsView(CsatView):
    """How many responses, of each rating, of how many surveys sent."""

    @extend_schema(parameters=[CsatFilterSerializer], responses=CsatMetricsSerializer)
    def get(self, request, account_id: int):
        figures = selectors.metrics(account=self.account, **self.filters())
        return Response(CsatMetricsSerializer(figures).data)


class CsatDownloadView(CsatView):
    """The filtered responses as CSV (with a BOM, so spreadsheets read UTF-8)."""

    @extend_schema(parameters=[CsatFilterSerializer], responses={200: bytes})
    def get(self, request, account_id: int):
        found = selectors.responses(account=self.account, **self.filters())
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out)
        writer.writerow(
            [
                gettext("Agent name"),
                gettext("Rating"),
                gettext("Feedback"),
                gettext("Contact name"),
                gettext("Contact email address"),
                gettext("Contact phone number"),
                gettext("Link to the conversation"),
                gettext("Recorded at"),
            ]
        )
        for response in found.iterator(chunk_size=500):
            writer.writerow(csv_row(response))
        answer = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        name = f"csat_report_{timezone.now():%Y%m%d}.csv"
        answer["Content-Disposition"] = f'attachment; filename="{name}"'
        return answer


# What a spreadsheet reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_row(response: CsatSurveyResponse) -> list:
    """One response as a CSV row, formulas kept text."""
    agent = response.assigned_agent
    contact = response.contact
    link = settings.FRONTEND_URL + reverse(
        "dashboard-conversation",
        args=[response.account_id, response.conversation.display_id],
    )
    cells = [
        f"{agent.name} ({agent.email})" if agent else "",
        response.rating,
        response.feedback_message,
        contact.name,
        contact.email,
        contact.phone_number,
        link,
        response.created_at.isoformat(),
    ]
    return [as_text(cell) for cell in cells]


def as_text(cell: object) -> object:
    """A string a spreadsheet would run as a formula, kept text."""
    if isinstance(cell, str) and cell[:1] in FORMULA_STARTS:
        return "'" + cell
    return cell
