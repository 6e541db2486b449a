"""Chatwoot's own OpenAPI file as the contract of OneChat's HTTP API.

Every operation of ``swagger.json`` is either served (called here with valid
input: the status must be Chatwoot's, and the answer must carry every field the
file declares, with the file's JSON types) or listed in ``NOT_SERVED`` with the
reason, and then answers a JSON 404. Where the file is wrong about what Chatwoot
sends (its README, next to it, lists the kinds of error), ``FILE_ERRORS`` says so
field by field; fields of features OneChat does not have yet are in
``NOT_YET``. ``python3 -m pytest tests/api/test_chatwoot_contract.py -s`` prints
the counts.
"""

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from rest_framework.test import APIClient

from accounts.models import CustomAttributeDefinition, Inbox
from agentbots.models import AgentBot
from automation.models import AutomationRule
from cannedresponses.services import create_canned_response
from conversations.models import Message
from conversations.services import create_message, request_email, set_labels
from filters.models import CustomFilter
from filters.services import save_filter
from tests import factories
from webhooks.services import create_webhook

pytestmark = pytest.mark.django_db

# Chatwoot's swagger/swagger.json (MIT licence), upstream state of 2025-11-13.
SWAGGER = json.loads((Path(__file__).parent / "chatwoot_swagger.json").read_text())
SCHEMAS = SWAGGER["components"]["schemas"]
METHODS = ("get", "post", "put", "patch", "delete")
OPERATIONS = [
    f"{method.upper()} {path}"
    for path, item in SWAGGER["paths"].items()
    for method in item
    if method in METHODS
]

PUBLIC = "/public/api/v1/inboxes/{inbox_identifier}"
SESSION = f"{PUBLIC}/contacts/{{contact_identifier}}"
CONVERSATION = f"{SESSION}/conversations/{{conversation_id}}"
ACCOUNT = "/api/v1/accounts/{account_id}"
THREAD = f"{ACCOUNT}/conversations/{{conversation_id}}"
REPORTS = "/api/v2/accounts/{account_id}/reports"

