"""Application API: profile, inboxes and their members, teams, agents."""

from django.contrib.auth import update_session_auth_hash
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts import selectors, services
from accounts.models import AccountUser, Inbox, Invitation, Team
from accounts.serializers import (
    AccountSerializer,
    AccountUpdateSerializer,
    AgentCreateSerializer,
    AgentSerializer,
    AgentUpdateSerializer,
    AvailabilitySerializer,
    InboxInputSerializer,
    InboxMembersSerializer,
    InboxSerializer,
    InvitationSerializer,
    PendingAgentSerializer,
    ProfileSerializer,
    ProfileUpdateSerializer,
    TeamInputSerializer,
    TeamSerializer,
    UserIdsSerializer,
)
from api.permissions import (
    ADMINISTRATORS,
    SIGNED_IN_USER,
    AccountScopedMixin,
    request_membership,
)
from api.schema import payload_of
from api.views import BaseAPIView

INBOX_MEMBER_LIST = payload_of("InboxMemberList", AgentSerializer)


def _profile_response(user) -> Response:
    profile = selectors.get_profile(user_id=user.pk)
    context = {"presence_since": selectors.presence_since()}
    return Response(ProfileSerializer(profile, context=context).data)


### Profile


class ProfileView(BaseAPIView):
    """The signed-in user: tokens, names, accounts; password change."""

    permission_classes = [IsAuthenticated]
    capability = SIGNED_IN_USER
    serializer_class = ProfileUpdateSerializer

    @extend_schema(responses=ProfileSerializer)
    def get(self, request):
        return _profile_response(request.user)

    @extend_schema(request=ProfileUpdateSerializer, responses=ProfileSerializer)
    def patch(self, request):
        data = self.validated(ProfileUpdateSerializer)
        user = services.update_profile(user=request.user, **data)
        if "password" in data:
            # Keep the dashboard's own session signed in after the change.
            update_session_auth_hash(request, user)
        return _profile_response(user)

    @extend_schema(request=ProfileUpdateSerializer, responses=ProfileSerializer)
    def put(self, request):
        # Chatwoot's own verb for the same change (each field optional).
        return self.patch(request)


class ResetAccessTokenView(BaseAPIView):
    """Replace the user's API access token (the old one stops working)."""

    permission_classes = [IsAuthenticated]
    capability = SIGNED_IN_USER
    serializer_class = ProfileSerializer

    @extend_schema(request=None, responses=ProfileSerializer)
    def post(self, request):
        user = services.reset_access_token(user=request.user)
        return _profile_response(user)


class AvailabilityView(BaseAPIView):
    """Set the availability the user shows in one of their accounts."""

    permission_classes = [IsAuthenticated]
    # The account in the body: a membership of it is required below (404).
    capability = SIGNED_IN_USER
    serializer_class = AvailabilitySerializer

    @extend_schema(request=AvailabilitySerializer, responses=ProfileSerializer)
    def post(self, request):
        data = self.validated(AvailabilitySerializer)
        fields = data["profile"]
        membership = request_membership(request, fields["account_id"])
        if "auto_offline" in fields:
            services.update_agent(
                membership=membership, auto_offline=fields["auto_offline"]
            )
        services.set_availability(
            membership=membership, availability=fields["availability"]
        )
        return _profile_response(request.user)


class InvitationListView(BaseAPIView):
    """The invitations of other accounts waiting for the user's answer."""

    permission_classes = [IsAuthenticated]
    serializer_class = InvitationSerializer

    @extend_schema(responses=InvitationSerializer(many=True))
    def get(self, request):
        invitations = selectors.invitations_of(user=request.user)
        return Response(InvitationSerializer(invitations, many=True).data)


class InvitationDetailView(BaseAPIView):
    """Accept (POST) or decline (DELETE) one of the user's invitations."""

    permission_classes = [IsAuthenticated]
    capability = SIGNED_IN_USER
    serializer_class = InvitationSerializer

    def get_invitation(self):
        return selectors.get_invitation(
            user=self.request.user, invitation_id=self.kwargs["invitation_id"]
        )

    @extend_schema(request=None, responses=ProfileSerializer)
    def post(self, request, invitation_id: int):
        services.accept_invitation(invitation=self.get_invitation())
        return _profile_response(request.user)

    @extend_schema(responses={200: None})
    def delete(self, request, invitation_id: int):
        # An empty 200, as Chatwoot answers its deletes.
        services.discard_invitation(invitation=self.get_invitation())
        return Response()


### Account


class AccountView(AccountScopedMixin, BaseAPIView):
    """The account itself, for its members; its administrators change it."""

    capability = ADMINISTRATORS
    serializer_class = AccountSerializer

    def get(self, request, account_id: int):
        return Response(self.get_serializer(self.account).data)

    @extend_schema(request=AccountUpdateSerializer, responses=AccountSerializer)
    def patch(self, request, account_id: int):
        data = self.validated(AccountUpdateSerializer)
        account = services.update_account(account=self.account, **data)
        return Response(self.get_serializer(account).data)


