"""Accounts, users and how they work together: memberships, inboxes and teams."""

import secrets
import uuid
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.tokens import gravatar_url, new_token
from common.tracking import TrackedFieldsModel

# The highest limit of open conversations per agent auto-assignment accepts.
AUTO_ASSIGNMENT_MAX = 1000


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
    # Open conversations an agent is given at most by auto-assignment; None:
    # no limit. An inbox and an agent may each override it.
    auto_assignment_limit = models.PositiveIntegerField(null=True, blank=True)
    # The company's own web domain and support address, as its administrators
    # set them (``PATCH accounts/<id>``).
    domain = models.CharField(max_length=255, blank=True)
    support_email = models.EmailField(blank=True)
    # Facts about the company the reference's clients keep here: industry,
    # company size, time zone.
    custom_attributes = models.JSONField(default=dict, blank=True)
    # The language of the lines OneChat writes into conversations ("Assigned
    # to Ana"), as API clients read them: a ``settings.LANGUAGES`` code.
    locale = models.CharField(max_length=16, default="en")
    # Days after their last activity a contact's personal data is erased,
    # and days an attachment is kept; None keeps them forever.
    contact_retention_days = models.PositiveIntegerField(null=True, blank=True)
    attachment_retention_days = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(auto_assignment_limit__range=(1, AUTO_ASSIGNMENT_MAX)),
                name="account_auto_assignment_limit_range",
            )
        ]

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
    # The `api_access_token` header value of the Application API; rotates with
    # the password or on request (reset_access_token).
    access_token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False
    )
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # The dashboard's settings of this user, as the reference's clients keep
    # them (``locale``: the language of the dashboard).
    ui_settings = models.JSONField(default=dict, blank=True)
    # Text the dashboard (and the reference's clients) add under the user's
    # replies; stored as typed, drawn as text.
    message_signature = models.TextField(blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.email

    def set_password(self, raw_password: str | None) -> None:
        """Set the password and rotate both tokens: live subscriptions end and
        the old API access token stops working."""
        super().set_password(raw_password)
        self.pubsub_token = new_token()
        self.access_token = new_token()

    @property
    def available_name(self) -> str:
        return self.display_name or self.name

    @property
    def locale(self) -> str:
        """The language the user chose for the dashboard ("" for none)."""
        return str(self.ui_settings.get("locale") or "")

    @property
    def avatar_url(self) -> str:
        return gravatar_url(self.email)


class AccountUser(TrackedFieldsModel):
    """A user's membership of an account: role and chosen availability."""

    # A role change changes what the agent may do with conversations.
    tracked_fields = ("role",)

    class Role(models.TextChoices):
        AGENT = "agent"
        ADMINISTRATOR = "administrator"

    class Availability(models.TextChoices):
        ONLINE = "online", _("Online")
        BUSY = "busy", _("Busy")
        OFFLINE = "offline", _("Offline")

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
    # This agent's own limit of open conversations from auto-assignment,
    # over the inbox's and the account's.
    auto_assignment_limit = models.PositiveIntegerField(null=True, blank=True)
    # When auto-assignment last gave the agent a conversation: among agents
    # with the same load, the one idle longest goes first.
    last_assigned_at = models.DateTimeField(null=True, blank=True)
    # When a dashboard socket of the agent was last seen (written at most once
    # a minute while open, and when it closes): auto-offline reads it.
    last_seen_at = models.DateTimeField(null=True, blank=True)
    # Who invited the user into the account (None for its creator, and when
    # that administrator's user is gone): the profile's ``inviter_id``.
    inviter = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["account", "user"], name="unique_account_membership"
            ),
            models.CheckConstraint(
                condition=Q(auto_assignment_limit__range=(1, AUTO_ASSIGNMENT_MAX)),
                name="member_auto_assignment_limit_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.account} ({self.role})"

    @property
    def is_administrator(self) -> bool:
        return self.role == self.Role.ADMINISTRATOR


class Invitation(models.Model):
    """An account's offer of a membership: nothing of the account is the
    user's until they accept it, whether or not the email was registered.

    The account names the pending agent by the user's id and may already put
    them in inboxes and teams (Chatwoot's unconfirmed user); those rows grant
    nothing without the membership, which only accepting creates.
    """

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="invitations"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    # The name the administrator typed: the account shows it, not the user's
    # own name, until the user accepts.
    name = models.CharField(max_length=255, blank=True)
    role = models.CharField(
        max_length=16, choices=AccountUser.Role.choices, default=AccountUser.Role.AGENT
    )
    availability = models.CharField(
        max_length=16,
        choices=AccountUser.Availability.choices,
        default=AccountUser.Availability.ONLINE,
    )
    # Who sent it: the email names them to the person invited.
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The invitation email's link carries a random key; only its SHA-256 is
    # kept, so neither the database nor the account can rebuild the link.
    link_key_hash = models.CharField(
        max_length=64, blank=True, db_index=True, editable=False
    )
    link_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "user"], name="unique_account_invitation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} invited to {self.account}"