# Operation -> the request body that is valid input (None: no body). The path's
# parameters come from the fixtures (``path_of``).
SERVED: dict[str, Any] = {
    # Client (public) API
    f"GET {PUBLIC}": None,
    f"POST {PUBLIC}/contacts": {"name": "Ana", "email": "ana@example.com"},
    f"GET {SESSION}": None,
    f"PATCH {SESSION}": {"name": "Ana B"},
    f"POST {SESSION}/conversations": {"custom_attributes": {"plan": "pro"}},
    f"GET {SESSION}/conversations": None,
    f"GET {CONVERSATION}": None,
    f"POST {CONVERSATION}/toggle_status": None,
    f"POST {CONVERSATION}/toggle_typing": {"typing_status": "on"},
    f"POST {CONVERSATION}/update_last_seen": None,
    f"POST {CONVERSATION}/messages": {"content": "Hello"},
    f"GET {CONVERSATION}/messages": None,
    f"PATCH {CONVERSATION}/messages/{{message_id}}": {
        "submitted_values": {"email": "vera@example.com"}
    },
    # Application API
    "GET /api/v1/accounts/{id}": None,
    "PATCH /api/v1/accounts/{id}": {
        "name": "Acme",
        "domain": "acme.test",
        "support_email": "help@acme.test",
        "industry": "Technology",
    },
    "GET /api/v1/profile": None,
    f"GET {ACCOUNT}/agents": None,
    f"POST {ACCOUNT}/agents": {"name": "Nia", "email": "nia@example.com"},
    f"PATCH {ACCOUNT}/agents/{{id}}": {"role": "administrator"},
    f"DELETE {ACCOUNT}/agents/{{id}}": None,
    f"GET {ACCOUNT}/contacts": None,
    f"POST {ACCOUNT}/contacts": {"name": "Ola", "inbox_id": "{api_inbox}"},
    f"GET {ACCOUNT}/contacts/{{id}}": None,
    f"PUT {ACCOUNT}/contacts/{{id}}": {"phone_number": "+1 555 0100"},
    f"DELETE {ACCOUNT}/contacts/{{id}}": None,
    f"GET {ACCOUNT}/contacts/{{id}}/conversations": None,
    f"GET {ACCOUNT}/contacts/search": None,
    f"POST {ACCOUNT}/contacts/filter": {
        "payload": [
            {
                "attribute_key": "name",
                "filter_operator": "contains",
                "values": ["a"],
                "query_operator": None,
            }
        ]
    },
    f"GET {ACCOUNT}/contacts/{{id}}/labels": None,
    f"POST {ACCOUNT}/contacts/{{id}}/labels": {"labels": ["vip"]},
    f"POST {ACCOUNT}/contacts/{{id}}/contact_inboxes": {"inbox_id": "{api_inbox}"},
    f"GET {ACCOUNT}/contacts/{{id}}/contactable_inboxes": None,
    f"GET {ACCOUNT}/conversations/meta": None,
    f"GET {ACCOUNT}/conversations": None,
    f"POST {ACCOUNT}/conversations/filter": {
        "payload": [
            {
                "attribute_key": "status",
                "filter_operator": "equal_to",
                "values": ["open"],
                "query_operator": None,
            }
        ]
    },
    f"POST {ACCOUNT}/conversations": {
        "source_id": "{source_id}",
        "inbox_id": "{inbox}",
    },
    f"GET {THREAD}": None,
    f"PATCH {THREAD}": {"priority": "high"},
    f"POST {THREAD}/toggle_status": {"status": "resolved"},
    f"POST {THREAD}/toggle_priority": {"priority": "urgent"},
    f"POST {THREAD}/assignments": {"assignee_id": "{agent}"},
    f"POST {THREAD}/custom_attributes": {"custom_attributes": {"order_id": "12345"}},
    f"GET {THREAD}/labels": None,
    f"POST {THREAD}/labels": {"labels": ["billing"]},
    f"GET {THREAD}/messages": None,
    f"POST {THREAD}/messages": {"content": "On it", "private": False},
    f"DELETE {THREAD}/messages/{{message_id}}": None,
    f"GET {ACCOUNT}/inboxes": None,
    f"GET {ACCOUNT}/inboxes/{{id}}/": None,
    f"POST {ACCOUNT}/inboxes/": {"name": "Docs site", "website_url": "https://a.test"},
    f"PATCH {ACCOUNT}/inboxes/{{id}}": {"name": "Support"},
    f"GET {ACCOUNT}/inbox_members/{{inbox_id}}": None,
    f"POST {ACCOUNT}/inbox_members": {"inbox_id": "{inbox}", "user_ids": ["{agent}"]},
    f"PATCH {ACCOUNT}/inbox_members": {"inbox_id": "{inbox}", "user_ids": ["{agent}"]},
    f"DELETE {ACCOUNT}/inbox_members": {"inbox_id": "{inbox}", "user_ids": []},
    f"GET {ACCOUNT}/teams": None,
    f"POST {ACCOUNT}/teams": {"name": "tier2"},
    f"GET {ACCOUNT}/teams/{{team_id}}": None,
    f"PATCH {ACCOUNT}/teams/{{team_id}}": {"name": "tier3"},
    f"DELETE {ACCOUNT}/teams/{{team_id}}": None,
    f"GET {ACCOUNT}/teams/{{team_id}}/team_members": None,
    f"POST {ACCOUNT}/teams/{{team_id}}/team_members": {"user_ids": ["{agent}"]},
    f"PATCH {ACCOUNT}/teams/{{team_id}}/team_members": {"user_ids": ["{agent}"]},
    f"DELETE {ACCOUNT}/teams/{{team_id}}/team_members": {"user_ids": ["{agent}"]},
    f"GET {ACCOUNT}/custom_attribute_definitions": None,
    f"POST {ACCOUNT}/custom_attribute_definitions": {
        "attribute_display_name": "Order",
        "attribute_display_type": 0,
        "attribute_key": "order_id",
        "attribute_model": 0,
    },
    f"GET {ACCOUNT}/custom_attribute_definitions/{{id}}": None,
    f"PATCH {ACCOUNT}/custom_attribute_definitions/{{id}}": {
        "attribute_display_name": "Plan name"
    },
    f"DELETE {ACCOUNT}/custom_attribute_definitions/{{id}}": None,
    f"GET {ACCOUNT}/custom_filters": None,
    f"POST {ACCOUNT}/custom_filters": {
        "name": "Open ones",
        "type": "conversation",
        "query": {"payload": []},
    },
    f"GET {ACCOUNT}/custom_filters/{{custom_filter_id}}": None,
    f"PATCH {ACCOUNT}/custom_filters/{{custom_filter_id}}": {"name": "Renamed"},
    f"DELETE {ACCOUNT}/custom_filters/{{custom_filter_id}}": None,
    f"GET {ACCOUNT}/canned_responses": None,
    f"POST {ACCOUNT}/canned_responses": {"short_code": "hello", "content": "Hi!"},
    f"PATCH {ACCOUNT}/canned_responses/{{id}}": {"content": "Hello again"},
    f"DELETE {ACCOUNT}/canned_responses/{{id}}": None,
    f"GET {ACCOUNT}/automation_rules": None,
    f"POST {ACCOUNT}/automation_rules": {
        "name": "Tag questions",
        "description": "Incoming questions get a label",
        "event_name": "message_created",
        "conditions": [
            {
                "attribute_key": "content",
                "filter_operator": "contains",
                "values": ["help"],
            }
        ],
        "actions": [{"action_name": "add_label", "action_params": ["billing"]}],
    },
    f"GET {ACCOUNT}/automation_rules/{{id}}": None,
    f"PATCH {ACCOUNT}/automation_rules/{{id}}": {"active": False},
    f"DELETE {ACCOUNT}/automation_rules/{{id}}": None,
    f"GET {ACCOUNT}/integrations/apps": None,
    f"GET {ACCOUNT}/agent_bots": None,
    f"POST {ACCOUNT}/agent_bots": {
        "name": "Greeter",
        "description": "Says hello",
        "outgoing_url": "https://8.8.8.8/bot",
    },
    f"GET {ACCOUNT}/agent_bots/{{id}}": None,
    f"PATCH {ACCOUNT}/agent_bots/{{id}}": {"name": "Greeter 2"},
    f"DELETE {ACCOUNT}/agent_bots/{{id}}": None,
    f"GET {ACCOUNT}/inboxes/{{id}}/agent_bot": None,
    f"POST {ACCOUNT}/inboxes/{{id}}/set_agent_bot": {"agent_bot": "{bot}"},
    f"GET {ACCOUNT}/webhooks": None,
    f"POST {ACCOUNT}/webhooks": {
        "url": "https://93.184.215.14/hooks",
        "subscriptions": ["message_created"],
    },
    f"PATCH {ACCOUNT}/webhooks/{{webhook_id}}": {"name": "CRM"},
    f"DELETE {ACCOUNT}/webhooks/{{webhook_id}}": None,
    f"GET {ACCOUNT}/audit_logs": None,
    f"GET {ACCOUNT}/reporting_events": None,
    f"GET {THREAD}/reporting_events": None,
    f"GET {REPORTS}": None,
    f"GET {REPORTS}/summary": None,
    f"GET {REPORTS}/conversations": None,
    f"GET {REPORTS}/conversations/": None,
    # The survey page a CSAT survey's link opens.
    "GET /survey/responses/{conversation_uuid}": None,
}

