"""Application API routes of contacts (under accounts/<id>/)."""

from django.urls import path

from contacts.api import views

urlpatterns = [
    path("contacts", views.ContactListView.as_view(), name="contacts"),
    path("contacts/search", views.ContactSearchView.as_view(), name="contacts-search"),
    path("contacts/merge", views.ContactMergeView.as_view(), name="contacts-merge"),
    # The reference's path for the same action.
    path(
        "actions/contact_merge",
        views.ContactMergeView.as_view(),
        name="actions-contact-merge",
    ),
    path(
        "contacts/<id:contact_id>",
        views.ContactDetailView.as_view(),
        name="contact",
    ),
    path(
        "contacts/<id:contact_id>/destroy_custom_attributes",
        views.ContactCustomAttributesView.as_view(),
        name="contact-custom-attributes-removal",
    ),
    path(
        "contacts/<id:contact_id>/contact_inboxes",
        views.ContactSessionsView.as_view(),
        name="contact-sessions",
    ),
    path(
        "contacts/<id:contact_id>/contactable_inboxes",
        views.ContactableInboxesView.as_view(),
        name="contactable-inboxes",
    ),
    path(
        "contacts/<id:contact_id>/conversations",
        views.ContactConversationsView.as_view(),
        name="contact-conversations",
    ),
]
