"""Wire shapes of users, memberships, inboxes and teams, and their inputs."""

import json
import re
from typing import Any
from zoneinfo import available_timezones

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.utils.translation import get_supported_language_variant, to_locale
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts import prechat
from accounts.avatars import check_avatar
from accounts.embed import embed_snippet, widget_base_url
from accounts.models import (
    AUTO_ASSIGNMENT_MAX,
    Account,
    AccountUser,
    CustomAttributeDefinition,
    Inbox,
    Invitation,
    Team,
    User,
)
from accounts.selectors import shown_availability
from common.fields import EnumField, EpochField, IsoTimestampField
from common.tokens import gravatar_url


def availability_of(user: User, account_id: int) -> str:
    """The availability a user chose in an account ("offline" when not a member)."""
    memberships = getattr(user, "_availability_cache", None)
    if memberships is None:
        prefetched = getattr(user, "_prefetched_objects_cache", {}).get("memberships")
        if prefetched is not None:
            # Lists prefetch ``memberships`` so each row costs no query.
            memberships = {m.account_id: m.availability for m in prefetched}
        else:
            memberships = dict(
                user.memberships.values_list("account_id", "availability")
            )
        user._availability_cache = memberships
    return memberships.get(account_id, AccountUser.Availability.OFFLINE)


class UserSerializer(serializers.ModelSerializer):
    """The user push shape: id, names, avatar, ``type`` and ``availability_status``.

    Needs ``account_id`` in the context for the availability.
    """

    type = serializers.SerializerMethodField()
    availability_status = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "name",
            "available_name",
            "avatar_url",
            "type",
            "availability_status",
        ]

    def get_type(self, user: User) -> str:
        return "user"

    def get_availability_status(self, user: User) -> str:
        return availability_of(user, self.context["account_id"])


def role_permissions(membership: AccountUser) -> list[str]:
    """Chatwoot's ``permissions`` of a membership: the role's name alone, as
    ``AccountUser#permissions`` answers without custom roles."""
    return [membership.role]


class AccountMembershipSerializer(serializers.ModelSerializer):
    """One of the user's accounts in the profile, as Chatwoot's user view
    lists them: the chosen ``availability`` and the ``availability_status``
    others see, ``active_at`` (a dashboard socket last seen), ``permissions``
    from the role; OneChat has no custom roles (``custom_role_id`` null).

    Needs ``presence_since`` in the context (``selectors.presence_since``).
    """

    id = serializers.IntegerField(source="account_id")
    name = serializers.CharField(source="account.name")
    status = serializers.SerializerMethodField()
    active_at = IsoTimestampField(source="last_seen_at", allow_null=True)
    permissions = serializers.SerializerMethodField()
    availability_status = serializers.SerializerMethodField()
    custom_role_id = serializers.SerializerMethodField()
    custom_role = serializers.SerializerMethodField()

    class Meta:
        model = AccountUser
        fields = [
            "id",
            "name",
            "status",
            "active_at",
            "role",
            "permissions",
            "availability",
            "availability_status",
            "auto_offline",
            "custom_role_id",
            "custom_role",
        ]

    def get_status(self, membership: AccountUser) -> str:
        # Accounts cannot be suspended in OneChat.
        return "active"

    def get_permissions(self, membership: AccountUser) -> list[str]:
        return role_permissions(membership)

    def get_availability_status(self, membership: AccountUser) -> str:
        return shown_availability(membership, since=self.context["presence_since"])

    def get_custom_role_id(self, membership: AccountUser) -> None:
        return None

    def get_custom_role(self, membership: AccountUser) -> None:
        return None


