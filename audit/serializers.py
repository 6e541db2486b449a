"""The audit log's wire shapes (Chatwoot's ``audit_logs`` answer)."""

from rest_framework import serializers

from audit.models import AuditLog
from audit.registry import AUDITED
from common.fields import EpochField

AUDITABLE_TYPES = sorted(
    {entry.auditable_type for entry in AUDITED} | {"User", "Contact", "Message"}
)


class AuditLogSerializer(serializers.ModelSerializer):
    """One entry; ``auditable`` names the subject as it was called then, and
    ``user_name`` the actor as called now (null once the user is gone)."""

    auditable = serializers.SerializerMethodField()
    associated_id = serializers.IntegerField(source="account_id")
    associated_type = serializers.SerializerMethodField()
    user_type = serializers.SerializerMethodField()
    user_name = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField()
    comment = serializers.SerializerMethodField()
    created_at = EpochField()

    class Meta:
        model = AuditLog
        fields = [
            "id",
            "auditable_id",
            "auditable_type",
            "auditable",
            "associated_id",
            "associated_type",
            "user_id",
            "user_type",
            "username",
            "user_name",
            "action",
            "audited_changes",
            "version",
            "comment",
            "request_uuid",
            "created_at",
            "remote_address",
        ]

    def get_auditable(self, entry: AuditLog) -> dict:
        return {"id": entry.auditable_id, "name": entry.auditable_name}

    def get_associated_type(self, entry: AuditLog) -> str:
        return "Account"

    def get_user_type(self, entry: AuditLog) -> str | None:
        return "User" if entry.user_id else None

    def get_user_name(self, entry: AuditLog) -> str | None:
        return entry.user.name if entry.user else None

    def get_version(self, entry: AuditLog) -> int:
        return 1

    def get_comment(self, entry: AuditLog) -> str | None:
        return None


class AuditLogFilterSerializer(serializers.Serializer):
    """The list's query: a page and the filters."""

    page = serializers.IntegerField(min_value=1, max_value=100_000, default=1)
    action = serializers.ChoiceField(choices=AuditLog.Action.choices, required=False)
    user_id = serializers.IntegerField(min_value=1, required=False)
    auditable_type = serializers.ChoiceField(choices=AUDITABLE_TYPES, required=False)
    since = serializers.DateTimeField(required=False)
    until = serializers.DateTimeField(required=False)
