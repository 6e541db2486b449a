"""Application API: profile, inboxes and their members, teams, agents."""

from django.contrib.auth import update_session_auth_hash
from django.http import JsonResponse
from django.views import defaults
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from onechat import selectors, services
from onechat.models import AccountUser, Inbox
from onechat.permissions import (
    AccountScopedMixin,
    IsAdministratorOrReadOnly,
    request_membership,
)
from onechat.serializers import (
    AgentCreateSerializer,
    AgentSerializer,
    AgentUpdateSerializer,
    AvailabilitySerializer,
    InboxInputSerializer,
    InboxMembersSerializer,
    InboxSerializer,
    ProfileSerializer,
    ProfileUpdateSerializer,
    TeamInputSerializer,
    TeamSerializer,
    UserIdsSerializer,
)


class AccessTokenScheme(OpenApiAuthenticationExtension):
    """Documents the ``api_access_token`` header in the OpenAPI schema."""

    target_class = "onechat.authentication.AccessTokenAuthentication"
    name = "api_access_token"

    def get_security_definition(self, auto_schema) -> dict:
        # Spelled with hyphens: daphne drops header names with underscores
        # (CVE-2015-0219), and Django reads both spellings as one header.
        return {
            "type": "apiKey",
            "in": "header",
            "name": "api-access-token",
            "description": (
                "The user's access token (profile). The reference's spelling "
                "api_access_token works behind OneChat's nginx, which renames it."
            ),
        }


def payload_of(name: str, serializer) -> serializers.Serializer:
    """A schema component for ``{"payload": [<serializer>]}`` responses."""
    return inline_serializer(name, {"payload": serializer(many=True)})


INBOX_MEMBER_LIST = payload_of("InboxMemberList", AgentSerializer)


def _profile_response(user) -> Response:
    return Response(ProfileSerializer(selectors.get_profile(user_id=user.pk)).data)


### Profile


class ProfileView(generics.GenericAPIView):
    """The signed-in user: tokens, names, accounts; password change."""

    permission_classes = [IsAuthenticated]
    serializer_class = ProfileUpdateSerializer

    @extend_schema(responses=ProfileSerializer)
    def get(self, request):
        return _profile_response(request.user)

    @extend_schema(request=ProfileUpdateSerializer, responses=ProfileSerializer)
    def patch(self, request):
        serializer = ProfileUpdateSerializer(
            data=request.data, context={"user": request.user}
        )
        serializer.is_valid(raise_exception=True)
        user = services.update_profile(user=request.user, **serializer.validated_data)
        if "password" in serializer.validated_data:
            # Keep the dashboard's own session signed in after the change.
            update_session_auth_hash(request, user)
        return _profile_response(user)


class AvailabilityView(generics.GenericAPIView):
    """Set the availability the user shows in one of their accounts."""

    permission_classes = [IsAuthenticated]
    serializer_class = AvailabilitySerializer

    @extend_schema(request=AvailabilitySerializer, responses=ProfileSerializer)
    def post(self, request):
        serializer = AvailabilitySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = serializer.validated_data["profile"]
        membership = request_membership(request, fields["account_id"])
        if "auto_offline" in fields:
            services.update_agent(
                membership=membership, auto_offline=fields["auto_offline"]
            )
        services.set_availability(
            membership=membership, availability=fields["availability"]
        )
        return _profile_response(request.user)


### Inboxes


class InboxMixin(AccountScopedMixin):
    permission_classes = [IsAdministratorOrReadOnly]

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["is_administrator"] = self.membership.is_administrator
        return context

    def get_inbox(self):
        return selectors.get_inbox(
            membership=self.membership, inbox_id=self.kwargs["inbox_id"]
        )