class ProfileSerializer(serializers.ModelSerializer):
    """The signed-in user with their tokens and accounts (``GET /api/v1/profile``).

    ``account_id``, ``role``, ``inviter_id`` and ``availability_status`` are
    of the user's first account, as Chatwoot's profile has them; ``uid`` and
    ``provider`` are Chatwoot's sign-in identity (the email, by password).
    Needs ``presence_since`` in the context.
    """

    type = serializers.SerializerMethodField()
    uid = serializers.EmailField(source="email")
    provider = serializers.SerializerMethodField()
    account_id = serializers.SerializerMethodField()
    role = serializers.SerializerMethodField()
    inviter_id = serializers.SerializerMethodField()
    availability_status = serializers.SerializerMethodField()
    confirmed = serializers.SerializerMethodField()
    accounts = AccountMembershipSerializer(source="memberships", many=True)

    class Meta:
        model = User
        fields = [
            "id",
            "name",
            "display_name",
            "available_name",
            "email",
            "avatar_url",
            "type",
            "uid",
            "provider",
            "access_token",
            "pubsub_token",
            "account_id",
            "role",
            "inviter_id",
            "availability_status",
            "confirmed",
            "accounts",
            "ui_settings",
            "message_signature",
        ]

    def get_type(self, user: User) -> str:
        return "user"

    def _first_membership(self, user: User) -> AccountUser | None:
        memberships = sorted(user.memberships.all(), key=lambda m: m.account_id)
        return memberships[0] if memberships else None

    def get_provider(self, user: User) -> str:
        return "email"

    def get_account_id(self, user: User) -> int | None:
        membership = self._first_membership(user)
        return membership.account_id if membership else None

    def get_role(self, user: User) -> str | None:
        """The role in ``account_id``'s account, as Chatwoot's profile has it."""
        membership = self._first_membership(user)
        return membership.role if membership else None

    def get_inviter_id(self, user: User) -> int | None:
        membership = self._first_membership(user)
        return membership.inviter_id if membership else None

    def get_availability_status(self, user: User) -> str | None:
        membership = self._first_membership(user)
        if membership is None:
            return None
        return shown_availability(membership, since=self.context["presence_since"])

    def get_confirmed(self, user: User) -> bool:
        return user.has_usable_password()


class InvitationSerializer(serializers.ModelSerializer):
    """An account's invitation as the invited user sees it."""

    account_name = serializers.CharField(source="account.name")
    created_at = EpochField()

    class Meta:
        model = Invitation
        fields = ["id", "account_id", "account_name", "role", "created_at"]


class AgentSerializer(serializers.ModelSerializer):
    """An account member as the agents endpoints show them."""

    id = serializers.IntegerField(source="user_id")
    name = serializers.CharField(source="user.name")
    available_name = serializers.CharField(source="user.available_name")
    email = serializers.EmailField(source="user.email")
    thumbnail = serializers.CharField(source="user.avatar_url")
    availability_status = serializers.CharField(source="availability")
    confirmed = serializers.SerializerMethodField()
    custom_role_id = serializers.SerializerMethodField()
    provider = serializers.SerializerMethodField()

    class Meta:
        model = AccountUser
        fields = [
            "id",
            "account_id",
            "name",
            "available_name",
            "email",
            "thumbnail",
            "role",
            "availability_status",
            "auto_offline",
            "auto_assignment_limit",
            "confirmed",
            "custom_role_id",
            "provider",
        ]

    def get_confirmed(self, membership: AccountUser) -> bool:
        return membership.user.has_usable_password()

    def get_provider(self, membership: AccountUser) -> str:
        # Chatwoot's sign-in provider: OneChat's users sign in by email.
        return "email"

    def get_custom_role_id(self, membership: AccountUser) -> None:
        # OneChat's roles are administrator and agent: no custom roles.
        return None


class PendingAgentSerializer(serializers.ModelSerializer):
    """An invitation not yet answered, in the agents endpoints' shape, as
    Chatwoot shows a user who has not confirmed: the invited user's id (inbox
    and team membership take it at once), ``confirmed`` false and
    ``availability_status`` offline until they join.

    Otherwise only what the administrator entered shows (email, name, role),
    so a registered and a new email read alike bar the id.
    """

    id = serializers.IntegerField(source="user_id")
    name = serializers.SerializerMethodField()
    available_name = serializers.SerializerMethodField()
    email = serializers.EmailField(source="user.email")
    thumbnail = serializers.SerializerMethodField()
    availability_status = serializers.SerializerMethodField()
    auto_offline = serializers.SerializerMethodField()
    auto_assignment_limit = serializers.SerializerMethodField()
    confirmed = serializers.SerializerMethodField()
    custom_role_id = serializers.SerializerMethodField()
    provider = serializers.SerializerMethodField()

    class Meta:
        model = Invitation
        fields = AgentSerializer.Meta.fields

    def get_name(self, invitation: Invitation) -> str:
        return invitation.name or invitation.user.email

    def get_available_name(self, invitation: Invitation) -> str:
        return self.get_name(invitation)

    def get_thumbnail(self, invitation: Invitation) -> str:
        return gravatar_url(invitation.user.email)

    def get_availability_status(self, invitation: Invitation) -> str:
        # Nobody is available before joining; ``availability`` is what the
        # membership starts with.
        return AccountUser.Availability.OFFLINE

    def get_auto_offline(self, invitation: Invitation) -> bool:
        return AccountUser._meta.get_field("auto_offline").default

    def get_auto_assignment_limit(self, invitation: Invitation) -> None:
        return None

    def get_confirmed(self, invitation: Invitation) -> bool:
        return False

    def get_custom_role_id(self, invitation: Invitation) -> None:
        return None

    def get_provider(self, invitation: Invitation) -> str:
        return "email"


