"""Writing the audit log. Each entry is written inside the transaction of
the change it records, so a change rolled back leaves no entry."""

from typing import Any

from audit import tasks
from audit.context import Actor, current_actor
from audit.models import AuditLog


def record(
    *,
    account_id: int,
    action: str,
    auditable_type: str,
    auditable_id: int | None,
    name: str = "",
    changes: dict[str, list[Any]] | None = None,
    actor: Actor | None = None,
) -> AuditLog:
    """Write one entry; the actor is the request's (or OneChat's) unless
    given. Queues the log's trimming now and then (``tasks.trim_soon``)."""
    actor = actor or current_actor()
    user = actor.user
    entry = AuditLog.objects.create(
        account_id=account_id,
        action=action,
        auditable_type=auditable_type,
        auditable_id=auditable_id,
        auditable_name=name[:255],
        audited_changes=changes or {},
        user=user,
        username=(user.get_username() if user is not None else actor.username)[:255],
        remote_address=actor.remote_address[:64],
        request_uuid=actor.request_uuid[:64],
    )
    tasks.trim_soon()
    return entry
