"""Account-scoped reads of memberships, inboxes, teams and agents.

Every lookup takes the account (or the caller's membership), so an id from
another account is simply not found.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from onechat.models import Account, AccountUser, Inbox, Team, User


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


def inbox_agents(*, inbox: Inbox) -> QuerySet[AccountUser]:
    """The memberships of the agents who work an inbox."""
    return account_agents(account=inbox.account).filter(user__inboxmember__inbox=inbox)


def inbox_workers(*, inbox: Inbox) -> QuerySet[User]:
    """Users who may work an inbox: the account's administrators and its members."""
    return User.objects.filter(
        Q(
            memberships__account_id=inbox.account_id,
            memberships__role=AccountUser.Role.ADMINISTRATOR,
        )
        | Q(inboxmember__inbox=inbox, memberships__account_id=inbox.account_id)
    ).distinct()


def account_teams(*, account: Account) -> QuerySet[Team]:
    """The account's teams by name."""
    return Team.objects.filter(account=account).order_by("name", "id")


def get_team(*, account: Account, team_id: int) -> Team:
    """One team of the account; 404 otherwise."""
    team = account_teams(account=account).filter(pk=team_id).first()
    if team is None:
        raise Http404("Team not found")
    return team


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


def get_profile(*, user_id: int) -> User:
    """A user with their memberships and accounts loaded, for the profile."""
    return User.objects.prefetch_related("memberships__account").get(pk=user_id)
