from django.contrib import admin

from conversations.models import Attachment, Conversation, Label, Message


@admin.register(Label)
class LabelAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "account", "color"]
    search_fields = ["title"]
    # An account can have many contacts: pick them by id.
    raw_id_fields = ["contacts"]


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    fields = [
        "message_type",
        "content",
        "private",
        "status",
        "sender_user",
        "sender_contact",
    ]
    raw_id_fields = ["sender_user", "sender_contact"]


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "display_id",
        "account",
        "inbox",
        "contact",
        "status",
        "assignee",
    ]
    list_filter = ["status", "account", "inbox"]
    search_fields = ["display_id", "contact__name", "contact__email"]
    raw_id_fields = ["contact", "contact_inbox", "assignee", "team"]
    filter_horizontal = ["labels"]
    inlines = [MessageInline]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "conversation",
        "message_type",
        "private",
        "status",
        "created_at",
    ]
    list_filter = ["message_type", "private", "status"]
    search_fields = ["content"]
    raw_id_fields = [
        "conversation",
        "sender_user",
        "sender_contact",
        "account",
        "inbox",
    ]
    inlines = [AttachmentInline]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["id", "message", "file_type", "file_size", "extension"]
    raw_id_fields = ["message", "account"]
