"""The audited models: for each, the fields recorded, the secrets masked, the
field that names it, and the way to its account. Written once; the receivers
read nothing else."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models

# What the log shows for a secret that changed (Chatwoot's filter's word).
MASKED = "[FILTERED]"


@dataclass(frozen=True)
class Audited:
    """How one model is recorded."""

    model: str  # "app_label.ModelName"
    auditable_type: str  # Chatwoot's name of the kind
    fields: tuple[str, ...]
    secrets: tuple[str, ...] = ()
    name_field: str = "name"
    # The account's id from an instance; None leaves it out of the log (a
    # self-hoster's bot shared by every account).
    account_of: Callable[[Any], int | None] = lambda instance: instance.account_id

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def name_of(self, instance: Any) -> str:
        return str(getattr(instance, self.name_field, "") or "")[:255]


def _inbox_of(instance: Any) -> int:
    return _account_through("accounts.Inbox", instance.inbox_id)


def _team_of(instance: Any) -> int:
    return _account_through("accounts.Team", instance.team_id)


def _account_through(model: str, pk: int) -> int:
    values = apps.get_model(model).objects.filter(pk=pk).values_list("account_id")
    found = values.first()
    return found[0] if found else 0


INBOX_FIELDS = (
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
    "locale",
    "wrap_up",
    "enable_auto_assignment",
    "auto_assignment_config",
    "working_hours_enabled",
    "working_hours",
    "timezone",
    "out_of_office_message",
    "holidays",
    "reply_time",
    "avatar",
    "dark_mode",
    "lock_to_single_conversation",
    "sender_name_type",
    "business_name",
    "calls_enabled",
    "visitor_screen_sharing",
)

AUDITED = (
    Audited(
        "accounts.Account",
        "Account",
        (
            "name",
            "domain",
            "support_email",
            "locale",
            "auto_assignment_limit",
            "custom_attributes",
        ),
        account_of=lambda instance: instance.pk,
    ),
    Audited(
        "accounts.Inbox",
        "Inbox",
        INBOX_FIELDS,
        secrets=("hmac_token", "website_token", "identifier"),
    ),
    Audited(
        "accounts.InboxMember",
        "InboxMember",
        ("inbox_id", "user_id"),
        name_field="user",
        account_of=_inbox_of,
    ),
    Audited(
        "accounts.AccountUser",
        "AccountUser",
        ("user_id", "role", "auto_assignment_limit"),
        name_field="user",
    ),
    Audited(
        "accounts.Invitation",
        "Invitation",
        ("user_id", "name", "role"),
        secrets=("link_key_hash",),
        name_field="user",
    ),
    Audited("accounts.Team", "Team", ("name", "description", "allow_auto_assign")),
    Audited(
        "accounts.TeamMember",
        "TeamMember",
        ("team_id", "user_id"),
        name_field="user",
        account_of=_team_of,
    ),
    Audited(
        "accounts.CustomAttributeDefinition",
        "CustomAttributeDefinition",
        (
            "attribute_model",
            "attribute_key",
            "attribute_display_name",
            "attribute_display_type",
            "attribute_description",
            "attribute_values",
            "default_value",
            "regex_pattern",
            "regex_cue",
        ),
        name_field="attribute_display_name",
    ),
    Audited(
        "conversations.Label",
        "Label",
        ("title", "description", "color", "show_on_sidebar"),
        name_field="title",
    ),
    Audited(
        "cannedresponses.CannedResponse",
        "CannedResponse",
        ("short_code", "content"),
        name_field="short_code",
    ),
    Audited(
        "agentbots.AgentBot",
        "AgentBot",
        ("name", "description", "outgoing_url", "bot_type", "bot_config"),
        secrets=("access_token", "secret"),
    ),
    Audited(
        "webhooks.Webhook",
        "Webhook",
        (
            "name",
            "url",
            "subscriptions",
            "inbox_id",
            "include_private_notes",
            "enabled",
        ),
        secrets=("secret",),
        name_field="url",
    ),
    Audited(
        "automation.AutomationRule",
        "AutomationRule",
        ("name", "description", "event_name", "conditions", "actions", "active"),
    ),
    Audited("automation.Macro", "Macro", ("name", "visibility", "actions")),
)


def audited_models() -> dict[type[models.Model], Audited]:
    """Each audited model class with how it is recorded."""
    return {entry.model_class: entry for entry in AUDITED}
