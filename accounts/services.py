"""Writes on accounts' inboxes, teams, agents and the user's own profile."""

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import emails
from accounts.models import (
    Account,
    AccountUser,
    CustomAttributeDefinition,
    Inbox,
    InboxMember,
    Invitation,
    Team,
    TeamMember,
    User,
)
from accounts.signals import agent_removing, availability_changed, invitation_sent
from common.changes import apply_changes
from common.errors import DomainError
from common.tokens import new_token, token_digest


class LastAdministratorError(DomainError):
    """Raised when a change would leave an account without any administrator
    (a 400)."""

    code = "last_administrator"


def create_inbox(
    *, account: Account, name: str, channel_type: str, **fields: Any
) -> Inbox:
    """Add a website or API inbox to an account."""
    return Inbox.objects.create(
        account=account, name=name, channel_type=channel_type, **fields
    )


def update_inbox(*, inbox: Inbox, **fields: Any) -> Inbox:
    """Change an inbox's name, widget settings (a new ``avatar`` replaces the
    stored image), business hours or auto-assignment settings."""
    replaced = inbox.avatar.name if "avatar" in fields else ""
    with transaction.atomic():
        apply_changes(inbox, fields)
        inbox.save()
        if replaced:
            _delete_file_on_commit(inbox.avatar.storage, replaced)
    return inbox


def remove_inbox_avatar(*, inbox: Inbox) -> Inbox:
    """Take the inbox's avatar away; the widget shows none."""
    if not inbox.avatar:
        return inbox
    with transaction.atomic():
        stored, name = inbox.avatar.storage, inbox.avatar.name
        inbox.avatar = ""
        inbox.save(update_fields=["avatar"])
        _delete_file_on_commit(stored, name)
    return inbox


def _delete_file_on_commit(storage: Any, name: str) -> None:
    # A rolled-back change keeps pointing at the file: delete it only after.
    transaction.on_commit(lambda: storage.delete(name))


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
    apply_changes(team, fields)
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
def invite_agent(
    *,
    account: Account,
    email: str,
    name: str = "",
    role: str = AccountUser.Role.AGENT,
    availability: str = AccountUser.Availability.ONLINE,
    inviter: User | None = None,
) -> Invitation:
    """Invite a person by email to be an agent of the account, and email them
    a link to answer (the job ``tasks.send_invitation_email``, enqueued on
    ``invitation_sent``).

    Nobody joins without accepting (``accept_invitation``): a registered user
    and a new one are both only invited. A new email gets a user without a
    password (unconfirmed): only the person reading the email sets one
    (``join_with_invitation``). Either way the agents endpoints name the
    pending agent by that user's id at once, so the account can put them in
    inboxes and teams before they answer; they are offline and nobody routes
    to them until they join. Inviting the same email again updates the
    invitation and sends a new link.
    """
    email = email.lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, None, name=name or email)
    invitation, _ = Invitation.objects.update_or_create(
        account=account,
        user=user,
        defaults={
            "name": name,
            "role": role,
            "availability": availability,
            "invited_by": inviter,
        },
    )
    invitation_sent.send(sender=Invitation, invitation=invitation)
    return invitation


@transaction.atomic
def send_invitation(*, invitation_id: int) -> None:
    """Email the person invited a new link to answer the invitation; any
    earlier link stops working. Nothing when the invitation is gone."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("account", "user", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        return
    key = new_token(32)
    invitation.link_key_hash = token_digest(key)
    invitation.link_expires_at = timezone.now() + timedelta(
        days=settings.ONECHAT_INVITATION_LINK_DAYS
    )
    invitation.save(update_fields=["link_key_hash", "link_expires_at"])
    # Sent inside the transaction: a failed send keeps the earlier link.
    emails.send_invitation_email(invitation=invitation, key=key)


class RegisteredUserError(ValueError):
    """Raised when an invitation link would set a registered user's password."""


@transaction.atomic
def join_with_invitation(
    *, invitation: Invitation, name: str, password: str
) -> AccountUser:
    """A person new to OneChat, from the invitation email's link, chooses
    their name and password and accepts. A registered user keeps their
    password: they sign in and accept instead."""
    user = User.objects.select_for_update().get(pk=invitation.user_id)
    if user.has_usable_password():
        raise RegisteredUserError(_("This email is registered: sign in to answer."))
    user.name = name
    user.set_password(password)
    user.save()
    return accept_invitation(invitation=invitation)