LATER = "a capability OneChat does not have yet; built later on this path"
NOT_SERVED_PREFIXES = {
    "/platform/api/": "the Platform API (out of scope)",
    f"{ACCOUNT}/portals": "help-center portals (out of scope)",
    f"{ACCOUNT}/integrations/hooks": "integration hooks: OneChat has no hooked apps",
}
NOT_SERVED_OPERATIONS = {
    # The file's own error: the Application API's path without /api/v1.
    "GET /accounts/{account_id}/conversations/{conversation_id}/messages": (
        "not a Chatwoot API path (the file lost its /api/v1 prefix)"
    ),
}


def not_served_reason(operation: str) -> str | None:
    if operation in NOT_SERVED_OPERATIONS:
        return NOT_SERVED_OPERATIONS[operation]
    path = operation.split(" ", 1)[1]
    for prefix, reason in NOT_SERVED_PREFIXES.items():
        if path.startswith(prefix):
            return reason
    return None


# Where the file is wrong about what Chatwoot sends (the seed 002 samples and
# Chatwoot's jbuilder views win). (operation or "*", field path suffix) -> why.
FILE_ERRORS = {
    # The inbox's bot comes under agent_bot (inboxes/agent_bot.json.jbuilder).
    **{
        (f"GET {ACCOUNT}/inboxes/{{id}}/agent_bot", f"$.{name}"): "under agent_bot"
        for name in SCHEMAS["agent_bot"]["properties"]
    },
    # Chatwoot sends the created contact as payload.contact beside
    # payload.contact_inbox (contacts/create.json.jbuilder); the file declares
    # a list of contacts there.
    (f"POST {ACCOUNT}/contacts", "$.payload"): "payload is an object",
    (f"POST {ACCOUNT}/contacts", "$.id"): "under payload.contact",
    (f"POST {ACCOUNT}/contacts", "$.availability_status"): "under payload.contact",
    # PUT answers like GET (contacts/update.json.jbuilder): payload is one contact.
    (f"PUT {ACCOUNT}/contacts/{{id}}", "$.payload"): "payload is an object",
    (f"PUT {ACCOUNT}/contacts/{{id}}", "$.id"): "under payload",
    # The apps list sends id, name, description, logo, enabled and action
    # (integrations/apps/index.json.jbuilder): hook fields are the show view's.
    **{
        (f"GET {ACCOUNT}/integrations/apps", f"payload[].{name}"): "apps/show only"
        for name in ("hook_type", "allow_multiple_hooks", "hooks")
    },
    # meta.contact is the contact itself (messages/index.json.jbuilder).
    ("*", ".meta.contact.payload"): "meta.contact is not wrapped",
    # Seed 002: a message's updated_at is an ISO string, a conversation's
    # timestamp an integer.
    ("*", "messages[].updated_at"): "an ISO string (seed 002)",
    ("*", "last_non_activity_message.updated_at"): "an ISO string (seed 002)",
    (f"POST {THREAD}/messages", "$.updated_at"): "an ISO string (seed 002)",
    (f"GET {THREAD}/messages", "$.payload[].updated_at"): "ISO (seed 002)",
    (f"DELETE {THREAD}/messages/{{message_id}}", "$.updated_at"): "ISO (seed 002)",
    ("*", ".timestamp"): "an integer (seed 002)",
    # Public API messages: message_type is Chatwoot's integer and
    # content_attributes an object, as in every other message shape.
    ("*", ".message_type"): "an integer (seed 002)",
    ("*", ".content_attributes"): "an object (seed 002)",
    # Sent only when there are some (seed 002): a message with no file, a
    # prompt with no sender.
    ("*", ".attachments"): "only when the message has files",
    ("*", ".sender"): "only when the message has a sender",
    ("*", ".attachment"): "Chatwoot sends attachments (plural)",
    # Example keys of a free-form object, present only when a client set them.
    ("*", ".additional_attributes.city"): "a free-form object",
    ("*", ".additional_attributes.country"): "a free-form object",
    ("*", ".additional_attributes.country_code"): "a free-form object",
    ("*", ".additional_attributes.created_at_ip"): "a free-form object",
    # Chatwoot sends a list attribute's choices as a list.
    ("*", ".attribute_values"): "a list of strings",
    # Chatwoot echoes the page parameter; OneChat sends it as the integer.
    ("*", ".meta.current_page"): "the page number, an integer",
    # A message carries its ``conversation`` digest in push data
    # (Message#push_event_data), not in the messages list nor the create
    # answer: both render models/_message.json.jbuilder, which has none.
    (f"GET {THREAD}/messages", "$.payload[].conversation"): "not in _message",
    (f"POST {THREAD}/messages", "$.conversation"): "not in _message",
    # Channel::WebWidget's ``selected_feature_flags`` are FlagShihTzu's list
    # of the names of the flags set (["attachments", "emoji_picker", ...]).
    ("*", ".selected_feature_flags"): "a list of flag names",
    # models/_inbox.json.jbuilder: ``medium`` only ``if resource.twilio?``.
    ("*", ".medium"): "Twilio SMS inboxes only",
    # models/_user.json.jbuilder: ``hmac_identifier`` only when the
    # installation sets CHATWOOT_INBOX_HMAC_KEY, ``custom_attributes`` only
    # when present (users made through the Platform API).
    ("GET /api/v1/profile", "$.hmac_identifier"): "installation HMAC key only",
    ("GET /api/v1/profile", "$.custom_attributes"): "Platform API users only",
}
# The client API renders messages with public/api/v1/models/_message.json.jbuilder,
# which has no ``conversation`` digest.
for operation in SERVED:
    if operation.split(" ", 1)[1].startswith(PUBLIC):
        FILE_ERRORS[operation, "].conversation"] = "not in public _message"
        FILE_ERRORS[operation, "$.conversation"] = "not in public _message"
