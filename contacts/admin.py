from django.contrib import admin

from contacts.models import Contact, ContactInbox


class ContactInboxInline(admin.TabularInline):
    model = ContactInbox
    extra = 0
    readonly_fields = ["source_id", "pubsub_token", "created_at"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "email", "phone_number", "identifier", "account"]
    search_fields = ["name", "email", "phone_number", "identifier"]
    list_filter = ["account"]
    inlines = [ContactInboxInline]


@admin.register(ContactInbox)
class ContactInboxAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "contact",
        "inbox",
        "source_id",
        "hmac_verified",
        "created_at",
    ]
    raw_id_fields = ["contact", "inbox"]
    readonly_fields = ["pubsub_token"]