def avatar_url(inbox: Inbox, request: Any = None) -> str:
    """The inbox avatar's URL, absolute when a request says the origin; ""
    without an avatar."""
    if not inbox.avatar:
        return ""
    url = inbox.avatar.url
    return request.build_absolute_uri(url) if request is not None else url


class PreChatFieldSerializer(serializers.Serializer):
    """One field of a pre-chat form: a standard detail of the contact or a
    custom attribute's key; its type, values and pattern come from
    ``accounts.prechat``, never from the client."""

    name = serializers.CharField(max_length=255)
    field_type = serializers.ChoiceField(choices=prechat.FIELD_TYPES)
    label = serializers.CharField(max_length=255, required=False, allow_blank=True)
    placeholder = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )
    required = serializers.BooleanField(default=False)
    enabled = serializers.BooleanField(default=True)

    def validate(self, attrs: dict) -> dict:
        if attrs["field_type"] == prechat.STANDARD:
            name = prechat.CHATWOOT_NAMES.get(attrs["name"], attrs["name"])
            if name not in prechat.STANDARD_FIELDS:
                raise serializers.ValidationError(
                    {"name": _("Use name, email or phone_number.")}
                )
            attrs["name"] = name
        # A partial inbox update applies no defaults: these are the form's.
        for name, default in (
            ("label", ""),
            ("placeholder", ""),
            ("required", False),
            ("enabled", True),
        ):
            attrs.setdefault(name, default)
        return attrs


class PreChatOptionsSerializer(serializers.Serializer):
    """Chatwoot's ``pre_chat_form_options``: the message above the form and
    its fields, each attribute field one of the account's definitions."""

    pre_chat_message = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )
    pre_chat_fields = PreChatFieldSerializer(many=True, max_length=30, default=list)

    def validate_pre_chat_fields(self, value: list[dict]) -> list[dict]:
        keys = [(field["field_type"], field["name"]) for field in value]
        if len(keys) != len(set(keys)):
            raise serializers.ValidationError(_("Each field at most once."))
        described = prechat.described_fields(
            account=self.context["account"], fields=value
        )
        known = {(field["field_type"], field["name"]) for field in described}
        for field_type, name in keys:
            if (field_type, name) not in known:
                raise serializers.ValidationError(
                    _("The account defines no %(kind)s %(name)s.")
                    % {"kind": field_type, "name": name}
                )
        return described


class InboxSettingsFields(serializers.Serializer):
    """Chatwoot's inbox settings: the avatar's URL ("" without one), and the
    features not built yet (providers) off, with Chatwoot's types."""

    avatar_url = serializers.SerializerMethodField()
    allow_messages_after_resolved = serializers.SerializerMethodField()
    provider = serializers.SerializerMethodField()

    def get_allow_messages_after_resolved(self, inbox: Inbox) -> bool:
        # A contact's message reopens a resolved conversation.
        return True

    def get_avatar_url(self, inbox: Inbox) -> str:
        return avatar_url(inbox, self.context.get("request"))

    def get_provider(self, inbox: Inbox) -> None:
        return None


# The website widget's features Chatwoot lets an inbox switch; OneChat's
# widget always has them.
WIDGET_FEATURE_FLAGS = ["attachments", "emoji_picker", "end_conversation"]


