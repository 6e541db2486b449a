"""The wire shapes of automation rules, macros and runs, and the checks of
their input: every id and label an action or condition names must be the
account's own, every webhook URL http(s)."""

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from rest_framework import serializers

from accounts.models import AccountUser, Inbox, Team, User
from accounts.serializers import StrictIntegerField
from automation import conditions as rule_conditions
from automation import vocabulary as v
from automation.models import AutomationRule, AutomationRun, Macro
from common.fields import EpochField
from conversations.models import Conversation, Label
from filters.query import ALL_OPERATORS, FilterError
from linkpreviews.addresses import is_public

MAX_ITEMS = 50
MAX_TEXT = 10_000
MESSAGE_ACTIONS = (v.SEND_MESSAGE, v.ADD_PRIVATE_NOTE)
PARAMLESS_ACTIONS = (
    v.RESOLVE_CONVERSATION,
    v.SNOOZE_CONVERSATION,
    v.OPEN_CONVERSATION,
    v.MUTE_CONVERSATION,
)

### Output


class RuleSerializer(serializers.ModelSerializer):
    """An automation rule as Chatwoot shows it (``created_on`` in epoch seconds)."""

    created_on = EpochField(source="created_at")

    class Meta:
        model = AutomationRule
        fields = [
            "id",
            "account_id",
            "name",
            "description",
            "event_name",
            "conditions",
            "actions",
            "created_on",
            "active",
        ]


class RunSerializer(serializers.ModelSerializer):
    """One rule's run (a OneChat extension): the conversation's display id,
    whether it matched, the actions taken and the error that stopped it."""

    conversation_id = serializers.IntegerField(
        source="conversation.display_id", allow_null=True, default=None
    )
    created_at = EpochField()

    class Meta:
        model = AutomationRun
        fields = [
            "id",
            "rule_id",
            "conversation_id",
            "event_name",
            "matched",
            "actions_taken",
            "error",
            "created_at",
        ]


class MacroUserSerializer(serializers.ModelSerializer):
    """The agent who created or last changed a macro."""

    thumbnail = serializers.CharField(source="avatar_url")

    class Meta:
        model = User
        fields = ["id", "name", "available_name", "email", "thumbnail"]


class MacroSerializer(serializers.ModelSerializer):
    """A macro as Chatwoot shows it."""

    created_by = MacroUserSerializer(allow_null=True)
    updated_by = MacroUserSerializer(allow_null=True)

    class Meta:
        model = Macro
        fields = [
            "id",
            "name",
            "visibility",
            "created_by",
            "updated_by",
            "account_id",
            "actions",
        ]


### Input


def _ids(value: Any, field: str) -> list[int]:
    items = value if isinstance(value, list) else [value]
    ids = []
    for item in items:
        try:
            ids.append(StrictIntegerField(min_value=1).to_internal_value(item))
        except serializers.ValidationError as error:
            raise serializers.ValidationError(
                {field: f"{item} is not an id."}
            ) from error
    return ids


def _text(params: list[Any], field: str) -> list[str]:
    if len(params) != 1 or not isinstance(params[0], str) or not params[0].strip():
        raise serializers.ValidationError({field: "Give the text as the one param."})
    if len(params[0]) > MAX_TEXT:
        raise serializers.ValidationError({field: "The text is too long."})
    return [params[0]]


