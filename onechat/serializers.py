"""Wire shapes of users, memberships, inboxes and teams, and their inputs."""

import re
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from onechat.embed import embed_snippet, widget_base_url
from onechat.models import AccountUser, Inbox, Team, User


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


class AccountMembershipSerializer(serializers.ModelSerializer):
    """One of the user's accounts in the profile: id, name, role, availability."""

    id = serializers.IntegerField(source="account_id")
    name = serializers.CharField(source="account.name")

    class Meta:
        model = AccountUser
        fields = ["id", "name", "role", "availability", "auto_offline"]


class ProfileSerializer(serializers.ModelSerializer):
    """The signed-in user with their tokens and accounts (``GET /api/v1/profile``)."""

    type = serializers.SerializerMethodField()
    account_id = serializers.SerializerMethodField()
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
            "access_token",
            "pubsub_token",
            "account_id",
            "accounts",
        ]

    def get_type(self, user: User) -> str:
        return "user"

    def get_account_id(self, user: User) -> int | None:
        return min((m.account_id for m in user.memberships.all()), default=None)


class AgentSerializer(serializers.ModelSerializer):
    """An account member as the agents endpoints show them."""

    id = serializers.IntegerField(source="user_id")
    name = serializers.CharField(source="user.name")
    available_name = serializers.CharField(source="user.available_name")
    email = serializers.EmailField(source="user.email")
    thumbnail = serializers.CharField(source="user.avatar_url")
    availability_status = serializers.CharField(source="availability")
    confirmed = serializers.SerializerMethodField()

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
            "confirmed",
        ]

    def get_confirmed(self, membership: AccountUser) -> bool:
        return membership.user.has_usable_password()


class InboxSerializer(serializers.ModelSerializer):
    """An inbox with its widget settings; ``hmac_token`` only for administrators.

    Needs ``is_administrator`` in the context.
    """

    channel_type = serializers.CharField(source="channel_name")
    channel = serializers.CharField(source="channel_type")
    inbox_identifier = serializers.CharField(source="identifier")
    hmac_token = serializers.SerializerMethodField()
    web_widget_script = serializers.SerializerMethodField()

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
            "web_widget_script",
        ]

    def get_hmac_token(self, inbox: Inbox) -> str | None:
        # The HMAC secret signs visitor identities: agents must not read it.
        return inbox.hmac_token if self.context.get("is_administrator") else None

    def get_web_widget_script(self, inbox: Inbox) -> str | None:
        """The snippet a website owner pastes (website inboxes only)."""
        if not inbox.is_website:
            return None
        return embed_snippet(inbox, widget_base_url(self.context.get("request")))


class TeamSerializer(serializers.ModelSerializer):
    """A team of the account."""

    class Meta:
        model = Team
        fields = ["id", "account_id", "name", "description", "allow_auto_assign"]


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


class ProfileUpdateSerializer(serializers.Serializer):
    """``PATCH /api/v1/profile``: names, or a new password with the current one."""

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

    def to_internal_value(self, data):
        # The reference's clients wrap the fields in ``profile``.
        if isinstance(data, dict) and isinstance(data.get("profile"), dict):
            data = data["profile"]
        return super().to_internal_value(data)

    def validate(self, attrs: dict) -> dict:
        user = self.context["user"]
        if "password" in attrs:
            if not user.check_password(attrs.get("current_password") or ""):
                raise serializers.ValidationError(
                    {"current_password": "Current password is incorrect."}
                )
            try:
                validate_password(attrs["password"], user)
            except DjangoValidationError as error:
                raise serializers.ValidationError(
                    {"password": list(error.messages)}
                ) from error
        attrs.pop("current_password", None)
        return attrs


class AvailabilityFieldsSerializer(serializers.Serializer):
    account_id = id_field()
    availability = serializers.ChoiceField(choices=AccountUser.Availability.choices)
    auto_offline = serializers.BooleanField(required=False)


class AvailabilitySerializer(serializers.Serializer):
    """``POST /api/v1/profile/availability {profile: {account_id, availability}}``."""

    profile = AvailabilityFieldsSerializer()


class InboxInputSerializer(serializers.ModelSerializer):
    """Creating or changing an inbox: name, channel and widget settings."""

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
        ]
        extra_kwargs = {"channel_type": {"required": False}}

    def validate_widget_color(self, value: str) -> str:
        if not re.fullmatch(r"#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?", value):
            raise serializers.ValidationError("Use a hex colour like #1f93ff.")
        return value

    def validate_channel_type(self, value: str) -> str:
        if self.instance is not None and value != self.instance.channel_type:
            raise serializers.ValidationError("An inbox's channel cannot change.")
        return value


class UserIdsSerializer(serializers.Serializer):
    """A list of the account's user ids (inbox and team members)."""

    user_ids = serializers.ListField(child=id_field(), max_length=1000)

    def validate_user_ids(self, value: list[int]) -> list[User]:
        account = self.context["account"]
        users = list(User.objects.filter(pk__in=value, memberships__account=account))
        unknown = sorted(set(value) - {user.pk for user in users})
        if unknown:
            raise serializers.ValidationError(
                f"Not agents of this account: {', '.join(map(str, unknown))}"
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
            raise serializers.ValidationError("A team with this name exists.")
        return value


class AgentCreateSerializer(serializers.Serializer):
    """``POST agents``: invite by email, or create the user with a password."""

    email = serializers.EmailField(max_length=254)
    name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    role = serializers.ChoiceField(
        choices=AccountUser.Role.choices, default=AccountUser.Role.AGENT
    )
    availability = serializers.ChoiceField(
        choices=AccountUser.Availability.choices,
        default=AccountUser.Availability.ONLINE,
    )
    password = serializers.CharField(
        max_length=128, required=False, write_only=True, trim_whitespace=False
    )

    def validate_email(self, value: str) -> str:
        value = value.lower()
        if AccountUser.objects.filter(
            account=self.context["account"], user__email=value
        ).exists():
            raise serializers.ValidationError("Already an agent of this account.")
        return value

    def validate(self, attrs: dict) -> dict:
        if "password" in attrs:
            if User.objects.filter(email=attrs["email"]).exists():
                raise serializers.ValidationError(
                    {"password": "This user exists; they keep their own password."}
                )
            try:
                validate_password(attrs["password"])
            except DjangoValidationError as error:
                raise serializers.ValidationError(
                    {"password": list(error.messages)}
                ) from error
        return attrs


class AgentUpdateSerializer(serializers.Serializer):
    """``PATCH agents/<id>``: role, availability, auto-offline."""

    role = serializers.ChoiceField(choices=AccountUser.Role.choices, required=False)
    availability = serializers.ChoiceField(
        choices=AccountUser.Availability.choices, required=False
    )
    auto_offline = serializers.BooleanField(required=False)
