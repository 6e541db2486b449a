from django.contrib import admin

from cannedresponses.models import CannedResponse, CannedResponseAttachment


class CannedResponseAttachmentInline(admin.TabularInline):
    model = CannedResponseAttachment
    extra = 0
    readonly_fields = ["file_type", "file_name", "file_size", "extension"]


@admin.register(CannedResponse)
class CannedResponseAdmin(admin.ModelAdmin):
    list_display = ["id", "short_code", "account"]
    search_fields = ["short_code", "content"]
    inlines = [CannedResponseAttachmentInline]