def _names_inside(host: str) -> bool:
    """Whether ``host`` plainly names this server or its network (localhost,
    a private or loopback address), refused when the rule is saved; where a
    name leads is for the delivery (``webhooks.services``) to check."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return not is_public(ipaddress.ip_address(host))
    except ValueError:
        return False


class ActionsField(serializers.ListField):
    """A list of ``{action_name, action_params}``, each checked against the
    account in the context (``account``) and normalised (ids as numbers)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            child=serializers.DictField(), min_length=1, max_length=MAX_ITEMS, **kwargs
        )

    def to_internal_value(self, data: Any) -> list[dict[str, Any]]:
        actions = super().to_internal_value(data)
        return [
            self._action(action, f"actions[{i}]") for i, action in enumerate(actions)
        ]

    def _action(self, action: dict[str, Any], where: str) -> dict[str, Any]:
        name = action.get("action_name")
        if name not in v.ACTION_NAMES:
            raise serializers.ValidationError(
                {f"{where}.action_name": f"Unknown action: {name}"}
            )
        params = action.get("action_params")
        if params is None:
            params = []
        if not isinstance(params, list) or len(params) > MAX_ITEMS:
            raise serializers.ValidationError(
                {f"{where}.action_params": "Give the params as a list."}
            )
        field = f"{where}.action_params"
        return {"action_name": name, "action_params": self._params(name, params, field)}

    def _params(self, name: str, params: list[Any], field: str) -> list[Any]:
        account = self.context["account"]
        if name in PARAMLESS_ACTIONS:
            return []
        if name in MESSAGE_ACTIONS:
            return _text(params, field)
        if name == v.ASSIGN_AGENT:
            return [self._agent(params, field)]
        if name == v.ASSIGN_TEAM:
            if params in ([], [v.NOBODY]):
                return [v.NOBODY]
            self._exist(Team, _ids(params[:1], field), field)
            return _ids(params[:1], field)
        if name in (v.ADD_LABEL, v.REMOVE_LABEL):
            return self._labels(params, field)
        if name == v.SEND_WEBHOOK_EVENT:
            return [self._url(params, field)]
        if name == v.SEND_EMAIL_TRANSCRIPT:
            return self._emails(params, field)
        if name == v.CHANGE_STATUS:
            if len(params) != 1 or params[0] not in Conversation.Status.values:
                raise serializers.ValidationError(
                    {field: f"Give one of {', '.join(Conversation.Status.values)}."}
                )
            return params
        if name == v.CHANGE_PRIORITY:
            choices = [*Conversation.Priority.values, v.NOBODY]
            if len(params) != 1 or params[0] not in choices:
                raise serializers.ValidationError(
                    {field: f"Give one of {', '.join(choices)}."}
                )
            return params
        return [self._team_email(params, field, account)]

    def _agent(self, params: list[Any], field: str) -> Any:
        if params in ([], [v.NOBODY]):
            return v.NOBODY
        if params == [v.SELF] and self.context.get("macro"):
            return v.SELF
        [user_id] = _ids(params[:1], field)
        if not AccountUser.objects.filter(
            account=self.context["account"], user_id=user_id
        ).exists():
            raise serializers.ValidationError({field: f"There is no agent {user_id}."})
        return user_id

    def _exist(self, model: type, ids: list[int], field: str) -> None:
        found = set(
            model.objects.filter(
                account=self.context["account"], pk__in=ids
            ).values_list("pk", flat=True)
        )
        missing = [i for i in ids if i not in found]
        if missing:
            raise serializers.ValidationError(
                {field: f"There is no {model.__name__.lower()} {missing[0]}."}
            )

    def _labels(self, params: list[Any], field: str) -> list[str]:
        titles = [str(title) for title in params]
        if not titles:
            raise serializers.ValidationError({field: "Give at least one label."})
        known = set(
            Label.objects.filter(
                account=self.context["account"], title__in=titles
            ).values_list("title", flat=True)
        )
        unknown = [title for title in titles if title not in known]
        if unknown:
            raise serializers.ValidationError(
                {field: f"There is no label {unknown[0]!r}."}
            )
        return titles

    def _url(self, params: list[Any], field: str) -> str:
        url = params[0] if len(params) == 1 and isinstance(params[0], str) else ""
        try:
            URLValidator(schemes=["http", "https"])(url)
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                {field: "Give one http or https URL."}
            ) from error
        if _names_inside(urlsplit(url).hostname or ""):
            raise serializers.ValidationError({field: "Give a URL of a public host."})
        return url

    def _emails(self, params: list[Any], field: str) -> list[str]:
        if not params:
            raise serializers.ValidationError({field: "Give at least one email."})
        email = serializers.EmailField()
        try:
            return [email.run_validation(value) for value in params]
        except serializers.ValidationError as error:
            raise serializers.ValidationError(
                {field: "Give email addresses."}
            ) from error

    def _team_email(self, params: list[Any], field: str, account: Any) -> dict:
        spec = params[0] if len(params) == 1 and isinstance(params[0], dict) else {}
        message = spec.get("message")
        if not isinstance(message, str) or not message.strip():
            raise serializers.ValidationError({field: "Give {team_ids, message}."})
        team_ids = _ids(spec.get("team_ids") or [], field)
        if not team_ids:
            raise serializers.ValidationError({field: "Give at least one team."})
        self._exist(Team, team_ids, field)
        if len(message) > MAX_TEXT:
            raise serializers.ValidationError({field: "The message is too long."})
        return {"team_ids": team_ids, "message": message}


