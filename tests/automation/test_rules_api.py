"""Automation rules (``automation_rules``): Chatwoot's shapes, administrators
only, input refused with a JSON 400 naming the field, never another
account's agents, teams, labels or inboxes, and runs listed."""

import pytest

from automation.models import AutomationRule, AutomationRun
from tests import factories

pytestmark = pytest.mark.django_db


def rule_body(**overrides):
    body = {
        "name": "Tag bugs",
        "description": "Incoming messages about bugs",
        "event_name": "message_created",
        "conditions": [
            {
                "attribute_key": "message_type",
                "filter_operator": "equal_to",
                "values": ["incoming"],
                "query_operator": "and",
            },
            {
                "attribute_key": "content",
                "filter_operator": "contains",
                "values": ["bug"],
            },
        ],
        "actions": [{"action_name": "add_label", "action_params": ["bug"]}],
    }
    return {**body, **overrides}


def test_rule_lifecycle_in_chatwoot_shape(as_admin, base, account, labels):
    """Create, list, show, deactivate, clone and delete a rule; each answer
    carries the rule under ``payload`` with Chatwoot's fields."""
    created = as_admin.post(f"{base}/automation_rules", rule_body(), format="json")
    assert created.status_code == 200, created.json()
    rule = created.json()["payload"]
    assert set(rule) == {
        "id",
        "account_id",
        "name",
        "description",
        "event_name",
        "conditions",
        "actions",
        "created_on",
        "active",
    }
    assert rule["active"] is True
    assert rule["account_id"] == account.pk
    assert isinstance(rule["created_on"], int)
    assert rule["conditions"][0]["values"] == ["incoming"]
    url = f"{base}/automation_rules/{rule['id']}"
    assert as_admin.get(url).json()["payload"]["name"] == "Tag bugs"
    listed = as_admin.get(f"{base}/automation_rules").json()["payload"]
    assert [row["id"] for row in listed] == [rule["id"]]
    off = as_admin.patch(url, {"active": False}, format="json")
    assert off.json()["payload"]["active"] is False
    clone = as_admin.post(f"{url}/clone").json()["payload"]
    assert clone["id"] != rule["id"] and clone["actions"] == rule["actions"]
    assert as_admin.delete(url).status_code == 200
    assert as_admin.get(url).status_code == 404
    assert AutomationRule.objects.count() == 1


def test_agents_may_not_read_or_write_rules(as_agent, base, labels):
    """Rules are the administrators': an agent gets a JSON 403."""
    assert as_agent.get(f"{base}/automation_rules").status_code == 403
    answer = as_agent.post(f"{base}/automation_rules", rule_body(), format="json")
    assert answer.status_code == 403
    assert "error" in answer.json() or "detail" in answer.json()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"event_name": "contact_created"}, "event_name"),
        ({"conditions": []}, "conditions"),
        ({"actions": []}, "actions"),
        ({"actions": [{"action_name": "delete_account"}]}, "actions[0].action_name"),
        ({"actions": "add_label"}, "actions"),
        (
            {
                "conditions": [
                    {
                        "attribute_key": "shoe_size",
                        "filter_operator": "equal_to",
                        "values": ["1"],
                    }
                ]
            },
            "conditions[0].attribute_key",
        ),
        (
            {
                "conditions": [
                    {
                        "attribute_key": "status",
                        "filter_operator": "equal_to",
                        "values": ["lost"],
                    }
                ]
            },
            "conditions[0].values",
        ),
        (
            {
                "conditions": [
                    {
                        "attribute_key": "message_type",
                        "filter_operator": "equal_to",
                        "values": ["shout"],
                    }
                ]
            },
            "conditions[0].values",
        ),
        (
            # Message attributes only on message_created.
            {"event_name": "conversation_created"},
            "conditions[0].attribute_key",
        ),
        (
            {
                "actions": [
                    {"action_name": "send_email_transcript", "action_params": ["nope"]}
                ]
            },
            "actions[0].action_params",
        ),
        (
            {"actions": [{"action_name": "send_message", "action_params": []}]},
            "actions[0].action_params",
        ),
        (
            {"actions": [{"action_name": "add_label", "action_params": ["nope"]}]},
            "actions[0].action_params",
        ),
        (
            {"actions": [{"action_name": "change_priority", "action_params": ["max"]}]},
            "actions[0].action_params",
        ),
        (
            {
                "actions": [
                    {
                        "action_name": "send_webhook_event",
                        "action_params": ["file:///etc/passwd"],
                    }
                ]
            },
            "actions[0].action_params",
        ),
        (
            {
                "actions": [
                    {
                        "action_name": "send_webhook_event",
                        "action_params": ["http://127.0.0.1:8000/admin"],
                    }
                ]
            },
            "actions[0].action_params",
        ),
        (
            {
                "actions": [
                    {
                        "action_name": "send_webhook_event",
                        "action_params": ["http://[::1]/"],
                    }
                ]
            },
            "actions[0].action_params",
        ),
        (
            {
                "actions": [
                    {
                        "action_name": "send_webhook_event",
                        "action_params": ["http://169.254.169.254/latest/meta-data"],
                    }
                ]
            },
            "actions[0].action_params",
        ),
        (
            {
                "actions": [
                    {
                        "action_name": "send_webhook_event",
                        "action_params": ["http://localhost/hook"],
                    }
                ]
            },
            "actions[0].action_params",
        ),
        (
            {
                "actions": [
                    {
                        "action_name": "send_webhook_event",
                        "action_params": ["https://10.0.0.5/hook"],
                    }
                ]
            },
            "actions[0].action_params",
        ),
        (
            {
                "actions": [
                    {
                        "action_name": "send_webhook_event",
                        "action_params": ["javascript:alert(1)"],
                    }
                ]
            },
            "actions[0].action_params",
        ),
        (
            {"actions": [{"action_name": "assign_agent", "action_params": ["self"]}]},
            "actions[0].action_params",
        ),
        (
            {"actions": [{"action_name": "assign_team", "action_params": [True]}]},
            "actions[0].action_params",
        ),
    ],
)
def test_bad_rules_are_a_json_400_naming_the_field(
    as_admin, base, labels, change, field
):
    """Each wrong part is refused with a 400 naming it; nothing is stored."""
    answer = as_admin.post(
        f"{base}/automation_rules", rule_body(**change), format="json"
    )
    assert answer.status_code == 400, answer.json()
    assert field in str(answer.json())
    assert AutomationRule.objects.count() == 0