# Chatwoot's reports send numbers (V2::Reports builders: counts and
# averages in seconds), the file says strings.
FILE_ERRORS[f"GET {REPORTS}", "$[].value"] = "a number of conversations or seconds"
for field in ("avg_first_response_time", "avg_resolution_time"):
    FILE_ERRORS[f"GET {REPORTS}/summary", f"$.{field}"] = "seconds, a number"
    FILE_ERRORS[f"GET {REPORTS}/summary", f"$.previous.{field}"] = "seconds, a number"
# Chatwoot wraps webhooks in payload (webhooks/index and create jbuilders).
FILE_ERRORS[f"GET {ACCOUNT}/webhooks", "$"] = "payload.webhooks"
for operation in (
    f"POST {ACCOUNT}/webhooks",
    f"PATCH {ACCOUNT}/webhooks/{{webhook_id}}",
):
    for field in ("id", "url", "name", "subscriptions", "account_id"):
        FILE_ERRORS[operation, f"$.{field}"] = "under payload.webhook"
# Chatwoot sends a saved filter's type as filter_type (custom_filter.json.jbuilder).
for operation in SERVED:
    if "/custom_filters" in operation:
        FILE_ERRORS[operation, ".type"] = "Chatwoot sends filter_type"
# An account's custom_attributes are free-form: the file lists Chatwoot's
# billing and onboarding keys, present only where they were set.
for field in [
    "plan_name",
    "subscribed_quantity",
    "subscription_status",
    "subscription_ends_on",
    "industry",
    "company_size",
    "timezone",
    "logo",
    "onboarding_step",
    "marked_for_deletion_at",
    "marked_for_deletion_reason",
]:
    FILE_ERRORS["*", f".custom_attributes.{field}"] = "a free-form object"