def update_invitation(*, invitation: Invitation, **fields: Any) -> Invitation:
    """Change the role or availability an invitation offers."""
    apply_changes(invitation, fields)
    invitation.save()
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: Invitation) -> AccountUser:
    """Join the inviting account with the role the invitation offers."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    membership, _ = AccountUser.objects.get_or_create(
        account_id=invitation.account_id,
        user_id=invitation.user_id,
        defaults={
            "role": invitation.role,
            "availability": invitation.availability,
            "inviter_id": invitation.invited_by_id,
        },
    )
    invitation.delete()
    return membership


@transaction.atomic
def discard_invitation(*, invitation: Invitation) -> None:
    """Drop an invitation: the invited user declines it, or the account takes
    it back. The inboxes and teams of the account the user was put in before
    answering let them go; no account membership changes, so no
    subscription ends."""
    account_id, user_id = invitation.account_id, invitation.user_id
    if not AccountUser.objects.filter(account_id=account_id, user_id=user_id).exists():
        InboxMember.objects.filter(
            inbox__account_id=account_id, user_id=user_id
        ).delete()
        TeamMember.objects.filter(team__account_id=account_id, user_id=user_id).delete()
    invitation.delete()


@transaction.atomic
def update_agent(*, membership: AccountUser, **fields: Any) -> AccountUser:
    """Change an agent's role, availability, auto-offline flag or own
    auto-assignment limit in one account."""
    membership = AccountUser.objects.select_for_update().get(pk=membership.pk)
    if (
        fields.get("role") == AccountUser.Role.AGENT
        and membership.is_administrator
        and not _other_administrators(membership).exists()
    ):
        raise LastAdministratorError(
            _("An account needs at least one administrator."), field="role"
        )
    apply_changes(membership, fields)
    membership.save()
    return membership


@transaction.atomic
def remove_agent(*, membership: AccountUser) -> None:
    """Remove an agent from the account: its inboxes, teams and assignments too.

    Sends ``agent_removing`` first, on which conversations unassigns the
    agent (publishing ``assignee.changed`` for each conversation).
    """
    membership = AccountUser.objects.select_for_update().get(pk=membership.pk)
    if membership.is_administrator and not _other_administrators(membership).exists():
        raise LastAdministratorError(_("An account needs at least one administrator."))
    account_id, user = membership.account_id, membership.user
    InboxMember.objects.filter(inbox__account_id=account_id, user=user).delete()
    TeamMember.objects.filter(team__account_id=account_id, user=user).delete()
    agent_removing.send(sender=AccountUser, membership=membership)
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
    ui_settings: dict | None = None,
    message_signature: str | None = None,
) -> User:
    """Change the user's names, password, dashboard settings (``ui_settings``
    are merged into the stored ones) or message signature.

    A new password rotates the API access token and the pubsub token, which
    ends the user's live subscriptions.
    """
    if name is not None:
        user.name = name
    if display_name is not None:
        user.display_name = display_name
    if password is not None:
        user.set_password(password)
    if ui_settings is not None:
        user.ui_settings = {**user.ui_settings, **ui_settings}
    if message_signature is not None:
        user.message_signature = message_signature
    user.save()
    return user


def reset_access_token(*, user: User) -> User:
    """Give the user a new API access token; the old one stops working."""
    user.access_token = new_token()
    user.save(update_fields=["access_token"])
    return user


def set_availability(*, membership: AccountUser, availability: str) -> AccountUser:
    """Set the availability the user shows in one account. Publishes
    ``agent.available`` or ``agent.unavailable`` and, when it changed,
    ``presence.update`` to the account's agents and to the visitors of the
    agent's inboxes."""
    with transaction.atomic():
        changed = membership.availability != availability
        membership.availability = availability
        membership.save(update_fields=["availability"])
        if changed:
            availability_changed.send(sender=AccountUser, membership=membership)
    return membership


def update_account(*, account: Account, **fields: Any) -> Account:
    """Change the account's name, domain, support email, ``locale`` (the
    language of the lines OneChat writes) or ``custom_attributes`` (merged into
    the stored ones: industry, company size, time zone)."""
    changed = apply_changes(account, fields, merge=("custom_attributes",))
    account.save(update_fields=changed)
    return account


def create_attribute_definition(
    *, account: Account, **fields: Any
) -> CustomAttributeDefinition:
    """Define a custom attribute of the account's contacts or conversations.
    Values already stored under its key are kept as they are."""
    return CustomAttributeDefinition.objects.create(account=account, **fields)


def update_attribute_definition(
    *, definition: CustomAttributeDefinition, **fields: Any
) -> CustomAttributeDefinition:
    """Change how a custom attribute is named, shown or checked."""
    changed = apply_changes(definition, fields)
    definition.save(update_fields=[*changed, "updated_at"])
    return definition


def delete_attribute_definition(*, definition: CustomAttributeDefinition) -> None:
    """Forget a definition; contacts and conversations keep their values."""
    definition.delete()
