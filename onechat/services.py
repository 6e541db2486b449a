"""Writes on accounts' inboxes, teams, agents and the user's own profile."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from conversations.services import assign_agent
from onechat.models import (
    Account,
    AccountUser,
    Inbox,
    InboxMember,
    Team,
    TeamMember,
    User,
)


class LastAdministratorError(ValueError):
    """Raised when a change would leave an account without any administrator."""


def create_inbox(
    *, account: Account, name: str, channel_type: str, **fields: Any
) -> Inbox:
    """Add a website or API inbox to an account."""
    return Inbox.objects.create(
        account=account, name=name, channel_type=channel_type, **fields
    )


def update_inbox(*, inbox: Inbox, **fields: Any) -> Inbox:
    """Change an inbox's name or widget settings."""
    for name, value in fields.items():
        setattr(inbox, name, value)
    inbox.save()
    return inbox


def add_inbox_members(*, inbox: Inbox, users: Iterable[User]) -> None:
    """Let more agents work an inbox."""
    inbox.members.add(*users)


def set_inbox_members(*, inbox: Inbox, users: Iterable[User]) -> None:
    """Make exactly ``users`` the agents of an inbox."""
    inbox.members.set(list(users))


def remove_inbox_members(*, inbox: Inbox, users: Iterable[User]) -> None:
    """Take agents off an inbox."""
    inbox.members.remove(*users)


def create_team(
    *,
    account: Account,
    name: str,
    description: str = "",
    allow_auto_assign: bool = True,
) -> Team:
    """Add a team to an account."""
    return Team.objects.create(
        account=account,
        name=name,
        description=description,
        allow_auto_assign=allow_auto_assign,
    )


def update_team(*, team: Team, **fields: Any) -> Team:
    """Rename a team or change its description."""
    for name, value in fields.items():
        setattr(team, name, value)
    team.save()
    return team


def delete_team(*, team: Team) -> None:
    """Delete a team; its conversations stay, without a team."""
    team.delete()


def add_team_members(*, team: Team, users: Iterable[User]) -> None:
    """Add agents to a team."""
    team.members.add(*users)


def set_team_members(*, team: Team, users: Iterable[User]) -> None:
    """Make exactly ``users`` the agents of a team."""
    team.members.set(list(users))


def remove_team_members(*, team: Team, users: Iterable[User]) -> None:
    """Take agents off a team."""
    team.members.remove(*users)


@transaction.atomic
def add_agent(
    *,
    account: Account,
    email: str,
    name: str = "",
    role: str = AccountUser.Role.AGENT,
    availability: str = AccountUser.Availability.ONLINE,
    password: str | None = None,
) -> AccountUser:
    """Make a person an agent of the account, creating their user when new.

    A new user without a password gets an unusable one: they are invited and
    set it through a password reset.
    """
    user = User.objects.filter(email=email.lower()).first()
    if user is None:
        user = User.objects.create_user(email, password, name=name or email)
    return AccountUser.objects.create(
        account=account, user=user, role=role, availability=availability
    )


@transaction.atomic
def update_agent(*, membership: AccountUser, **fields: Any) -> AccountUser:
    """Change an agent's role, availability or auto-offline flag in one account."""
    membership = AccountUser.objects.select_for_update().get(pk=membership.pk)
    if (
        fields.get("role") == AccountUser.Role.AGENT
        and membership.is_administrator
        and not _other_administrators(membership).exists()
    ):
        raise LastAdministratorError("An account needs at least one administrator.")
    for name, value in fields.items():
        setattr(membership, name, value)
    membership.save()
    return membership


@transaction.atomic
def remove_agent(*, membership: AccountUser) -> None:
    """Remove an agent from the account: its inboxes, teams and assignments too.

    Publishes ``assignee.changed`` for each conversation that loses its assignee.
    """
    membership = AccountUser.objects.select_for_update().get(pk=membership.pk)
    if membership.is_administrator and not _other_administrators(membership).exists():
        raise LastAdministratorError("An account needs at least one administrator.")
    account_id, user = membership.account_id, membership.user
    InboxMember.objects.filter(inbox__account_id=account_id, user=user).delete()
    TeamMember.objects.filter(team__account_id=account_id, user=user).delete()
    for conversation in user.assigned_conversations.filter(account_id=account_id):
        assign_agent(conversation=conversation, assignee=None)
    membership.delete()


def _other_administrators(membership: AccountUser):
    return AccountUser.objects.filter(
        account_id=membership.account_id, role=AccountUser.Role.ADMINISTRATOR
    ).exclude(pk=membership.pk)


def update_profile(
    *,
    user: User,
    name: str | None = None,
    display_name: str | None = None,
    password: str | None = None,
) -> User:
    """Change the user's names or password.

    A new password rotates the pubsub token, which ends the user's live
    subscriptions.
    """
    if name is not None:
        user.name = name
    if display_name is not None:
        user.display_name = display_name
    if password is not None:
        user.set_password(password)
    user.save()
    return user


def set_availability(*, membership: AccountUser, availability: str) -> AccountUser:
    """Set the availability the user shows in one account."""
    membership.availability = availability
    membership.save(update_fields=["availability"])
    return membership