# The file's ``user`` is the signed-in user's profile; assignments answer the
# assigned agent as Chatwoot's agent partial renders it, with no token.
for field in [
    "access_token",
    "pubsub_token",
    "hmac_identifier",
    "uid",
    "provider",
    "accounts",
    "ui_settings",
    "inviter_id",
    "display_name",
    "message_signature",
    "type",
    "custom_attributes",
    "account_id",
    "avatar_url",
]:
    FILE_ERRORS[f"POST {THREAD}/assignments", f"$.{field}"] = "agent partial"

# Fields OneChat does not send yet, with the reason. (operation or "*", suffix).
NOT_YET = {
    # Chatwoot renders these two as ISO times here, epoch seconds elsewhere;
    # OneChat sends epoch seconds everywhere.
    (f"GET {THREAD}/messages", ".meta.agent_last_seen_at"): "epoch seconds",
    (f"GET {THREAD}/messages", ".meta.assignee_last_seen_at"): "epoch seconds",
    ("*", ".sla_policy_id"): "no SLA policies in OneChat",
    ("*", ".sla_events"): "no SLA policies in OneChat",
    ("*", ".applied_sla"): "no SLA policies in OneChat",
}
# Account settings and user preferences OneChat does not keep yet.
for field in [
    "subscribed_features",
    "settings",
    "latest_chatwoot_version",
    "features",
    "cache_keys",
]:
    for operation in ("GET /api/v1/accounts/{id}", "PATCH /api/v1/accounts/{id}"):
        NOT_YET[operation, f"$.{field}"] = "account settings"
# The file types these public-API fields as strings; Chatwoot sends integers
# (the file's README).
PUBLIC_INTEGERS = {"id", "created_at", "conversation_id", "inbox_id"}


def allowed(operation: str, path: str) -> bool:
    """Whether a mismatch at ``path`` is a listed file error or a field not yet
    served."""
    return any(
        key_operation in ("*", operation) and path.endswith(suffix)
        for table in (FILE_ERRORS, NOT_YET)
        for key_operation, suffix in table
    )


### Fixtures