class InboxSerializer(InboxSettingsFields, serializers.ModelSerializer):
    """An inbox with its widget settings; ``hmac_token`` only for administrators.

    Needs ``is_administrator`` in the context.
    """

    channel_type = serializers.CharField(source="channel_name")
    channel = serializers.CharField(source="channel_type")
    inbox_identifier = serializers.CharField(source="identifier")
    hmac_token = serializers.SerializerMethodField()
    web_widget_script = serializers.SerializerMethodField()
    enable_email_collect = serializers.BooleanField(source="email_collect_enabled")
    channel_id = serializers.IntegerField(source="pk")
    business_name = serializers.SerializerMethodField()
    selected_feature_flags = serializers.SerializerMethodField()
    callback_webhook_url = serializers.SerializerMethodField()
    phone_number = serializers.SerializerMethodField()
    messaging_service_sid = serializers.SerializerMethodField()
    pre_chat_form_options = serializers.SerializerMethodField()

    class Meta:
        model = Inbox
        fields = [
            "id",
            "account_id",
            "name",
            "channel_type",
            "channel",
            "inbox_identifier",
            "website_token",
            "website_url",
            "hmac_token",
            "hmac_mandatory",
            "widget_enabled",
            "widget_color",
            "welcome_title",
            "welcome_tagline",
            "greeting_enabled",
            "greeting_message",
            "email_collect_enabled",
            "enable_email_collect",
            "continuity_via_email",
            "locale",
            "web_widget_script",
            "channel_id",
            "avatar_url",
            "timezone",
            "working_hours_enabled",
            "working_hours",
            "out_of_office_message",
            "holidays",
            "reply_time",
            "dark_mode",
            "enable_auto_assignment",
            "auto_assignment_config",
            "csat_survey_enabled",
            "csat_display_type",
            "csat_question",
            "calls_enabled",
            "visitor_screen_sharing",
            "allow_messages_after_resolved",
            "provider",
            "wrap_up",
            "lock_to_single_conversation",
            "sender_name_type",
            "business_name",
            "selected_feature_flags",
            "callback_webhook_url",
            "phone_number",
            "messaging_service_sid",
            "pre_chat_form_enabled",
            "pre_chat_form_options",
        ]

    def get_hmac_token(self, inbox: Inbox) -> str | None:
        # The HMAC secret signs visitor identities: agents must not read it.
        return inbox.hmac_token if self.context.get("is_administrator") else None

    def get_business_name(self, inbox: Inbox) -> str | None:
        # Chatwoot's null: the inbox's name stands in.
        return inbox.business_name or None

    def get_selected_feature_flags(self, inbox: Inbox) -> list[str] | None:
        return list(WIDGET_FEATURE_FLAGS) if inbox.is_website else None

    def get_callback_webhook_url(self, inbox: Inbox) -> None:
        # Chatwoot's callback URL of SMS, LINE and Telegram channels.
        return None

    def get_phone_number(self, inbox: Inbox) -> None:
        # Chatwoot's number of SMS and WhatsApp channels.
        return None

    def get_messaging_service_sid(self, inbox: Inbox) -> None:
        # Chatwoot's Twilio messaging service of SMS channels.
        return None

    @extend_schema_field(PreChatOptionsSerializer)
    def get_pre_chat_form_options(self, inbox: Inbox) -> dict:
        options = inbox.pre_chat_form_options or {}
        return {
            "pre_chat_message": options.get("pre_chat_message") or "",
            "pre_chat_fields": options.get("pre_chat_fields") or [],
        }

    def get_web_widget_script(self, inbox: Inbox) -> str | None:
        """The snippet a website owner pastes (website inboxes only)."""
        if not inbox.is_website:
            return None
        return embed_snippet(inbox, widget_base_url(self.context.get("request")))


class AccountSerializer(serializers.ModelSerializer):
    """An account as ``GET accounts/<id>`` shows it to its members."""

    locale = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    # Chatwoot's account view renders the time as ISO-8601.
    created_at = IsoTimestampField()

    class Meta:
        model = Account
        fields = [
            "id",
            "name",
            "locale",
            "domain",
            "support_email",
            "status",
            "created_at",
            "custom_attributes",
            "auto_assignment_limit",
            "contact_retention_days",
            "attachment_retention_days",
        ]

    def get_locale(self, account: Account) -> str:
        # Chatwoot's spelling: "en", "pt_BR".
        return to_locale(account.locale)

    def get_status(self, account: Account) -> str:
        # Accounts cannot be suspended in OneChat.
        return "active"


class PublicInboxSerializer(InboxSettingsFields, serializers.ModelSerializer):
    """An inbox as the public client API shows it to anyone holding its
    identifier: nothing secret."""

    identity_validation_enabled = serializers.BooleanField(source="hmac_mandatory")

    class Meta:
        model = Inbox
        fields = [
            "identifier",
            "name",
            "timezone",
            "working_hours",
            "working_hours_enabled",
            "csat_survey_enabled",
            "greeting_enabled",
            "identity_validation_enabled",
        ]


class TeamSerializer(serializers.ModelSerializer):
    """A team of the account; ``is_member`` from ``team_ids_of_user`` in the
    context (the caller's teams)."""

    is_member = serializers.SerializerMethodField()

    class Meta:
        model = Team
        fields = [
            "id",
            "account_id",
            "name",
            "description",
            "allow_auto_assign",
            "is_member",
        ]

    def get_is_member(self, team: Team) -> bool:
        return team.pk in self.context.get("team_ids_of_user", ())


# Input serializers: validate what clients send, never build wire shapes.


class StrictIntegerField(serializers.IntegerField):
    """An integer id that refuses ``true``/``false`` (JSON booleans are not ids)."""

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool):
            self.fail("invalid")
        return super().to_internal_value(data)


