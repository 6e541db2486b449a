from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from contacts.models import Contact, ContactInbox
from contacts.services import delete_contact
from contacts.signals import contact_created, contact_updated


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

    # Changes made here reach open dashboards as the services' own do.
    def save_model(
        self, request: HttpRequest, obj: Contact, form: ModelForm, change: bool
    ) -> None:
        """Save the contact and announce it (``contact.created``/``updated``)."""
        super().save_model(request, obj, form, change)
        (contact_updated if change else contact_created).send(
            sender=Contact, contact=obj
        )

    def delete_model(self, request: HttpRequest, obj: Contact) -> None:
        """Delete through the service, which announces it."""
        delete_contact(contact=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        """Delete each contact through the service, which announces it."""
        for contact in queryset:
            delete_contact(contact=contact)


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
