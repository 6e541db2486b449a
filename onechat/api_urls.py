"""Profile, inboxes, inbox members, teams and agents of the Application API."""

from django.urls import path

from onechat import api_views as views
from onechat import converters  # noqa: F401  (registers the <id:...> converter)

account = "accounts/<id:account_id>/"

urlpatterns = [
    path("profile", views.ProfileView.as_view(), name="profile"),
    path(
        "profile/availability",
        views.AvailabilityView.as_view(),
        name="profile-availability",
    ),
    path(f"{account}inboxes", views.InboxListView.as_view(), name="inboxes"),
    path(
        f"{account}inboxes/<id:inbox_id>",
        views.InboxDetailView.as_view(),
        name="inbox",
    ),
    path(
        f"{account}inbox_members",
        views.InboxMembersUpdateView.as_view(),
        name="inbox-members-update",
    ),
    path(
        f"{account}inbox_members/<id:inbox_id>",
        views.InboxMembersView.as_view(),
        name="inbox-members",
    ),
    path(f"{account}teams", views.TeamListView.as_view(), name="teams"),
    path(f"{account}teams/<id:team_id>", views.TeamDetailView.as_view(), name="team"),
    path(
        f"{account}teams/<id:team_id>/team_members",
        views.TeamMembersView.as_view(),
        name="team-members",
    ),
    path(f"{account}agents", views.AgentListView.as_view(), name="agents"),
    path(
        f"{account}agents/<id:user_id>",
        views.AgentDetailView.as_view(),
        name="agent",
    ),
]
