from django.contrib import admin

from csat.models import CsatSurveyResponse


@admin.register(CsatSurveyResponse)
class CsatSurveyResponseAdmin(admin.ModelAdmin):
    list_display = ["id", "account", "conversation", "rating", "created_at"]
    list_filter = ["rating"]
    search_fields = ["feedback_message"]
    raw_id_fields = ["conversation", "message", "contact", "assigned_agent"]