@pytest.fixture
def world(account, administrator, agent, inbox, contact_session, conversation):
    """One of everything an operation can name, in ``account``."""
    api_inbox = factories.InboxFactory(
        account=account, channel_type=Inbox.ChannelType.API
    )
    team = factories.TeamFactory(account=account)
    team.members.add(agent)
    message = create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        sender=agent,
        content="Hi there",
    )
    create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        sender=conversation.contact,
        content="Hello",
    )
    set_labels(conversation=conversation, labels=["billing"])
    # The survey the survey page shows.
    create_message(
        conversation=conversation,
        message_type=Message.MessageType.TEMPLATE,
        content="Please rate the conversation",
        content_type=Message.ContentType.INPUT_CSAT,
    )
    definition = CustomAttributeDefinition.objects.create(
        account=account,
        attribute_model=CustomAttributeDefinition.Model.CONTACT,
        attribute_key="plan",
        attribute_display_name="Plan",
    )
    saved_filter = save_filter(
        membership=administrator.memberships.get(account=account),
        name="Mine",
        filter_type=CustomFilter.FilterType.CONVERSATION,
        query={"payload": []},
    )
    canned = create_canned_response(
        account=account, short_code="welcome", content="Hi {{contact.name}}"
    )
    rule = AutomationRule.objects.create(
        account=account,
        name="Resolve thanks",
        event_name="message_created",
        conditions=[
            {
                "attribute_key": "content",
                "filter_operator": "contains",
                "values": ["thanks"],
            }
        ],
        actions=[{"action_name": "resolve_conversation", "action_params": []}],
    )
    webhook = create_webhook(
        account=account, url="https://93.184.215.14/crm", subscriptions=[]
    )
    other = factories.UserFactory(name="Tom Temp")
    factories.AccountUserFactory(account=account, user=other)
    return SimpleNamespace(
        account=account,
        administrator=administrator,
        agent=agent,
        other_agent=other,
        inbox=inbox,
        api_inbox=api_inbox,
        session=contact_session,
        contact=contact_session.contact,
        conversation=conversation,
        message=message,
        team=team,
        definition=definition,
        saved_filter=saved_filter,
        canned=canned,
        rule=rule,
        bot=AgentBot.objects.create(account=account, name="Helper"),
        webhook=webhook,
    )


def path_of(operation: str, world: SimpleNamespace) -> str:
    method, path = operation.split(" ", 1)
    ids = {
        "account_id": world.account.pk,
        "inbox_identifier": world.inbox.identifier,
        "contact_identifier": world.session.source_id,
        "conversation_id": world.conversation.display_id,
        "message_id": world.message.pk,
        "team_id": world.team.pk,
        "inbox_id": world.inbox.pk,
        "conversation_uuid": world.conversation.uuid,
        "hook_id": 1,
        "custom_filter_id": world.saved_filter.pk,
        "webhook_id": world.webhook.pk,
    }
    if "/agents/{id}" in path and "/agent_bots" not in path:
        ids["id"] = world.other_agent.pk
    elif "/contacts/{id}" in path:
        ids["id"] = world.contact.pk
    elif "/inboxes/{id}" in path:
        ids["id"] = world.inbox.pk
    elif "/custom_attribute_definitions/{id}" in path:
        ids["id"] = world.definition.pk
    elif "/agent_bots/{id}" in path:
        ids["id"] = world.bot.pk
    elif "/canned_responses/{id}" in path:
        ids["id"] = world.canned.pk
    elif "/automation_rules/{id}" in path:
        ids["id"] = world.rule.pk
    else:
        ids["id"] = world.account.pk
    if path.startswith(CONVERSATION) and method == "PATCH":
        ids["message_id"] = request_email(conversation=world.conversation).pk
    return path.format(**ids)


def body_of(operation: str, world: SimpleNamespace) -> Any:
    refs = {
        "{api_inbox}": world.api_inbox.pk,
        "{inbox}": world.inbox.pk,
        "{bot}": world.bot.pk,
        "{agent}": world.agent.pk,
        "{source_id}": str(world.session.source_id),
    }

    def fill(value):
        if isinstance(value, dict):
            return {key: fill(item) for key, item in value.items()}
        if isinstance(value, list):
            return [fill(item) for item in value]
        return refs.get(value, value) if isinstance(value, str) else value

    return fill(SERVED[operation])


### Checking an answer against the file


def resolve(schema: dict) -> dict:
    while "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].rsplit("/", 1)[1]]
    if "allOf" in schema:
        merged: dict = {"type": "object", "properties": {}}
        for part in schema["allOf"]:
            merged["properties"].update(resolve(part).get("properties", {}))
        return merged
    return schema


JSON_TYPES = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
}