### Inboxes


class InboxMixin(AccountScopedMixin):
    capability = ADMINISTRATORS

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["is_administrator"] = self.membership.is_administrator
        return context

    def get_inbox(self):
        return selectors.get_inbox(
            membership=self.membership, inbox_id=self.kwargs["inbox_id"]
        )


class InboxListView(InboxMixin, BaseAPIView):
    """The inboxes the caller works (all of them for administrators)."""

    serializer_class = InboxSerializer

    @extend_schema(
        operation_id="inboxes_list",
        responses=payload_of("InboxList", InboxSerializer),
    )
    def get(self, request, account_id: int):
        inboxes = selectors.visible_inboxes(membership=self.membership)
        return Response({"payload": self.get_serializer(inboxes, many=True).data})

    @extend_schema(request=InboxInputSerializer, responses={200: InboxSerializer})
    def post(self, request, account_id: int):
        data = self.validated(InboxInputSerializer)
        fields = dict(data)
        fields.setdefault("channel_type", Inbox.ChannelType.WEBSITE)
        inbox = services.create_inbox(account=self.account, **fields)
        return Response(self.get_serializer(inbox).data)


class InboxDetailView(InboxMixin, BaseAPIView):
    """One inbox and its widget settings."""

    serializer_class = InboxSerializer

    def get(self, request, account_id: int, inbox_id: int):
        return Response(self.get_serializer(self.get_inbox()).data)

    @extend_schema(request=InboxInputSerializer, responses=InboxSerializer)
    def patch(self, request, account_id: int, inbox_id: int):
        inbox = self.get_inbox()
        data = self.validated(InboxInputSerializer, instance=inbox, partial=True)
        inbox = services.update_inbox(inbox=inbox, **data)
        return Response(self.get_serializer(inbox).data)


class InboxAvatarView(InboxMixin, BaseAPIView):
    """``DELETE inboxes/<id>/avatar``: the inbox shows no avatar any more."""

    serializer_class = InboxSerializer

    @extend_schema(responses={200: None})
    def delete(self, request, account_id: int, inbox_id: int):
        # An empty 200, as Chatwoot answers its deletes.
        services.remove_inbox_avatar(inbox=self.get_inbox())
        return Response()


def inbox_members_data(inbox: Inbox) -> list[dict]:
    """An inbox's agents, then the invited users already put in it."""
    return agents_data(
        selectors.inbox_member_agents(inbox=inbox),
        selectors.inbox_member_invitations(inbox=inbox),
    )


class InboxMembersView(InboxMixin, BaseAPIView):
    """The agents of one inbox."""

    serializer_class = AgentSerializer

    @extend_schema(responses=INBOX_MEMBER_LIST)
    def get(self, request, account_id: int, inbox_id: int):
        return Response({"payload": inbox_members_data(self.get_inbox())})


inbox_members_schema = extend_schema(
    request=InboxMembersSerializer,
    responses=INBOX_MEMBER_LIST,
)


class InboxMembersUpdateView(InboxMixin, BaseAPIView):
    """Add (POST), replace (PATCH) or remove (DELETE) an inbox's agents."""

    serializer_class = InboxMembersSerializer
    member_changes = {
        "POST": services.add_inbox_members,
        "PATCH": services.set_inbox_members,
        "DELETE": services.remove_inbox_members,
    }

    def change(self, request):
        data = self.validated(InboxMembersSerializer)
        inbox = selectors.get_inbox(
            membership=self.membership, inbox_id=data["inbox_id"]
        )
        self.member_changes[request.method](inbox=inbox, users=data["user_ids"])
        return Response({"payload": inbox_members_data(inbox)})

    @inbox_members_schema
    def post(self, request, account_id: int):
        return self.change(request)

    @inbox_members_schema
    def patch(self, request, account_id: int):
        return self.change(request)

    @inbox_members_schema
    def delete(self, request, account_id: int):
        return self.change(request)


### Teams


class TeamMixin(AccountScopedMixin):
    capability = ADMINISTRATORS
    serializer_class = TeamSerializer

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["team_ids_of_user"] = selectors.team_ids_of(
                user=self.request.user, account=self.account
            )
        return context

    def get_team(self):
        return selectors.get_team(account=self.account, team_id=self.kwargs["team_id"])


class TeamListView(TeamMixin, BaseAPIView):
    """The account's teams."""

    @extend_schema(responses=TeamSerializer(many=True))
    def get(self, request, account_id: int):
        teams = selectors.account_teams(account=self.account)
        return Response(self.get_serializer(teams, many=True).data)

    @extend_schema(request=TeamInputSerializer, responses={200: TeamSerializer})
    def post(self, request, account_id: int):
        data = self.validated(TeamInputSerializer)
        team = services.create_team(account=self.account, **data)
        return Response(self.get_serializer(team).data)


