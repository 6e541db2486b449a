"""Application API routes of agents working a conversation together."""

from django.urls import path

from collaboration.api import views

conversation = "conversations/<id:conversation_id>/"

urlpatterns = [
    path(
        f"{conversation}participants",
        views.ParticipantsView.as_view(),
        name="conversation-participants",
    ),
    path(
        f"{conversation}consult",
        views.ConsultView.as_view(),
        name="conversation-consult",
    ),
    path(f"{conversation}leave", views.LeaveView.as_view(), name="conversation-leave"),
    path(
        f"{conversation}transfer",
        views.TransferView.as_view(),
        name="conversation-transfer",
    ),
    path(
        f"{conversation}capabilities",
        views.CapabilitiesView.as_view(),
        name="conversation-capabilities",
    ),
]