def inbox_avatar_path(inbox: "Inbox", filename: str) -> str:
    """Where an inbox's avatar is stored: a random folder (/media is served
    without a session, so the URL must be impossible to guess) and a name of
    OneChat's own with the checked extension."""
    extension = PurePath(filename).suffix.lower()
    return f"avatars/{secrets.token_hex(16)}/avatar{extension}"


class Inbox(models.Model):
    """A channel customers reach the account through: a website widget or the API."""

    class ChannelType(models.TextChoices):
        WEBSITE = "website"
        API = "api"

    class WrapUp(models.TextChoices):
        OFF = "off"
        OPTIONAL = "optional"
        REQUIRED = "required"

    class ReplyTime(models.TextChoices):
        FEW_MINUTES = "in_a_few_minutes"
        FEW_HOURS = "in_a_few_hours"
        A_DAY = "in_a_day"

    class DarkMode(models.TextChoices):
        LIGHT = "light"
        DARK = "dark"
        AUTO = "auto"

    class CsatDisplayType(models.TextChoices):
        EMOJI = "emoji"
        STAR = "star"

    class SenderNameType(models.TextChoices):
        FRIENDLY = "friendly"
        PROFESSIONAL = "professional"

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
    # Agents' replies a visitor who left has not read go to the contact's
    # email, and their email replies come back (continuity/).
    continuity_via_email = models.BooleanField(default=True)
    # The widget's language for visitors whose browser speaks none of OneChat's
    # (a code of settings.LANGUAGES; "" for English).
    locale = models.CharField(max_length=16, blank=True, default="")
    # Resolving in the dashboard first asks for labels and a private note:
    # never, with a skip, or without one (``conversations.wrap_up``).
    wrap_up = models.CharField(
        max_length=16, choices=WrapUp.choices, default=WrapUp.OFF
    )
    # New and reopened conversations go to an available member, or wait in
    # the inbox's queue (routing/).
    enable_auto_assignment = models.BooleanField(default=True)
    # {"max_assignment_limit": n}: the inbox's limit of open conversations
    # per agent, over the account's.
    auto_assignment_config = models.JSONField(default=dict, blank=True)
    # Business hours: when on, outside ``working_hours`` (Chatwoot's list of
    # {day_of_week (0 is Sunday), open_hour, open_minutes, close_hour,
    # close_minutes, closed_all_day, open_all_day} in ``timezone``) the widget
    # says when the team is back and a visitor's message gets
    # ``out_of_office_message`` once per conversation.
    working_hours_enabled = models.BooleanField(default=False)
    working_hours = models.JSONField(default=list, blank=True)
    timezone = models.CharField(max_length=64, default="UTC")
    out_of_office_message = models.TextField(blank=True)
    # Dated closures on top of ``working_hours``: a list of {date
    # ("YYYY-MM-DD", in ``timezone``), name, recurring (every year on that
    # day)}: closed all day while business hours are on.
    holidays = models.JSONField(default=list, blank=True)
    # How soon the widget's header says the team replies (Chatwoot's values).
    reply_time = models.CharField(
        max_length=32, choices=ReplyTime.choices, default=ReplyTime.FEW_MINUTES
    )
    # The image the widget's header shows beside the title.
    avatar = models.FileField(upload_to=inbox_avatar_path, max_length=255, blank=True)
    # The widget's colour scheme; "auto" follows the visitor's system.
    dark_mode = models.CharField(
        max_length=8, choices=DarkMode.choices, default=DarkMode.LIGHT
    )
    # The client API's "start a conversation" continues the contact's latest
    # conversation instead of opening another (Chatwoot's setting; the widget
    # always continues its session's conversation).
    lock_to_single_conversation = models.BooleanField(default=False)
    # Resolving a conversation asks the contact to rate it (``csat/``): with
    # emoji or stars, under ``csat_question`` ("" for OneChat's own words).
    csat_survey_enabled = models.BooleanField(default=False)
    csat_display_type = models.CharField(
        max_length=8, choices=CsatDisplayType.choices, default=CsatDisplayType.EMOJI
    )
    csat_question = models.CharField(max_length=500, blank=True)
    # Voice and video calls between agents and visitors (calls/), and
    # whether a visitor may share their screen in one.
    calls_enabled = models.BooleanField(default=True)
    visitor_screen_sharing = models.BooleanField(default=False)
    # Chatwoot's outbound email sender: the agent's name with the business
    # name ("friendly") or the business name alone ("professional");
    # ``business_name`` "" stands for the inbox's name. OneChat keeps both for
    # clients; the only email contacts get is the CSAT survey's link.
    sender_name_type = models.CharField(
        max_length=16,
        choices=SenderNameType.choices,
        default=SenderNameType.FRIENDLY,
    )
    business_name = models.CharField(max_length=255, blank=True)
    # Chatwoot's pre-chat form: before a visitor's first message the widget
    # asks for ``pre_chat_form_options`` {pre_chat_message, pre_chat_fields:
    # [{name, type, label, placeholder, required, enabled, field_type
    # (standard, contact_attribute, conversation_attribute), values,
    # regex_pattern, regex_cue}]} (``accounts.prechat``).
    pre_chat_form_enabled = models.BooleanField(default=False)
    pre_chat_form_options = models.JSONField(default=dict, blank=True)
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

    @property
    def is_api(self) -> bool:
        return self.channel_type == self.ChannelType.API


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