def id_field(**kwargs: Any) -> StrictIntegerField:
    """A database id: a positive integer in the 64-bit range."""
    return StrictIntegerField(min_value=1, max_value=2**63 - 1, **kwargs)


UI_SETTINGS_LIMIT = 10_000


def supported_language(value: Any) -> str:
    """``value`` as the code of one of ``settings.LANGUAGES`` (``pt_BR``, ``pt-BR``
    and ``pt-br`` are all ``pt-br``); refused when OneChat does not speak it."""
    try:
        return get_supported_language_variant(
            str(value).replace("_", "-").lower(), strict=True
        )
    except LookupError as error:
        raise serializers.ValidationError(
            _("OneChat does not speak this language.")
        ) from error


class ProfileUpdateSerializer(serializers.Serializer):
    """``PUT``/``PATCH /api/v1/profile``: names, a new password with the current
    one, ``message_signature``, or ``ui_settings`` (merged into the stored ones;
    ``locale`` is one of ``settings.LANGUAGES``, spelt ``pt-BR``, ``pt_BR`` or
    ``pt-br``)."""

    name = serializers.CharField(max_length=255, required=False, allow_blank=False)
    display_name = serializers.CharField(
        max_length=255, required=False, allow_blank=True
    )
    password = serializers.CharField(
        max_length=128, required=False, write_only=True, trim_whitespace=False
    )
    current_password = serializers.CharField(
        max_length=128, required=False, write_only=True, trim_whitespace=False
    )
    ui_settings = serializers.DictField(required=False)
    message_signature = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, trim_whitespace=False
    )

    def to_internal_value(self, data):
        # The reference's clients wrap the fields in ``profile``.
        if isinstance(data, dict) and isinstance(data.get("profile"), dict):
            data = data["profile"]
        return super().to_internal_value(data)

    def validate(self, attrs: dict) -> dict:
        user = self.context["request"].user
        if "password" in attrs:
            if not user.check_password(attrs.get("current_password") or ""):
                raise serializers.ValidationError(
                    {"current_password": _("Current password is incorrect.")}
                )
            try:
                validate_password(attrs["password"], user)
            except DjangoValidationError as error:
                raise serializers.ValidationError(
                    {"password": list(error.messages)}
                ) from error
        attrs.pop("current_password", None)
        return attrs

    def validate_ui_settings(self, value: dict) -> dict:
        if len(json.dumps(value)) > UI_SETTINGS_LIMIT:
            raise serializers.ValidationError(
                _("Must be at most %(limit)s characters as JSON.")
                % {"limit": UI_SETTINGS_LIMIT}
            )
        if "locale" in value:
            try:
                value["locale"] = supported_language(value["locale"])
            except serializers.ValidationError as error:
                raise serializers.ValidationError({"locale": error.detail}) from error
        return value


class AvailabilityFieldsSerializer(serializers.Serializer):
    account_id = id_field()
    availability = serializers.ChoiceField(choices=AccountUser.Availability.choices)
    auto_offline = serializers.BooleanField(required=False)


class AvailabilitySerializer(serializers.Serializer):
    """``POST /api/v1/profile/availability {profile: {account_id, availability}}``."""

    profile = AvailabilityFieldsSerializer()


# The longest reassignment delay or queue timeout an inbox may set: a day.
WAIT_MINUTES_MAX = 1440


def auto_assignment_limit_field(**kwargs: Any) -> StrictIntegerField:
    """A limit of open conversations per agent: 1 to AUTO_ASSIGNMENT_MAX, or
    null for none."""
    return StrictIntegerField(
        min_value=1, max_value=AUTO_ASSIGNMENT_MAX, allow_null=True, **kwargs
    )


class AutoAssignmentConfigSerializer(serializers.Serializer):
    """An inbox's ``auto_assignment_config``; unknown keys are refused, not
    dropped."""

    max_assignment_limit = auto_assignment_limit_field(required=False)
    # Minutes before routing's timed work acts; null (or left out) is off.
    reassign_after_minutes = StrictIntegerField(
        min_value=1, max_value=WAIT_MINUTES_MAX, allow_null=True, required=False
    )
    queue_timeout_minutes = StrictIntegerField(
        min_value=1, max_value=WAIT_MINUTES_MAX, allow_null=True, required=False
    )
    # Agents are notified of a conversation still queued after this long.
    notify_waiting_after_minutes = StrictIntegerField(
        min_value=1, max_value=WAIT_MINUTES_MAX, allow_null=True, required=False
    )
    # Sent once to a visitor still queued after queue_timeout_minutes; the
    # inbox's out_of_office_message when blank.
    queue_timeout_message = serializers.CharField(
        max_length=2000, allow_blank=True, allow_null=True, required=False
    )

    def to_internal_value(self, data: Any) -> dict:
        if isinstance(data, dict) and (unknown := set(data) - set(self.fields)):
            raise serializers.ValidationError(
                {key: _("Unknown setting.") for key in sorted(unknown)}
            )
        return super().to_internal_value(data)


