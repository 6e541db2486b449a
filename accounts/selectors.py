"""Account-scoped reads of memberships, inboxes, teams and agents.

Every lookup takes the account (or the caller's membership), so an id from
another account is simply not found.
"""

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import (
    Account,
    AccountUser,
    CustomAttributeDefinition,
    Inbox,
    InboxMember,
    Invitation,
    Team,
    User,
)
from common.tokens import token_digest


def get_membership(*, user: User, account_id: int) -> AccountUser:
    """The user's membership of an account; 404 when the user is not a member."""
    membership = (
        AccountUser.objects.select_related("account")
        .filter(user=user, account_id=account_id)
        .first()
    )
    if membership is None:
        raise Http404("Account not found")
    return membership


def memberships_of(*, user: User) -> QuerySet[AccountUser]:
    """The accounts a user belongs to, oldest membership first."""
    return (
        AccountUser.objects.select_related("account").filter(user=user).order_by("id")
    )


def get_public_inbox(*, identifier: str) -> Inbox:
    """The inbox a public client API path names; 404 when unknown."""
    if "\x00" in identifier:
        # A NUL from a percent-encoded path cannot be sent to PostgreSQL.
        raise Http404("Inbox not found")
    inbox = (
        Inbox.objects.select_related("account").filter(identifier=identifier).first()
    )
    if inbox is None:
        raise Http404("Inbox not found")
    return inbox


def visible_inboxes(*, membership: AccountUser) -> QuerySet[Inbox]:
    """Inboxes a member may see: all for administrators, their own for agents."""
    inboxes = Inbox.objects.filter(account_id=membership.account_id)
    if not membership.is_administrator:
        inboxes = inboxes.filter(inboxmember__user_id=membership.user_id)
    return inboxes.order_by("id")


def get_inbox(*, membership: AccountUser, inbox_id: int) -> Inbox:
    """One inbox the member may see; 404 otherwise."""
    inbox = visible_inboxes(membership=membership).filter(pk=inbox_id).first()
    if inbox is None:
        raise Http404("Inbox not found")
    return inbox


def inbox_member_agents(*, inbox: Inbox) -> QuerySet[AccountUser]:
    """The memberships of the agents who work an inbox."""
    return account_agents(account=inbox.account).filter(user__inboxmember__inbox=inbox)


def inbox_agents(*, account_id: int, inbox_id: int) -> QuerySet[User]:
    """The active users who answer an inbox: its members and the account's
    administrators.

    The one definition behind assignment, the audience of an inbox's events
    and the widget's "agents online".
    """
    administrators = AccountUser.objects.filter(
        account_id=account_id, role=AccountUser.Role.ADMINISTRATOR
    ).values("user_id")
    members = InboxMember.objects.filter(
        inbox_id=inbox_id, user__memberships__account_id=account_id
    ).values("user_id")
    return User.objects.filter(is_active=True).filter(
        Q(pk__in=administrators) | Q(pk__in=members)
    )


def inbox_agent_availability(*, inbox: Inbox) -> list[tuple[int, str]]:
    """``(user id, availability)`` of each agent of ``inbox`` in its account."""
    return list(
        AccountUser.objects.filter(
            account_id=inbox.account_id,
            user__in=inbox_agents(account_id=inbox.account_id, inbox_id=inbox.pk),
        ).values_list("user_id", "availability")
    )


# A dashboard socket's "seen" time (``AccountUser.last_seen_at``) is written
# at most this often while it stays open: auto-offline needs minutes, not
# the presence pings' seconds.
SEEN_WRITE_SECONDS = 60


def presence_since() -> datetime:
    """Agents whose socket was seen after this still have one open: writes
    come at most ``SEEN_WRITE_SECONDS`` apart, pings at most 60 s."""
    return timezone.now() - timedelta(seconds=SEEN_WRITE_SECONDS + 60)


def shown_availability(membership: AccountUser, *, since: datetime) -> str:
    """The availability others see (Chatwoot's ``availability_status``): the
    chosen one while a dashboard socket was seen after ``since`` or when
    auto-offline is off, else offline (what ``presence.update`` says)."""
    seen = membership.last_seen_at is not None and membership.last_seen_at >= since
    if seen or not membership.auto_offline:
        return membership.availability
    return AccountUser.Availability.OFFLINE


