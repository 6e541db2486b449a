from django.contrib import admin

from automation.models import AutomationRule, AutomationRun, Macro


@admin.register(AutomationRule)
class AutomationRuleAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "event_name", "active", "account"]
    list_filter = ["event_name", "active"]
    search_fields = ["name"]


@admin.register(Macro)
class MacroAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "visibility", "account", "created_by"]
    search_fields = ["name"]


@admin.register(AutomationRun)
class AutomationRunAdmin(admin.ModelAdmin):
    list_display = ["id", "rule", "conversation", "event_name", "matched", "created_at"]
    list_filter = ["matched", "event_name"]
    readonly_fields = [
        "account",
        "rule",
        "conversation",
        "event_name",
        "matched",
        "actions_taken",
        "error",
    ]