class WorkingHourSerializer(serializers.Serializer):
    """One day of an inbox's business hours, as Chatwoot writes it."""

    day_of_week = StrictIntegerField(min_value=0, max_value=6)
    closed_all_day = serializers.BooleanField(default=False)
    open_all_day = serializers.BooleanField(default=False)
    open_hour = StrictIntegerField(min_value=0, max_value=23, default=0)
    open_minutes = StrictIntegerField(min_value=0, max_value=59, default=0)
    close_hour = StrictIntegerField(min_value=0, max_value=23, default=0)
    close_minutes = StrictIntegerField(min_value=0, max_value=59, default=0)

    def validate(self, attrs: dict) -> dict:
        # Under PATCH (partial) DRF leaves the defaults out.
        if attrs.get("closed_all_day") or attrs.get("open_all_day"):
            return attrs
        if (attrs.get("open_hour", 0), attrs.get("open_minutes", 0)) >= (
            attrs.get("close_hour", 0),
            attrs.get("close_minutes", 0),
        ):
            raise serializers.ValidationError(_("A day must close after it opens."))
        return attrs


class HolidaySerializer(serializers.Serializer):
    """A dated closure of an inbox: a day in its time zone, named, optionally
    every year on that day."""

    date = serializers.DateField(format="iso-8601", input_formats=["iso-8601"])
    name = serializers.CharField(max_length=255)
    recurring = serializers.BooleanField(default=False)

    def to_internal_value(self, data: Any) -> dict:
        attrs = super().to_internal_value(data)
        # A PATCH is partial down to its nested fields: a holiday is not.
        missing = [name for name in ("date", "name") if name not in attrs]
        if missing:
            raise serializers.ValidationError(
                {name: _("This field is required.") for name in missing}
            )
        # Stored in a JSON field: the date as ISO text. Under PATCH (partial)
        # DRF leaves the default of ``recurring`` out.
        return {"recurring": False, **attrs, "date": attrs["date"].isoformat()}


class InboxInputSerializer(serializers.ModelSerializer):
    """Creating or changing an inbox: name, channel, widget, business hours
    and auto-assignment settings. Chatwoot's clients nest the widget's own
    settings under ``channel``; they are taken from there too."""

    auto_assignment_config = AutoAssignmentConfigSerializer(required=False)
    working_hours = WorkingHourSerializer(many=True, required=False, max_length=7)
    holidays = HolidaySerializer(many=True, required=False, max_length=366)
    out_of_office_message = serializers.CharField(
        max_length=10_000, required=False, allow_blank=True
    )
    avatar = serializers.FileField(required=False, validators=[check_avatar])
    # Chatwoot's clients send null to fall back to the inbox's name.
    business_name = serializers.CharField(
        max_length=255, required=False, allow_blank=True, allow_null=True
    )
    pre_chat_form_options = PreChatOptionsSerializer(required=False)

    class Meta:
        model = Inbox
        fields = [
            "name",
            "channel_type",
            "website_url",
            "hmac_mandatory",
            "widget_enabled",
            "widget_color",
            "welcome_title",
            "welcome_tagline",
            "greeting_enabled",
            "greeting_message",
            "email_collect_enabled",
            "continuity_via_email",
            "locale",
            "enable_auto_assignment",
            "auto_assignment_config",
            "working_hours_enabled",
            "working_hours",
            "timezone",
            "out_of_office_message",
            "wrap_up",
            "holidays",
            "reply_time",
            "dark_mode",
            "avatar",
            "lock_to_single_conversation",
            "sender_name_type",
            "business_name",
            "pre_chat_form_enabled",
            "pre_chat_form_options",
            "csat_survey_enabled",
            "csat_display_type",
            "csat_question",
            "calls_enabled",
            "visitor_screen_sharing",
        ]
        extra_kwargs = {"channel_type": {"required": False}}

    def to_internal_value(self, data: Any) -> dict:
        if isinstance(data, dict) and isinstance(data.get("channel"), dict):
            data = {
                **data["channel"],
                **{k: v for k, v in data.items() if k != "channel"},
            }
        return super().to_internal_value(data)

    def validate_locale(self, value: str) -> str:
        return supported_language(value) if value else ""

    def validate_business_name(self, value: str | None) -> str:
        return value or ""

    def validate_widget_color(self, value: str) -> str:
        if not re.fullmatch(r"#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?", value):
            raise serializers.ValidationError(_("Use a hex colour like #1f93ff."))
        return value

    def validate_working_hours(self, value: list[dict]) -> list[dict]:
        days = [day["day_of_week"] for day in value]
        if len(days) != len(set(days)):
            raise serializers.ValidationError(_("Each day of the week at most once."))
        return value

    def validate_holidays(self, value: list[dict]) -> list[dict]:
        dates = [holiday["date"] for holiday in value]
        if len(dates) != len(set(dates)):
            raise serializers.ValidationError(_("Each date at most once."))
        return sorted(value, key=lambda holiday: holiday["date"])

    def validate_timezone(self, value: str) -> str:
        if value not in available_timezones():
            raise serializers.ValidationError(
                _("Use an IANA time zone like Europe/Paris.")
            )
        return value

    def validate_channel_type(self, value: str) -> str:
        if self.instance is not None and value != self.instance.channel_type:
            raise serializers.ValidationError(_("An inbox's channel cannot change."))
        return value


