"""Application API: the account's audit log, for its administrators only
(Chatwoot's shape; the filters are OneChat's)."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api.permissions import ADMINISTRATORS, AccountScopedMixin, IsAdministrator
from api.views import BaseAPIView
from audit import selectors
from audit.serializers import AuditLogFilterSerializer, AuditLogSerializer

PER_PAGE = 25


class AuditLogListView(AccountScopedMixin, BaseAPIView):
    """The account's audit log, newest first, 25 a page (``?page=``),
    narrowed by ``action``, ``user_id``, ``auditable_type``, ``since`` and
    ``until`` (ISO 8601)."""

    permission_classes = [IsAdministrator]
    capability = ADMINISTRATORS
    serializer_class = AuditLogSerializer

    @extend_schema(
        parameters=[AuditLogFilterSerializer], responses=AuditLogSerializer(many=True)
    )
    def get(self, request, account_id: int):
        query = self.validated(AuditLogFilterSerializer, data=request.query_params)
        page = query.pop("page")
        found = selectors.audit_logs(account=self.account, **query)
        start = (page - 1) * PER_PAGE
        return Response(
            {
                "audit_logs": AuditLogSerializer(
                    found[start : start + PER_PAGE], many=True
                ).data,
                "current_page": page,
                "per_page": PER_PAGE,
                "total_entries": found.count(),
            }
        )
