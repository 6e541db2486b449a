"""Each audited kind, changed through the API, leaves its entry with the
actor, the address and what changed; secrets never reach the log; messages
themselves are not audited, their edits and deletions are."""

import pytest

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import AccountUser, Inbox
from audit.models import AuditLog
from audit.registry import MASKED
from conversations import services
from conversations.models import Message
from tests import factories
from tests.audit.conftest import client_for, entries, only
from webhooks.models import Webhook

pytestmark = pytest.mark.django_db

PUBLIC_URL = "https://93.184.215.14/hooks"


def check_actor(entry: AuditLog, user) -> None:
    assert entry.user_id == user.pk and entry.username == user.email
    assert entry.remote_address == "203.0.113.7"
    assert entry.request_uuid


def test_inbox_and_its_widget_settings(as_admin, api, account, inbox, administrator):
    old_name = inbox.name
    answer = as_admin.patch(
        f"{api}/inboxes/{inbox.pk}",
        {"name": "Website", "widget_color": "#000000"},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    entry = only(account, auditable_type="Inbox", action="update")
    check_actor(entry, administrator)
    assert entry.auditable_id == inbox.pk and entry.auditable_name == "Website"
    assert entry.audited_changes == {
        "name": [old_name, "Website"],
        "widget_color": ["#1f93ff", "#000000"],
    }


def test_inbox_created_without_its_tokens(as_admin, api, account):
    answer = as_admin.post(
        f"{api}/inboxes/", {"name": "Docs", "website_url": "https://a.test"}
    )
    assert answer.status_code == 200, answer.content
    entry = only(account, auditable_type="Inbox", action="create")
    stored = Inbox.objects.get(name="Docs")
    assert entry.audited_changes["name"] == [None, "Docs"]
    logged = str(entry.audited_changes)
    for secret in (stored.hmac_token, stored.website_token, stored.identifier):
        assert secret not in logged


def test_members_roles_and_inbox_members(as_admin, api, account, agent, inbox):
    membership = AccountUser.objects.get(account=account, user=agent)
    answer = as_admin.patch(f"{api}/agents/{agent.pk}", {"role": "administrator"})
    assert answer.status_code == 200, answer.content
    entry = only(account, auditable_type="AccountUser")
    assert entry.auditable_id == membership.pk
    assert entry.audited_changes == {"role": ["agent", "administrator"]}

    answer = as_admin.patch(
        f"{api}/inbox_members",
        {"inbox_id": inbox.pk, "user_ids": []},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    entry = only(account, auditable_type="InboxMember", action="destroy")
    assert entry.audited_changes == {
        "inbox_id": [inbox.pk, None],
        "user_id": [agent.pk, None],
    }


def test_teams_and_team_members(as_admin, api, account, agent, administrator):
    team = as_admin.post(f"{api}/teams", {"name": "tier2"}).json()
    as_admin.patch(f"{api}/teams/{team['id']}", {"name": "tier3"})
    as_admin.post(
        f"{api}/teams/{team['id']}/team_members",
        {"user_ids": [agent.pk]},
        format="json",
    )
    as_admin.delete(f"{api}/teams/{team['id']}")
    kinds = [(e.auditable_type, e.action) for e in entries(account)]
    assert kinds == [
        ("Team", "create"),
        ("Team", "update"),
        ("TeamMember", "create"),
        ("Team", "destroy"),
    ]
    update = only(account, auditable_type="Team", action="update")
    assert update.audited_changes == {"name": ["tier2", "tier3"]}
    check_actor(update, administrator)


def test_webhook_secret_is_never_recorded(as_admin, api, account):
    answer = as_admin.post(
        f"{api}/webhooks",
        {"url": PUBLIC_URL, "name": "CRM", "subscriptions": ["message_created"]},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    webhook = Webhook.objects.get()
    as_admin.patch(f"{api}/webhooks/{webhook.pk}", {"name": "ERP"}, format="json")
    Webhook.objects.filter(pk=webhook.pk).update(secret="rotated-secret-value")
    webhook.refresh_from_db()
    webhook.secret = "another-secret-value"
    webhook.save()
    found = entries(account, auditable_type="Webhook")
    assert [e.action for e in found] == ["create", "update", "update"]
    assert found[1].audited_changes == {"name": ["CRM", "ERP"]}
    assert found[2].audited_changes == {"secret": [MASKED, MASKED]}
    logged = str([e.audited_changes for e in found])
    assert webhook.secret not in logged and "rotated-secret-value" not in logged
    assert answer.json()["payload"]["webhook"]["secret"] not in logged


def test_agent_bot_tokens_are_never_recorded(as_admin, api, account):
    answer = as_admin.post(
        f"{api}/agent_bots",
        {"name": "Greeter", "outgoing_url": "https://8.8.8.8/bot"},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    bot = answer.json()
    as_admin.post(f"{api}/agent_bots/{bot['id']}/reset_access_token")
    found = entries(account, auditable_type="AgentBot")
    assert found[0].action == "create"
    assert found[0].audited_changes["name"] == [None, "Greeter"]
    logged = str([e.audited_changes for e in found])
    assert bot["access_token"] not in logged


def test_rules_macros_canned_labels_attributes(as_admin, api, account):
    calls = [
        (
            "automation_rules",
            {
                "name": "Tag",
                "event_name": "message_created",
                "conditions": [
                    {
                        "attribute_key": "content",
                        "filter_operator": "contains",
                        "values": ["help"],
                    }
                ],
                "actions": [{"action_name": "add_label", "action_params": ["tag"]}],
            },
        ),
        (
            "macros",
            {
                "name": "Close",
                "visibility": "global",
                "actions": [{"action_name": "resolve_conversation"}],
            },
        ),
        ("canned_responses", {"short_code": "hello", "content": "Hi!"}),
        ("labels", {"title": "billing"}),
        (
            "custom_attribute_definitions",
            {
                "attribute_display_name": "Order",
                "attribute_display_type": 0,
                "attribute_key": "order_id",
                "attribute_model": 0,
            },
        ),
    ]
    as_admin.post(f"{api}/labels", {"title": "tag"}, format="json")
    for path, body in calls:
        answer = as_admin.post(f"{api}/{path}", body, format="json")
        assert answer.status_code == 200, (path, answer.content)
    kinds = [e.auditable_type for e in entries(account, action="create")]
    assert kinds == [
        "Label",
        "AutomationRule",
        "Macro",
        "CannedResponse",
        "Label",
        "CustomAttributeDefinition",
    ]
    canned = only(account, auditable_type="CannedResponse")
    assert canned.audited_changes == {
        "short_code": [None, "hello"],
        "content": [None, "Hi!"],
    }


def test_account_settings(as_admin, api, account):
    answer = as_admin.patch(api, {"name": "Acme"}, format="json")
    assert answer.status_code == 200, answer.content
    entry = only(account, auditable_type="Account")
    assert entry.audited_changes == {"name": [account.name, "Acme"]}


def test_message_edit_and_delete_not_the_message(
    conversation, agent, account, fresh_log
):
    message = services.create_message(
        conversation=conversation,
        sender=agent,
        content="Helo",
        message_type=Message.MessageType.OUTGOING,
    )
    assert entries(account) == []
    client = client_for(agent)
    path = (
        f"/api/v1/accounts/{account.pk}/conversations/"
        f"{conversation.display_id}/messages/{message.pk}"
    )
    assert client.patch(path, {"content": "Hello"}).status_code == 200
    assert client.delete(path).status_code == 200
    edit, deletion = entries(account, auditable_type="Message")
    assert (edit.action, deletion.action) == ("update", "destroy")
    assert edit.audited_changes == {"content": ["Helo", "Hello"]}
    stored = Message.objects.get(pk=message.pk)
    assert deletion.audited_changes == {"content": ["Hello", stored.content]}
    check_actor(edit, agent)


def test_jobs_act_as_onechat(account, fresh_log):
    factories.TeamFactory(account=account, name="night")
    entry = only(account, auditable_type="Team")
    assert entry.user is None and entry.username == "" and entry.remote_address == ""


def test_a_change_rolled_back_leaves_no_entry(account, fresh_log):
    with pytest.raises(RuntimeError), transaction.atomic():
        factories.TeamFactory(account=account, name="gone")
        raise RuntimeError
    assert entries(account) == []


def test_the_chat_path_asks_nothing_of_the_log(conversation, agent, account):
    """Sending a message, and the presence writes of a membership, neither
    read nor write the audit log."""
    membership = AccountUser.objects.get(account=account, user=agent)
    with CaptureQueriesContext(connection) as queries:
        services.create_message(
            conversation=conversation,
            sender=agent,
            content="Hi",
            message_type=Message.MessageType.OUTGOING,
        )
    touched = [q["sql"] for q in queries if "audit_auditlog" in q["sql"]]
    assert touched == []
    with CaptureQueriesContext(connection) as queries:
        membership.last_seen_at = timezone.now()
        membership.save(update_fields=["last_seen_at"])
    assert [q["sql"].split()[0] for q in queries] == ["UPDATE"]


def test_inviting_and_removing_an_agent(as_admin, api, account, agent):
    answer = as_admin.post(
        f"{api}/agents", {"name": "Nia", "email": "nia@example.com"}, format="json"
    )
    assert answer.status_code == 200, answer.content
    invited = only(account, auditable_type="Invitation", action="create")
    assert invited.audited_changes["name"] == [None, "Nia"]
    assert invited.auditable_name == "nia@example.com"
    assert "link_key_hash" not in str(invited.audited_changes)
    assert as_admin.delete(f"{api}/agents/{agent.pk}").status_code == 200
    removed = only(account, auditable_type="AccountUser", action="destroy")
    assert removed.auditable_name == agent.email
    assert removed.audited_changes["user_id"] == [agent.pk, None]
