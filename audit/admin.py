from django.contrib import admin

from audit.models import AuditLog


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    """Read only: an entry is a record, never edited."""

    list_display = [
        "created_at",
        "account",
        "username",
        "action",
        "auditable_type",
        "auditable_name",
        "remote_address",
    ]
    list_filter = ["action", "auditable_type"]
    search_fields = ["username", "auditable_name", "remote_address"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
