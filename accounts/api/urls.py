"""Profile, inboxes, inbox members, teams and agents of the Application API."""

from django.urls import path

from accounts.api import attributes, views

account = "accounts/<id:account_id>/"

urlpatterns = [
    path("profile", views.ProfileView.as_view(), name="profile"),
    path(
        "profile/availability",
        views.AvailabilityView.as_view(),
        name="profile-availability",
    ),
    path(
        "profile/reset_access_token",
        views.ResetAccessTokenView.as_view(),
        name="profile-reset-access-token",
    ),
    path(
        "profile/invitations",
        views.InvitationListView.as_view(),
        name="profile-invitations",
    ),
    path(
        "profile/invitations/<id:invitation_id>",
        views.InvitationDetailView.as_view(),
        name="profile-invitation",
    ),
    path("accounts/<id:account_id>", views.AccountView.as_view(), name="account"),
    path(f"{account}inboxes", views.InboxListView.as_view(), name="inboxes"),
    path(
        f"{account}inboxes/<id:inbox_id>",
        views.InboxDetailView.as_view(),
        name="inbox",
    ),
    path(
        f"{account}inboxes/<id:inbox_id>/avatar",
        views.InboxAvatarView.as_view(),
        name="inbox-avatar",
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
    path(
        f"{account}custom_attribute_definitions",
        attributes.AttributeDefinitionListView.as_view(),
        name="custom-attribute-definitions",
    ),
    path(
        f"{account}custom_attribute_definitions/<id:definition_id>",
        attributes.AttributeDefinitionDetailView.as_view(),
        name="custom-attribute-definition",
    ),
    path(f"{account}agents", views.AgentListView.as_view(), name="agents"),
    path(
        f"{account}agents/<id:agent_id>",
        views.AgentDetailView.as_view(),
        name="agent",
    ),
]
