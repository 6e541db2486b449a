"""Application API routes of filter queries and saved filters (under accounts/<id>/)."""

from django.urls import path

from filters.api import views

urlpatterns = [
    path(
        "conversations/filter",
        views.ConversationFilterView.as_view(),
        name="conversations-filter",
    ),
    path("contacts/filter", views.ContactFilterView.as_view(), name="contacts-filter"),
    path("custom_filters", views.CustomFilterListView.as_view(), name="custom-filters"),
    path(
        "custom_filters/<id:filter_id>",
        views.CustomFilterDetailView.as_view(),
        name="custom-filter",
    ),
]
