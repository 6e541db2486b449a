"""Macros (``macros``): Chatwoot's shapes and visibility, and ``execute``
running the actions as the agent on conversations they may see, each action
checked against what the agent may do there."""

import pytest

from automation.models import Macro
from conversations.models import Conversation
from tests import factories
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db

ACTIONS = [
    {"action_name": "add_label", "action_params": ["bug"]},
    {"action_name": "resolve_conversation", "action_params": []},
]


def test_macro_lifecycle_in_chatwoot_shape(as_agent, base, agent, labels):
    """An agent adds a macro (personal whatever they ask), reads, changes and
    deletes it."""
    answer = as_agent.post(
        f"{base}/macros",
        {"name": "Close as bug", "visibility": "global", "actions": ACTIONS},
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    macro = answer.json()["payload"]
    assert set(macro) == {
        "id",
        "name",
        "visibility",
        "created_by",
        "updated_by",
        "account_id",
        "actions",
    }
    assert macro["visibility"] == "personal"
    assert macro["created_by"]["id"] == agent.pk
    url = f"{base}/macros/{macro['id']}"
    changed = as_agent.patch(url, {"name": "Bug & close"}, format="json")
    assert changed.json()["payload"]["name"] == "Bug & close"
    assert [m["id"] for m in as_agent.get(f"{base}/macros").json()["payload"]] == [
        macro["id"]
    ]
    assert as_agent.delete(url).status_code == 200
    assert as_agent.get(url).status_code == 404


def test_visibility(as_agent, as_admin, base, administrator, agent, labels):
    """Another's personal macro is a 404; a global one is everyone's to see
    and run, and only administrators change it."""
    mine = as_admin.post(
        f"{base}/macros", {"name": "Mine", "actions": ACTIONS}, format="json"
    ).json()["payload"]
    shared = as_admin.post(
        f"{base}/macros",
        {"name": "Shared", "visibility": "global", "actions": ACTIONS},
        format="json",
    ).json()["payload"]
    assert shared["visibility"] == "global"
    assert as_agent.get(f"{base}/macros/{mine['id']}").status_code == 404
    assert [m["name"] for m in as_agent.get(f"{base}/macros").json()["payload"]] == [
        "Shared"
    ]
    url = f"{base}/macros/{shared['id']}"
    assert as_agent.get(url).status_code == 200
    assert as_agent.patch(url, {"name": "x"}, format="json").status_code == 403
    assert as_agent.delete(url).status_code == 403
    assert as_admin.patch(url, {"name": "y"}, format="json").status_code == 200


def test_bad_macros_are_a_json_400(as_agent, base, labels, elsewhere):
    """An empty name or action list, an unknown action or visibility, another
    account's label or agent: a JSON 400, nothing stored."""
    for body in (
        {"name": "", "actions": ACTIONS},
        {"name": "x", "actions": []},
        {"name": "x", "actions": [{"action_name": "drop_tables"}]},
        {
            "name": "x",
            "actions": [{"action_name": "add_label", "action_params": ["secret"]}],
        },
        {
            "name": "x",
            "actions": [
                {"action_name": "assign_agent", "action_params": [elsewhere["user"].pk]}
            ],
        },
        {"name": "x", "visibility": "public", "actions": ACTIONS},
    ):
        answer = as_agent.post(f"{base}/macros", body, format="json")
        assert answer.status_code == 400, body
        assert answer.json()
    assert Macro.objects.count() == 0


def test_other_accounts_macro_is_a_json_404(as_agent, base, elsewhere, conversation):
    """Another account's macro, global or not, is not found, nor run."""
    foreign = Macro.objects.create(
        account=elsewhere["account"],
        name="x",
        visibility="global",
        actions=ACTIONS,
    )
    for answer in (
        as_agent.get(f"{base}/macros/{foreign.pk}"),
        as_agent.post(
            f"{base}/macros/{foreign.pk}/execute",
            {"conversation_ids": [conversation.display_id]},
            format="json",
        ),
    ):
        assert answer.status_code == 404


def test_execute_runs_as_the_agent(as_agent, base, agent, conversation, labels):
    """The agent's macro labels and resolves their conversation; the activity
    line names the agent, and the rules see an agent's change."""
    macro = Macro.objects.create(
        account=conversation.account,
        name="Close",
        actions=[*ACTIONS, {"action_name": "assign_agent", "action_params": ["self"]}],
        created_by=agent,
    )
    answer = as_agent.post(
        f"{base}/macros/{macro.pk}/execute",
        {"conversation_ids": [conversation.display_id]},
        format="json",
    )
    assert answer.status_code == 200
    assert answer.json()["payload"] == [
        {
            "conversation_id": conversation.display_id,
            "actions_taken": ["add_label", "resolve_conversation", "assign_agent"],
            "error": "",
        }
    ]
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.RESOLVED
    assert conversation.assignee == agent
    assert list(conversation.labels.values_list("title", flat=True)) == ["bug"]


def test_execute_is_checked_per_conversation(base, account, agent, inbox, labels):
    """A conversation outside the agent's inboxes is a 404 and nothing runs;
    a conversation another agent handles refuses the resolve, and the note
    left before it stays."""
    macro = Macro.objects.create(
        account=account,
        name="Close",
        actions=[
            {"action_name": "add_private_note", "action_params": ["Seen"]},
            {"action_name": "resolve_conversation", "action_params": []},
        ],
        created_by=agent,
    )
    client = client_for(agent)
    hidden = factories.ConversationFactory(
        contact_inbox=factories.ContactInboxFactory(
            contact=factories.ContactFactory(account=account),
            inbox=factories.InboxFactory(account=account),
        )
    )
    mine = factories.ConversationFactory(
        contact_inbox=factories.ContactInboxFactory(
            contact=factories.ContactFactory(account=account), inbox=inbox
        )
    )
    url = f"{base}/macros/{macro.pk}/execute"
    answer = client.post(
        url, {"conversation_ids": [mine.display_id, hidden.display_id]}, format="json"
    )
    assert answer.status_code == 404
    assert not mine.messages.filter(content="Seen").exists()
    colleague = factories.UserFactory()
    factories.AccountUserFactory(account=account, user=colleague)
    Conversation.objects.filter(pk=mine.pk).update(assignee=colleague)
    answer = client.post(url, {"conversation_ids": [mine.display_id]}, format="json")
    [result] = answer.json()["payload"]
    assert result["actions_taken"] == ["add_private_note"]
    assert "resolve_conversation" in result["error"]
    mine.refresh_from_db()
    assert mine.status == Conversation.Status.OPEN
    for bad in ({}, {"conversation_ids": []}, {"conversation_ids": ["one"]}):
        assert client.post(url, bad, format="json").status_code == 400


def test_a_macro_mutes_as_the_agent(as_agent, base, agent, conversation):
    """``mute_conversation`` mutes and resolves; the line names the agent."""
    macro = Macro.objects.create(
        account=conversation.account,
        name="Spam",
        actions=[{"action_name": "mute_conversation", "action_params": []}],
        created_by=agent,
    )
    answer = as_agent.post(
        f"{base}/macros/{macro.pk}/execute",
        {"conversation_ids": [conversation.display_id]},
        format="json",
    )
    assert answer.json()["payload"][0]["actions_taken"] == ["mute_conversation"]
    conversation.refresh_from_db()
    assert (conversation.muted, conversation.status) == (True, "resolved")
    line = conversation.messages.order_by("-id").first().content_attributes["i18n"]
    assert line == {
        "kind": "conversation.muted.by",
        "params": {"actor": agent.available_name},
    }
