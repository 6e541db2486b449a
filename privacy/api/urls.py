"""Application API routes of data in and out (under accounts/<id>/)."""

from django.urls import path

from privacy.api import views

urlpatterns = [
    path("contacts/import", views.ContactImportView.as_view(), name="contacts-import"),
    path(
        "contacts/import/preview",
        views.ContactImportPreviewView.as_view(),
        name="contacts-import-preview",
    ),
    path("contacts/export", views.ContactExportView.as_view(), name="contacts-export"),
    path(
        "contacts/<id:contact_id>/data_export",
        views.ContactDataExportView.as_view(),
        name="contact-data-export",
    ),
    path(
        "contacts/<id:contact_id>/erase",
        views.ContactEraseView.as_view(),
        name="contact-erase",
    ),
    path(
        "conversations/<id:conversation_id>/transcript",
        views.TranscriptView.as_view(),
        name="conversation-transcript",
    ),
]