class InboxListView(InboxMixin, generics.GenericAPIView):
    """The inboxes the caller works (all of them for administrators)."""

    serializer_class = InboxSerializer

    @extend_schema(
        operation_id="inboxes_list",
        responses=payload_of("InboxList", InboxSerializer),
    )
    def get(self, request, account_id: int):
        inboxes = selectors.visible_inboxes(membership=self.membership)
        return Response({"payload": self.get_serializer(inboxes, many=True).data})

    @extend_schema(request=InboxInputSerializer, responses={201: InboxSerializer})
    def post(self, request, account_id: int):
        serializer = InboxInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        fields.setdefault("channel_type", Inbox.ChannelType.WEBSITE)
        inbox = services.create_inbox(account=self.account, **fields)
        return Response(self.get_serializer(inbox).data, status=status.HTTP_201_CREATED)


class InboxDetailView(InboxMixin, generics.GenericAPIView):
    """One inbox and its widget settings."""

    serializer_class = InboxSerializer

    def get(self, request, account_id: int, inbox_id: int):
        return Response(self.get_serializer(self.get_inbox()).data)

    @extend_schema(request=InboxInputSerializer, responses=InboxSerializer)
    def patch(self, request, account_id: int, inbox_id: int):
        inbox = self.get_inbox()
        serializer = InboxInputSerializer(inbox, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        inbox = services.update_inbox(inbox=inbox, **serializer.validated_data)
        return Response(self.get_serializer(inbox).data)


class InboxMembersView(InboxMixin, generics.GenericAPIView):
    """The agents of one inbox."""

    serializer_class = AgentSerializer

    @extend_schema(responses=INBOX_MEMBER_LIST)
    def get(self, request, account_id: int, inbox_id: int):
        agents = selectors.inbox_agents(inbox=self.get_inbox())
        return Response({"payload": AgentSerializer(agents, many=True).data})


inbox_members_schema = extend_schema(
    request=InboxMembersSerializer,
    responses=INBOX_MEMBER_LIST,
)


class InboxMembersUpdateView(InboxMixin, generics.GenericAPIView):
    """Add (POST), replace (PATCH) or remove (DELETE) an inbox's agents."""

    serializer_class = InboxMembersSerializer
    member_changes = {
        "POST": services.add_inbox_members,
        "PATCH": services.set_inbox_members,
        "DELETE": services.remove_inbox_members,
    }

    def change(self, request):
        serializer = InboxMembersSerializer(
            data=request.data, context={"account": self.account}
        )
        serializer.is_valid(raise_exception=True)
        inbox = selectors.get_inbox(
            membership=self.membership, inbox_id=serializer.validated_data["inbox_id"]
        )
        self.member_changes[request.method](
            inbox=inbox, users=serializer.validated_data["user_ids"]
        )
        agents = selectors.inbox_agents(inbox=inbox)
        return Response({"payload": AgentSerializer(agents, many=True).data})

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
    permission_classes = [IsAdministratorOrReadOnly]
    serializer_class = TeamSerializer

    def get_team(self):
        return selectors.get_team(account=self.account, team_id=self.kwargs["team_id"])


class TeamListView(TeamMixin, generics.GenericAPIView):
    """The account's teams."""

    @extend_schema(responses=TeamSerializer(many=True))
    def get(self, request, account_id: int):
        teams = selectors.account_teams(account=self.account)
        return Response(TeamSerializer(teams, many=True).data)

    @extend_schema(request=TeamInputSerializer, responses={201: TeamSerializer})
    def post(self, request, account_id: int):
        serializer = TeamInputSerializer(
            data=request.data, context={"account": self.account}
        )
        serializer.is_valid(raise_exception=True)
        team = services.create_team(account=self.account, **serializer.validated_data)
        return Response(TeamSerializer(team).data, status=status.HTTP_201_CREATED)


class TeamDetailView(TeamMixin, generics.GenericAPIView):
    """One team: read, rename, delete."""

    def get(self, request, account_id: int, team_id: int):
        return Response(TeamSerializer(self.get_team()).data)

    @extend_schema(request=TeamInputSerializer, responses=TeamSerializer)
    def patch(self, request, account_id: int, team_id: int):
        team = self.get_team()
        serializer = TeamInputSerializer(
            team, data=request.data, partial=True, context={"account": self.account}
        )
        serializer.is_valid(raise_exception=True)
        team = services.update_team(team=team, **serializer.validated_data)
        return Response(TeamSerializer(team).data)

    @extend_schema(responses={204: None})
    def delete(self, request, account_id: int, team_id: int):
        services.delete_team(team=self.get_team())
        return Response(status=status.HTTP_204_NO_CONTENT)


team_members_schema = extend_schema(
    request=UserIdsSerializer, responses=AgentSerializer(many=True)
)


class TeamMembersView(TeamMixin, generics.GenericAPIView):
    """A team's agents: list, add (POST), replace (PATCH), remove (DELETE)."""

    serializer_class = UserIdsSerializer
    member_changes = {
        "POST": services.add_team_members,
        "PATCH": services.set_team_members,
        "DELETE": services.remove_team_members,
    }

    @extend_schema(responses=AgentSerializer(many=True))
    def get(self, request, account_id: int, team_id: int):
        agents = selectors.team_agents(team=self.get_team())
        return Response(AgentSerializer(agents, many=True).data)

    def change(self, request):
        team = self.get_team()
        serializer = UserIdsSerializer(
            data=request.data, context={"account": self.account}
        )
        serializer.is_valid(raise_exception=True)
        self.member_changes[request.method](
            team=team, users=serializer.validated_data["user_ids"]
        )
        agents = selectors.team_agents(team=team)
        return Response(AgentSerializer(agents, many=True).data)

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
    permission_classes = [IsAdministratorOrReadOnly]
    serializer_class = AgentSerializer

    def get_agent(self) -> AccountUser:
        return selectors.get_agent(account=self.account, user_id=self.kwargs["user_id"])


class AgentListView(AgentMixin, generics.GenericAPIView):
    """The account's agents and administrators; add one."""

    @extend_schema(responses=AgentSerializer(many=True))
    def get(self, request, account_id: int):
        agents = selectors.account_agents(account=self.account)
        return Response(AgentSerializer(agents, many=True).data)

    @extend_schema(request=AgentCreateSerializer, responses={201: AgentSerializer})
    def post(self, request, account_id: int):
        serializer = AgentCreateSerializer(
            data=request.data, context={"account": self.account}
        )
        serializer.is_valid(raise_exception=True)
        membership = services.add_agent(
            account=self.account, **serializer.validated_data
        )
        return Response(
            AgentSerializer(membership).data, status=status.HTTP_201_CREATED
        )


class AgentDetailView(AgentMixin, generics.GenericAPIView):
    """One agent: read, change role or availability, remove from the account."""

    def get(self, request, account_id: int, user_id: int):
        return Response(AgentSerializer(self.get_agent()).data)

    @extend_schema(request=AgentUpdateSerializer, responses=AgentSerializer)
    def patch(self, request, account_id: int, user_id: int):
        serializer = AgentUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            membership = services.update_agent(
                membership=self.get_agent(), **serializer.validated_data
            )
        except services.LastAdministratorError as error:
            raise ValidationError({"role": str(error)}) from error
        return Response(AgentSerializer(membership).data)

    @extend_schema(responses={204: None})
    def delete(self, request, account_id: int, user_id: int):
        try:
            services.remove_agent(membership=self.get_agent())
        except services.LastAdministratorError as error:
            raise ValidationError(str(error)) from error
        return Response(status=status.HTTP_204_NO_CONTENT)


### Errors outside DRF views


API_PREFIXES = ("/api/", "/public/api/")


def not_found(request, exception=None, **kwargs):
    """404 for unknown URLs: JSON under the APIs, Django's page elsewhere.

    Both ``handler404`` and the APIs' last route (any method) answer with it.
    """
    if request.path.startswith(API_PREFIXES):
        return JsonResponse({"error": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request, exception=None):
    """400 for requests Django refuses before a view runs (e.g. an oversize body)."""
    if request.path.startswith(API_PREFIXES):
        message = str(exception) if exception else "Bad request."
        return JsonResponse({"error": message}, status=400)
    return defaults.bad_request(request, exception)


def server_error(request):
    """500 as JSON under the APIs, so clients can always parse an answer."""
    if request.path.startswith(API_PREFIXES):
        return JsonResponse({"error": "Server error."}, status=500)
    return defaults.server_error(request)