def mismatches(
    value: Any, schema: dict, path: str = "$", depth: int = 0, public: bool = False
) -> list[tuple[str, str]]:
    """(field path, problem) for each declared field missing or of another type.

    A null passes for any field: the file marks few of the fields Chatwoot
    sends as null (an email, a phone number) ``nullable``.
    """
    schema = resolve(schema)
    if value is None or depth > 8:
        # Past a few levels the file's schemas refer to themselves.
        return []
    kind = schema.get("type") or ("object" if "properties" in schema else None)
    if public and kind == "string" and path.rsplit(".", 1)[-1] in PUBLIC_INTEGERS:
        kind = "integer"
    if kind in JSON_TYPES:
        ok = isinstance(value, JSON_TYPES[kind])
        if kind in ("integer", "number") and isinstance(value, bool):
            ok = False
        if not ok:
            return [(path, f"{type(value).__name__}, not {kind}")]
    problems = []
    if kind == "object" and isinstance(value, dict):
        for name, field in schema.get("properties", {}).items():
            if name not in value:
                problems.append((f"{path}.{name}", "missing"))
            else:
                problems += mismatches(
                    value[name], field, f"{path}.{name}", depth + 1, public
                )
    if kind == "array" and isinstance(value, list) and "items" in schema:
        for item in value[:3]:
            problems += mismatches(
                item, schema["items"], f"{path}[]", depth + 1, public
            )
    return problems


def success_of(operation: str) -> tuple[int, dict | None]:
    method, path = operation.split(" ", 1)
    responses = SWAGGER["paths"][path][method.lower()]["responses"]
    code = min(c for c in responses if c.startswith("2"))
    content = responses[code].get("content", {}).get("application/json", {})
    return int(code), content.get("schema")


def call(client: APIClient, operation: str, world: SimpleNamespace):
    method, _ = operation.split(" ", 1)
    body = body_of(operation, world) if operation in SERVED else None
    return client.generic(
        method,
        path_of(operation, world),
        json.dumps(body) if body is not None else "",
        content_type="application/json",
    )


### Tests


def test_every_operation_is_served_or_listed_with_a_reason(capsys):
    """No operation of the file is forgotten: served, or not served with a reason."""
    unknown = [op for op in SERVED if op not in OPERATIONS]
    assert not unknown, f"not in the file: {unknown}"
    both = [op for op in SERVED if not_served_reason(op)]
    assert not both, f"served and listed as not served: {both}"
    untold = [op for op in OPERATIONS if op not in SERVED and not not_served_reason(op)]
    assert not untold, f"neither served nor listed: {untold}"
    not_served = len(OPERATIONS) - len(SERVED)
    with capsys.disabled():
        print(
            f"\nChatwoot's swagger.json: {len(OPERATIONS)} operations, "
            f"{len(SERVED)} served, {not_served} not served"
        )


@pytest.mark.parametrize("operation", list(SERVED))
def test_served_operation_answers_chatwoots_status_and_fields(world, operation):
    client = APIClient()
    if not operation.split(" ", 1)[1].startswith("/public/"):
        client.credentials(HTTP_API_ACCESS_TOKEN=world.administrator.access_token)
    response = call(client, operation, world)
    code, schema = success_of(operation)
    if code == 204:
        # The file's PUT contacts/{id} says 204; Chatwoot answers 200 with the
        # contact (contacts/update.json.jbuilder), the shape the file gives.
        code = 200
    assert response.status_code == code, (operation, response.content[:500])
    if schema is None:
        return
    body = json.loads(response.content) if response.content else None
    public = operation.split(" ", 1)[1].startswith("/public/")
    problems = [
        (path, problem)
        for path, problem in mismatches(body, schema, public=public)
        if not allowed(operation, path)
    ]
    assert not problems, (operation, problems)


NOT_SERVED = [op for op in OPERATIONS if op not in SERVED]


@pytest.mark.parametrize("operation", NOT_SERVED)
def test_not_served_operation_is_a_json_404(world, operation):
    client = APIClient()
    client.credentials(HTTP_API_ACCESS_TOKEN=world.administrator.access_token)
    response = call(client, operation, world)
    path = operation.split(" ", 1)[1]
    # A method OneChat does not take on a path it serves is a JSON 405.
    assert response.status_code in (404, 405), operation
    if path.startswith(("/api/", "/public/api/", "/platform/api/")):
        assert response.json()["error"]
