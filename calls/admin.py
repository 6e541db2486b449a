from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from calls.models import Call


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    """Calls, to look at: their changes go through the parties' sockets, so
    the admin neither adds, changes nor deletes one."""

    list_display = [
        "id",
        "account",
        "conversation",
        "state",
        "requested_by",
        "created_at",
    ]
    list_filter = ["state", "requested_by"]
    raw_id_fields = ["conversation", "contact", "agent"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