class UserIdsSerializer(serializers.Serializer):
    """A list of the account's user ids (inbox and team members): its members
    and the users it invited and who have not answered yet."""

    user_ids = serializers.ListField(child=id_field(), max_length=1000)

    def validate_user_ids(self, value: list[int]) -> list[User]:
        account = self.context["account"]
        users = list(
            User.objects.filter(pk__in=value)
            .filter(Q(memberships__account=account) | Q(invitations__account=account))
            .distinct()
        )
        unknown = sorted(set(value) - {user.pk for user in users})
        if unknown:
            raise serializers.ValidationError(
                _("Not agents of this account: %(ids)s")
                % {"ids": ", ".join(map(str, unknown))}
            )
        return users


class InboxMembersSerializer(UserIdsSerializer):
    """``POST|PATCH|DELETE inbox_members {inbox_id, user_ids}``."""

    inbox_id = id_field()


class TeamInputSerializer(serializers.ModelSerializer):
    """Creating or changing a team."""

    class Meta:
        model = Team
        fields = ["name", "description", "allow_auto_assign"]

    def validate_name(self, value: str) -> str:
        taken = Team.objects.filter(account=self.context["account"], name=value)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise serializers.ValidationError(_("A team with this name exists."))
        return value


class AgentCreateSerializer(serializers.Serializer):
    """``POST agents``: invite by email. Nobody sets another person's
    password: a ``password`` is refused, the invitation email lets the person
    choose their own."""

    email = serializers.EmailField(max_length=254)
    name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    role = serializers.ChoiceField(
        choices=AccountUser.Role.choices, default=AccountUser.Role.AGENT
    )
    availability = serializers.ChoiceField(
        choices=AccountUser.Availability.choices,
        default=AccountUser.Availability.ONLINE,
    )

    def validate_email(self, value: str) -> str:
        value = value.lower()
        if AccountUser.objects.filter(
            account=self.context["account"], user__email=value
        ).exists():
            raise serializers.ValidationError(_("Already an agent of this account."))
        return value

    def validate(self, attrs: dict) -> dict:
        # Refused rather than ignored: a client sending one expects it set.
        if "password" in self.initial_data:
            raise serializers.ValidationError(
                {
                    "password": _(
                        "An invited person chooses their own password from "
                        "the invitation email."
                    )
                }
            )
        return attrs


class AgentUpdateSerializer(serializers.Serializer):
    """``PATCH agents/<id>``: role, availability, auto-offline, the agent's own
    limit of open conversations from auto-assignment."""

    role = serializers.ChoiceField(choices=AccountUser.Role.choices, required=False)
    availability = serializers.ChoiceField(
        choices=AccountUser.Availability.choices, required=False
    )
    auto_offline = serializers.BooleanField(required=False)
    auto_assignment_limit = auto_assignment_limit_field(required=False)


# A hundred years: longer is forever, spelt null.
RETENTION_DAYS_MAX = 36500