class ConditionSerializer(serializers.Serializer):
    """One condition as Chatwoot's filters give it."""

    attribute_key = serializers.CharField(max_length=255)
    filter_operator = serializers.ChoiceField(choices=ALL_OPERATORS)
    values = serializers.ListField(required=False, default=list, max_length=MAX_ITEMS)
    query_operator = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, max_length=3
    )

    def validate_query_operator(self, value: str | None) -> str | None:
        if value and value.upper() not in ("AND", "OR"):
            raise serializers.ValidationError("Give and or or.")
        return value.lower() if value else None


class RuleInputSerializer(serializers.Serializer):
    """``POST``/``PATCH automation_rules``: a rule's fields, its conditions
    run once on the event's rows to refuse what would not run."""

    name = serializers.CharField(max_length=255)
    description = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_TEXT
    )
    event_name = serializers.ChoiceField(choices=AutomationRule.Event.values)
    conditions = ConditionSerializer(many=True, min_length=1, max_length=MAX_ITEMS)
    actions = ActionsField()
    active = serializers.BooleanField(required=False)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        instance: AutomationRule | None = self.instance
        event = data.get("event_name", instance.event_name if instance else None)
        conditions = data.get("conditions", instance.conditions if instance else [])
        account = self.context["account"]
        try:
            rule_conditions.check(
                account=account,
                conditions=conditions,
                with_message=event == AutomationRule.Event.MESSAGE_CREATED,
            )
        except FilterError as error:
            raise serializers.ValidationError({error.field: error.message}) from error
        self._own_ids(conditions)
        if "conditions" in data:
            data["conditions"] = [dict(condition) for condition in conditions]
        return data

    def _own_ids(self, conditions: list[dict[str, Any]]) -> None:
        models = {"assignee_id": AccountUser, "team_id": Team, "inbox_id": Inbox}
        account = self.context["account"]
        for index, condition in enumerate(conditions):
            model = models.get(condition["attribute_key"])
            if model is None or not condition.get("values"):
                continue
            field = f"conditions[{index}].values"
            ids = _ids(condition["values"], field)
            column = "user_id" if model is AccountUser else "pk"
            found = set(
                model.objects.filter(
                    account=account, **{f"{column}__in": ids}
                ).values_list(column, flat=True)
            )
            if any(i not in found for i in ids):
                raise serializers.ValidationError(
                    {field: "Name only this account's ids."}
                )


class MacroInputSerializer(serializers.Serializer):
    """``POST``/``PATCH macros``: name, visibility and actions."""

    name = serializers.CharField(max_length=255)
    visibility = serializers.ChoiceField(
        choices=Macro.Visibility.values, required=False
    )
    actions = ActionsField()


class ExecuteSerializer(serializers.Serializer):
    """``POST macros/<id>/execute``: the display ids of the conversations."""

    conversation_ids = serializers.ListField(
        child=StrictIntegerField(min_value=1, max_value=2**31 - 1),
        min_length=1,
        max_length=MAX_ITEMS,
    )
