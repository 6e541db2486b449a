from django.contrib import admin

from filters.models import CustomFilter


@admin.register(CustomFilter)
class CustomFilterAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "filter_type", "user", "account"]
    list_filter = ["filter_type"]
    raw_id_fields = ["user"]
