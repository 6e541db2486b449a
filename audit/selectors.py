"""Reading an account's audit log."""

from datetime import datetime

from django.db.models import QuerySet

from accounts.models import Account
from audit.models import AuditLog


def audit_logs(
    *,
    account: Account,
    action: str | None = None,
    user_id: int | None = None,
    auditable_type: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[AuditLog]:
    """The account's entries, newest first, narrowed by the filters given."""
    found = AuditLog.objects.filter(account=account).select_related("user")
    if action:
        found = found.filter(action=action)
    if user_id is not None:
        found = found.filter(user_id=user_id)
    if auditable_type:
        found = found.filter(auditable_type=auditable_type)
    if since is not None:
        found = found.filter(created_at__gte=since)
    if until is not None:
        found = found.filter(created_at__lt=until)
    return found.order_by("-created_at", "-id")