class AccountUpdateSerializer(serializers.Serializer):
    """``PATCH accounts/<id>``: name, domain, support email, and the company's
    industry, size and time zone (kept in ``custom_attributes``), and the
    ``locale`` of the lines OneChat writes into conversations (one of
    ``settings.LANGUAGES``, spelt ``pt-BR``, ``pt_BR`` or ``pt-br``);
    auto-resolve settings are refused while OneChat cannot resolve
    conversations on its own."""

    name = serializers.CharField(max_length=255, required=False)
    domain = serializers.RegexField(
        r"^[A-Za-z0-9.-]*$",
        max_length=255,
        required=False,
        allow_blank=True,
        error_messages={"invalid": "A domain is letters, digits, dots and -."},
    )
    support_email = serializers.EmailField(required=False, allow_blank=True)
    locale = serializers.CharField(max_length=16, required=False)
    industry = serializers.CharField(max_length=100, required=False, allow_blank=True)
    company_size = serializers.CharField(
        max_length=100, required=False, allow_blank=True
    )
    timezone = serializers.ChoiceField(
        choices=sorted(available_timezones()), required=False
    )
    # The account's default limit of open conversations per agent.
    auto_assignment_limit = auto_assignment_limit_field(required=False)
    # OneChat's retention: days, or null to keep forever.
    contact_retention_days = StrictIntegerField(
        min_value=1, max_value=RETENTION_DAYS_MAX, allow_null=True, required=False
    )
    attachment_retention_days = StrictIntegerField(
        min_value=1, max_value=RETENTION_DAYS_MAX, allow_null=True, required=False
    )
    auto_resolve_after = serializers.IntegerField(required=False, allow_null=True)
    auto_resolve_message = serializers.CharField(
        required=False, allow_null=True, allow_blank=True
    )
    auto_resolve_ignore_waiting = serializers.BooleanField(
        required=False, allow_null=True
    )

    def to_internal_value(self, data: Any) -> dict:
        if isinstance(data, dict) and isinstance(data.get("account"), dict):
            data = data["account"]
        return super().to_internal_value(data)

    def validate_locale(self, value: str) -> str:
        return supported_language(value)

    def validate(self, attrs: dict) -> dict:
        for name in AUTO_RESOLVE_FIELDS:
            if attrs.pop(name, None) not in (None, ""):
                raise serializers.ValidationError(
                    {name: "OneChat does not resolve conversations on its own yet."}
                )
        company = {
            name: attrs.pop(name) for name in COMPANY_ATTRIBUTES if name in attrs
        }
        if company:
            attrs["custom_attributes"] = company
        return attrs


AUTO_RESOLVE_FIELDS = (
    "auto_resolve_after",
    "auto_resolve_message",
    "auto_resolve_ignore_waiting",
)
COMPANY_ATTRIBUTES = ("industry", "company_size", "timezone")


class AttributeDefinitionSerializer(serializers.ModelSerializer):
    """A custom attribute definition as Chatwoot's partial renders it, and
    its input: ``attribute_key`` is letters and digits in words joined by
    ``_``, unique per model in the account; ``regex_pattern`` must compile."""

    attribute_model = EnumField(CustomAttributeDefinition.Model)
    attribute_display_type = EnumField(
        CustomAttributeDefinition.DisplayType, required=False
    )
    attribute_key = serializers.RegexField(
        r"^[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*$",
        max_length=255,
        error_messages={"invalid": "Use letters and digits in words joined by _."},
    )
    attribute_values = serializers.ListField(
        child=serializers.CharField(max_length=255),
        max_length=100,
        required=False,
    )
    created_at = IsoTimestampField()
    updated_at = IsoTimestampField()

    class Meta:
        model = CustomAttributeDefinition
        fields = [
            "id",
            "attribute_display_name",
            "attribute_display_type",
            "attribute_description",
            "attribute_key",
            "regex_pattern",
            "regex_cue",
            "attribute_values",
            "attribute_model",
            "default_value",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {"attribute_description": {"max_length": 1000}}
        # Uniqueness is checked in validate, naming attribute_key.
        validators = []

    def to_internal_value(self, data: Any) -> dict:
        # The reference's clients may wrap them in ``custom_attribute_definition``.
        wrapped = isinstance(data, dict) and data.get("custom_attribute_definition")
        return super().to_internal_value(wrapped if isinstance(wrapped, dict) else data)

    def validate_regex_pattern(self, value: str | None) -> str | None:
        if value:
            try:
                re.compile(value)
            except re.error as error:
                raise serializers.ValidationError(f"Not a pattern: {error}") from error
        return value

    def validate(self, attrs: dict) -> dict:
        current = self.instance
        key = attrs.get("attribute_key", current and current.attribute_key)
        model = attrs.get("attribute_model", current and current.attribute_model)
        taken = CustomAttributeDefinition.objects.filter(
            account=self.context["account"], attribute_model=model, attribute_key=key
        )
        if current is not None:
            taken = taken.exclude(pk=current.pk)
        if taken.exists():
            raise serializers.ValidationError(
                {"attribute_key": "The account defines this key already."}
            )
        return attrs


class AttributeDefinitionListQuerySerializer(serializers.Serializer):
    """``GET custom_attribute_definitions?attribute_model=``: one model only."""

    attribute_model = EnumField(CustomAttributeDefinition.Model, required=False)
