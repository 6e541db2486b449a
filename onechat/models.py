"""Accounts, users and how they work together: memberships, inboxes and teams."""

import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import F
from django.utils import timezone

from onechat.tokens import gravatar_url, new_token


class Account(models.Model):
    """A company using OneChat: everything else belongs to exactly one account."""

    name = models.CharField(max_length=255)
    # Last display id handed to a conversation; see next_conversation_display_id().
    last_conversation_display_id = models.PositiveIntegerField(
        default=0, editable=False
    )
    # Changes whenever who hears an inbox's events may change (inbox members,
    # roles, tokens, deactivations): server processes reuse the agent audience
    # of an inbox while it holds. See change_roster().
    roster_version = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def change_roster(account_ids: Iterable[int] | models.QuerySet) -> None:
        """Give the accounts (ids, or a query of ids) a new roster version, in
        the caller's transaction."""
        Account.objects.filter(pk__in=account_ids).update(roster_version=uuid.uuid4())

    def next_conversation_display_id(self) -> int:
        """Reserve the next per-account conversation display id.

        The UPDATE takes the account row's write lock until the surrounding
        transaction ends, so concurrent callers get distinct, gap-free ids.
        Call inside ``transaction.atomic()``.
        """
        Account.objects.filter(pk=self.pk).update(
            last_conversation_display_id=F("last_conversation_display_id") + 1
        )
        return (
            Account.objects.filter(pk=self.pk)
            .values_list("last_conversation_display_id", flat=True)
            .get()
        )


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(
        self, email: str, password: str | None = None, **fields: Any
    ) -> "User":
        """Create a user who signs in with ``email`` and ``password``."""
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(
        self, email: str, password: str | None = None, **fields: Any
    ) -> "User":
        """Create a user with access to the Django admin."""
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person working in OneChat: an agent or administrator of some accounts."""

    email = models.EmailField(unique=True)
    name = models.CharField(max_length=255)
    display_name = models.CharField(max_length=255, blank=True)
    # Bearer capability for /cable; rotates whenever the password changes.
    pubsub_token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False
    )
    # The `api_access_token` header value of the Application API.
    access_token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False
    )
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.email

    def set_password(self, raw_password: str | None) -> None:
        """Set the password and rotate the pubsub token, ending live subscriptions."""
        super().set_password(raw_password)
        self.pubsub_token = new_token()

    @property
    def available_name(self) -> str:
        return self.display_name or self.name

    @property
    def avatar_url(self) -> str:
        return gravatar_url(self.email)


class AccountUser(models.Model):
    """A user's membership of an account: role and chosen availability."""

    class Role(models.TextChoices):
        AGENT = "agent"
        ADMINISTRATOR = "administrator"

    class Availability(models.TextChoices):
        ONLINE = "online"
        BUSY = "busy"
        OFFLINE = "offline"

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.AGENT)
    availability = models.CharField(
        max_length=16, choices=Availability.choices, default=Availability.ONLINE
    )
    # When on, the agent shows as offline once their presence window lapses.
    auto_offline = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["account", "user"], name="unique_account_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.account} ({self.role})"

    @property
    def is_administrator(self) -> bool:
        return self.role == self.Role.ADMINISTRATOR


class Inbox(models.Model):
    """A channel customers reach the account through: a website widget or the API."""

    class ChannelType(models.TextChoices):
        WEBSITE = "website"
        API = "api"

    # The reference's channel class names, as clients expect them on the wire.
    CHANNEL_NAMES = {
        ChannelType.WEBSITE: "Channel::WebWidget",
        ChannelType.API: "Channel::Api",
    }

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="inboxes"
    )
    name = models.CharField(max_length=255)
    channel_type = models.CharField(max_length=16, choices=ChannelType.choices)
    # Public id of the client API: /public/api/v1/inboxes/<identifier>/.
    identifier = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False
    )
    # Embedded in the website snippet; identifies the widget's inbox.
    website_token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False
    )
    website_url = models.CharField(max_length=255, blank=True)
    # Secret the customer's backend signs visitor identifiers with.
    hmac_token = models.CharField(max_length=64, default=new_token, editable=False)
    hmac_mandatory = models.BooleanField(default=False)
    widget_enabled = models.BooleanField(default=True)
    widget_color = models.CharField(max_length=16, default="#1f93ff")
    welcome_title = models.CharField(max_length=255, blank=True, default="Hi there!")
    welcome_tagline = models.CharField(max_length=255, blank=True)
    greeting_enabled = models.BooleanField(default=False)
    greeting_message = models.TextField(blank=True)
    # Ask visitors for an email when no agent has answered.
    email_collect_enabled = models.BooleanField(default=True)
    members = models.ManyToManyField(
        User, through="InboxMember", related_name="inboxes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "inboxes"

    def __str__(self) -> str:
        return self.name

    @property
    def channel_name(self) -> str:
        return self.CHANNEL_NAMES[self.channel_type]

    @property
    def is_website(self) -> bool:
        return self.channel_type == self.ChannelType.WEBSITE


class InboxMember(models.Model):
    """An agent who works an inbox's conversations."""

    inbox = models.ForeignKey(Inbox, on_delete=models.CASCADE)
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["inbox", "user"], name="unique_inbox_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.inbox}"


class Team(models.Model):
    """A group of agents that conversations can be handed to."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    allow_auto_assign = models.BooleanField(default=True)
    members = models.ManyToManyField(User, through="TeamMember", related_name="teams")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["account", "name"], name="unique_team_name")
        ]

    def __str__(self) -> str:
        return self.name


class TeamMember(models.Model):
    """An agent's membership of a team."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE)
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="unique_team_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.team}"