class TeamDetailView(TeamMixin, BaseAPIView):
    """One team: read, rename, delete."""

    def get(self, request, account_id: int, team_id: int):
        return Response(self.get_serializer(self.get_team()).data)

    @extend_schema(request=TeamInputSerializer, responses=TeamSerializer)
    def patch(self, request, account_id: int, team_id: int):
        team = self.get_team()
        data = self.validated(TeamInputSerializer, instance=team, partial=True)
        team = services.update_team(team=team, **data)
        return Response(self.get_serializer(team).data)

    @extend_schema(responses={200: None})
    def delete(self, request, account_id: int, team_id: int):
        services.delete_team(team=self.get_team())
        return Response()


team_members_schema = extend_schema(
    request=UserIdsSerializer, responses=AgentSerializer(many=True)
)


def team_members_data(team: Team) -> list[dict]:
    """A team's agents, then the invited users already put in it."""
    return agents_data(
        selectors.team_agents(team=team), selectors.team_invitations(team=team)
    )


class TeamMembersView(TeamMixin, BaseAPIView):
    """A team's agents: list, add (POST), replace (PATCH), remove (DELETE)."""

    serializer_class = UserIdsSerializer
    member_changes = {
        "POST": services.add_team_members,
        "PATCH": services.set_team_members,
        "DELETE": services.remove_team_members,
    }

    @extend_schema(responses=AgentSerializer(many=True))
    def get(self, request, account_id: int, team_id: int):
        return Response(team_members_data(self.get_team()))

    def change(self, request):
        team = self.get_team()
        data = self.validated(UserIdsSerializer)
        self.member_changes[request.method](team=team, users=data["user_ids"])
        return Response(team_members_data(team))

    @team_members_schema
    def post(self, request, account_id: int, team_id: int):
        return self.change(request)

    @team_members_schema
    def patch(self, request, account_id: int, team_id: int):
        return self.change(request)

    @team_members_schema
    def delete(self, request, account_id: int, team_id: int):
        return self.change(request)


### Agents


class AgentMixin(AccountScopedMixin):
    capability = ADMINISTRATORS
    serializer_class = AgentSerializer

    def get_agent(self) -> AccountUser | Invitation:
        """The member, or the pending invitation of the user, the path names."""
        return selectors.get_agent_or_invitation(
            account=self.account, user_id=self.kwargs["agent_id"]
        )


def agent_data(agent: AccountUser | Invitation) -> dict:
    """A member or a pending invitation in the agents endpoints' shape."""
    if isinstance(agent, Invitation):
        return PendingAgentSerializer(agent).data
    return AgentSerializer(agent).data


def agents_data(members, invitations) -> list[dict]:
    """Members, then the pending invitations, in the agents endpoints' shape."""
    return [
        *AgentSerializer(members, many=True).data,
        *PendingAgentSerializer(invitations, many=True).data,
    ]


class AgentListView(AgentMixin, BaseAPIView):
    """The account's agents and administrators, then the people invited and
    not yet answering; invite one."""

    @extend_schema(responses=AgentSerializer(many=True))
    def get(self, request, account_id: int):
        members = selectors.account_agents(account=self.account)
        invitations = selectors.account_invitations(account=self.account)
        return Response(agents_data(members, invitations))

    @extend_schema(request=AgentCreateSerializer, responses={200: AgentSerializer})
    def post(self, request, account_id: int):
        data = self.validated(AgentCreateSerializer)
        invitation = services.invite_agent(
            account=self.account, inviter=request.user, **data
        )
        return Response(agent_data(invitation))


class AgentDetailView(AgentMixin, BaseAPIView):
    """One agent or invitation: read, change role or availability, remove
    from the account (for an invitation: take it back)."""

    def get(self, request, account_id: int, agent_id: int):
        return Response(agent_data(self.get_agent()))

    @extend_schema(request=AgentUpdateSerializer, responses=AgentSerializer)
    def patch(self, request, account_id: int, agent_id: int):
        data = self.validated(AgentUpdateSerializer)
        agent = self.get_agent()
        if isinstance(agent, Invitation):
            return Response(agent_data(self.update_invitation(agent, data)))
        membership = services.update_agent(membership=agent, **data)
        return Response(agent_data(membership))

    @extend_schema(responses={200: None})
    def delete(self, request, account_id: int, agent_id: int):
        agent = self.get_agent()
        if isinstance(agent, Invitation):
            services.discard_invitation(invitation=agent)
            return Response()
        services.remove_agent(membership=agent)
        return Response()

    def update_invitation(self, invitation: Invitation, data: dict) -> Invitation:
        # An invitation offers a role and an availability; the rest is the
        # member's own once they join.
        refused = sorted(data.keys() - {"role", "availability"})
        if refused:
            raise ValidationError(
                {field: "Not until the invitation is accepted." for field in refused}
            )
        return services.update_invitation(invitation=invitation, **data)
