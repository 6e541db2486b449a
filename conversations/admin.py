from django.contrib import admin
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from conversations.models import Attachment, Conversation, Label, Message
from conversations.signals import (
    conversation_changed,
    conversation_created,
    message_created,
    message_updated,
)

# Changes made here reach open dashboards as the services' own do: each
# admin save announces itself with the services' signals.


def announce_messages(formset: BaseInlineFormSet) -> None:
    """Announce the messages a saved inline formset added or changed."""
    for message in formset.new_objects:
        message_created.send(sender=Message, message=message, first_reply=False)
    for message, _ in formset.changed_objects:
        message_updated.send(sender=Message, message=message)


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
        "sender_agent_bot",
    ]
    raw_id_fields = ["sender_user", "sender_contact", "sender_agent_bot"]


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

    def save_formset(
        self,
        request: HttpRequest,
        form: ModelForm,
        formset: BaseInlineFormSet,
        change: bool,
    ) -> None:
        """Save the inline messages and announce them."""
        super().save_formset(request, form, formset, change)
        if formset.model is Message:
            announce_messages(formset)

    def save_related(
        self,
        request: HttpRequest,
        form: ModelForm,
        formsets: list[BaseInlineFormSet],
        change: bool,
    ) -> None:
        """Announce the conversation once its labels are saved too."""
        super().save_related(request, form, formsets, change)
        conversation = form.instance
        if not change:
            conversation_created.send(sender=Conversation, conversation=conversation)
            return
        conversation_changed.send(
            sender=Conversation,
            conversation=conversation,
            changes=conversation.saved_changes,
            fields=None,
        )


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
        "sender_agent_bot",
        "account",
        "inbox",
    ]
    inlines = [AttachmentInline]

    def save_related(
        self,
        request: HttpRequest,
        form: ModelForm,
        formsets: list[BaseInlineFormSet],
        change: bool,
    ) -> None:
        """Announce the message once its attachments are saved too."""
        super().save_related(request, form, formsets, change)
        if change:
            message_updated.send(sender=Message, message=form.instance)
        else:
            message_created.send(
                sender=Message, message=form.instance, first_reply=False
            )


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["id", "message", "file_type", "file_size", "extension"]
    raw_id_fields = ["message", "account"]