class CustomAttributeDefinition(models.Model):
    """A custom attribute the account defines for its contacts or conversations:
    its key in ``custom_attributes``, how to show it, the values a list allows."""

    class Model(models.IntegerChoices):
        CONVERSATION = 0, "conversation_attribute"
        CONTACT = 1, "contact_attribute"

    class DisplayType(models.IntegerChoices):
        TEXT = 0, "text"
        NUMBER = 1, "number"
        CURRENCY = 2, "currency"
        PERCENT = 3, "percent"
        LINK = 4, "link"
        DATE = 5, "date"
        LIST = 6, "list"
        CHECKBOX = 7, "checkbox"

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="custom_attribute_definitions"
    )
    attribute_model = models.PositiveSmallIntegerField(choices=Model.choices)
    attribute_key = models.CharField(max_length=255)
    attribute_display_name = models.CharField(max_length=255)
    attribute_display_type = models.PositiveSmallIntegerField(
        choices=DisplayType.choices, default=DisplayType.TEXT
    )
    attribute_description = models.TextField(blank=True)
    # The choices of a list attribute.
    attribute_values = models.JSONField(default=list, blank=True)
    default_value = models.CharField(max_length=255, null=True, blank=True)
    regex_pattern = models.CharField(max_length=255, null=True, blank=True)
    regex_cue = models.CharField(max_length=255, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "attribute_model", "attribute_key"],
                name="unique_custom_attribute_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.attribute_key} ({self.get_attribute_model_display()})"