def test_other_accounts_rows_are_refused(as_admin, base, labels, elsewhere, inbox):
    """Another account's agent, team, label or inbox, in an action or a
    condition, is a 400; the account's own are taken."""
    hostile = [
        {
            "actions": [
                {"action_name": "assign_agent", "action_params": [elsewhere["user"].pk]}
            ]
        },
        {
            "actions": [
                {"action_name": "assign_team", "action_params": [elsewhere["team"].pk]}
            ]
        },
        {"actions": [{"action_name": "add_label", "action_params": ["secret"]}]},
        {
            "actions": [
                {
                    "action_name": "send_email_to_team",
                    "action_params": [
                        {"team_ids": [elsewhere["team"].pk], "message": "hi"}
                    ],
                }
            ]
        },
        {
            "conditions": [
                {
                    "attribute_key": "team_id",
                    "filter_operator": "equal_to",
                    "values": [elsewhere["team"].pk],
                }
            ]
        },
        {
            "conditions": [
                {
                    "attribute_key": "assignee_id",
                    "filter_operator": "equal_to",
                    "values": [elsewhere["user"].pk],
                }
            ]
        },
        {
            "conditions": [
                {
                    "attribute_key": "inbox_id",
                    "filter_operator": "equal_to",
                    "values": [factories.InboxFactory().pk],
                }
            ]
        },
    ]
    for change in hostile:
        answer = as_admin.post(
            f"{base}/automation_rules", rule_body(**change), format="json"
        )
        assert answer.status_code == 400, change
    own = rule_body(
        conditions=[
            {
                "attribute_key": "inbox_id",
                "filter_operator": "equal_to",
                "values": [inbox.pk],
            }
        ]
    )
    assert (
        as_admin.post(f"{base}/automation_rules", own, format="json").status_code == 200
    )


def test_other_accounts_rules_are_a_json_404(as_admin, base, elsewhere):
    """A rule of another account is not found, read or written."""
    foreign = AutomationRule.objects.create(
        account=elsewhere["account"], name="x", event_name="conversation_created"
    )
    url = f"{base}/automation_rules/{foreign.pk}"
    for answer in (
        as_admin.get(url),
        as_admin.patch(url, {"active": False}, format="json"),
        as_admin.delete(url),
        as_admin.post(f"{url}/clone"),
        as_admin.get(f"{url}/runs"),
    ):
        assert answer.status_code == 404
        assert answer.json()
    assert AutomationRule.objects.get(pk=foreign.pk).active is True


def test_runs_are_listed_newest_first(as_admin, base, account, conversation, elsewhere):
    """A rule's runs and the account's runs (a OneChat extension), never
    another account's."""
    rule = AutomationRule.objects.create(
        account=account, name="r", event_name="conversation_created"
    )
    foreign = AutomationRule.objects.create(
        account=elsewhere["account"], name="x", event_name="conversation_created"
    )
    AutomationRun.objects.create(
        account=account,
        rule=rule,
        conversation=conversation,
        event_name="conversation_created",
    )
    AutomationRun.objects.create(
        account=account,
        rule=rule,
        conversation=conversation,
        event_name="conversation_created",
        matched=True,
        actions_taken=["add_label"],
    )
    AutomationRun.objects.create(
        account=elsewhere["account"], rule=foreign, event_name="conversation_created"
    )
    AutomationRun.objects.create(
        account=account, rule=rule, conversation=None, event_name="conversation_created"
    )
    runs = as_admin.get(f"{base}/automation_rules/{rule.pk}/runs").json()["payload"]
    assert [run["matched"] for run in runs] == [False, True, False]
    assert runs[0]["conversation_id"] is None
    assert runs[1]["actions_taken"] == ["add_label"]
    assert runs[1]["conversation_id"] == conversation.display_id
    everything = as_admin.get(f"{base}/automation_runs").json()["payload"]
    assert {run["rule_id"] for run in everything} == {rule.pk}


def test_public_webhook_urls_are_taken(as_admin, base, labels):
    """An http(s) URL of a public host is stored as given."""
    action = {
        "action_name": "send_webhook_event",
        "action_params": ["https://hooks.example.com/onechat?x=1"],
    }
    answer = as_admin.post(
        f"{base}/automation_rules", rule_body(actions=[action]), format="json"
    )
    assert answer.status_code == 200
    assert answer.json()["payload"]["actions"] == [action]