def account_teams(*, account: Account) -> QuerySet[Team]:
    """The account's teams by name."""
    return Team.objects.filter(account=account).order_by("name", "id")


def get_team(*, account: Account, team_id: int) -> Team:
    """One team of the account; 404 otherwise."""
    team = account_teams(account=account).filter(pk=team_id).first()
    if team is None:
        raise Http404("Team not found")
    return team


def team_ids_of(*, user: User, account: Account) -> set[int]:
    """The ids of ``user``'s teams in ``account``."""
    return set(
        Team.objects.filter(account=account, members=user).values_list("id", flat=True)
    )


def team_agents(*, team: Team) -> QuerySet[AccountUser]:
    """The memberships of a team's agents."""
    return account_agents(account=team.account).filter(user__teammember__team=team)


def account_agents(*, account: Account) -> QuerySet[AccountUser]:
    """The account's memberships (agents and administrators), with their users."""
    return (
        AccountUser.objects.select_related("user")
        .filter(account=account)
        .order_by("user__name", "id")
    )


def get_agent(*, account: Account, user_id: int) -> AccountUser:
    """One member of the account by user id; 404 otherwise."""
    membership = account_agents(account=account).filter(user_id=user_id).first()
    if membership is None:
        raise Http404("Agent not found")
    return membership


def account_invitations(*, account: Account) -> QuerySet[Invitation]:
    """The account's invitations not yet answered, with their users."""
    return (
        Invitation.objects.select_related("user").filter(account=account).order_by("id")
    )


def get_agent_or_invitation(
    *, account: Account, user_id: int
) -> AccountUser | Invitation:
    """The member of the account with this user id, or the account's own
    pending invitation of that user; 404 otherwise (another account's
    members and invitations included)."""
    membership = account_agents(account=account).filter(user_id=user_id).first()
    if membership is not None:
        return membership
    invitation = account_invitations(account=account).filter(user_id=user_id).first()
    if invitation is None:
        raise Http404("Agent not found")
    return invitation


def inbox_member_invitations(*, inbox: Inbox) -> QuerySet[Invitation]:
    """The pending invitations of the account whose users were already made
    members of ``inbox``: they work it once they accept."""
    return account_invitations(account=inbox.account).filter(
        user__inboxmember__inbox=inbox
    )


def team_invitations(*, team: Team) -> QuerySet[Invitation]:
    """The pending invitations of the account whose users were already put
    in ``team``."""
    return account_invitations(account=team.account).filter(user__teammember__team=team)


def get_profile(*, user_id: int) -> User:
    """A user with their memberships and accounts loaded, for the profile."""
    return User.objects.prefetch_related("memberships__account").get(pk=user_id)


def invitations_of(*, user: User) -> QuerySet[Invitation]:
    """The invitations waiting for the user's answer, with their accounts."""
    return Invitation.objects.select_related("account").filter(user=user)


def get_invitation(*, user: User, invitation_id: int) -> Invitation:
    """One of the user's own invitations; 404 for anyone else's."""
    invitation = invitations_of(user=user).filter(pk=invitation_id).first()
    if invitation is None:
        raise Http404("Invitation not found")
    return invitation


def attribute_definitions(
    *, account: Account, attribute_model: int | None = None
) -> QuerySet[CustomAttributeDefinition]:
    """The account's custom attribute definitions, of one model if given."""
    found = CustomAttributeDefinition.objects.filter(account=account)
    if attribute_model is not None:
        found = found.filter(attribute_model=attribute_model)
    return found


def get_attribute_definition(
    *, account: Account, definition_id: int
) -> CustomAttributeDefinition:
    """One definition of the account; 404 otherwise."""
    found = attribute_definitions(account=account).filter(pk=definition_id).first()
    if found is None:
        raise Http404("Custom attribute definition not found")
    return found


def get_invitation_by_link(*, key: str) -> Invitation | None:
    """The invitation an invitation email's link opens: its latest link, not
    expired, not yet answered (answering deletes it); None otherwise."""
    return (
        Invitation.objects.select_related("account", "user", "invited_by")
        .filter(link_key_hash=token_digest(key), link_expires_at__gt=timezone.now())
        .first()
    )
