from datetime import timedelta

import pytest

from django.utils import timezone

from accounts.selectors import inbox_agent_availability
from conversations.models import Conversation, Label, Message
from conversations.services import create_message, set_labels
from realtime.streams import agent_streams
from tests import factories

pytestmark = pytest.mark.django_db


def new_conversation(inbox, **fields):
    session = factories.ContactInboxFactory(
        contact=factories.ContactFactory(account=inbox.account), inbox=inbox
    )
    return factories.ConversationFactory(contact_inbox=session, **fields)


def ids(response) -> list[int]:
    return [row["id"] for row in response.json()["data"]["payload"]]


### List, filters, counts


def test_list_is_newest_activity_first_with_counts(
    as_admin, base, inbox, administrator, conversation
):
    """Open conversations, newest activity first, with the four counts."""
    older = new_conversation(inbox)
    Conversation.objects.filter(pk=older.pk).update(
        last_activity_at=timezone.now() - timedelta(hours=1)
    )
    mine = new_conversation(inbox, assignee=administrator)
    new_conversation(inbox, status=Conversation.Status.RESOLVED)
    response = as_admin.get(f"{base}/conversations")
    assert response.status_code == 200
    assert ids(response) == [mine.display_id, conversation.display_id, older.display_id]
    assert response.json()["data"]["meta"] == {
        "mine_count": 1,
        "assigned_count": 1,
        "unassigned_count": 2,
        "all_count": 3,
    }


def test_list_rows_have_the_conversation_shape(as_admin, base, conversation, contact):
    """Each row carries the last visible message and the unread count."""
    create_message(
        conversation=conversation, message_type=0, content="hello", sender=contact
    )
    create_message(conversation=conversation, message_type=1, content="n", private=True)
    row = as_admin.get(f"{base}/conversations").json()["data"]["payload"][0]
    assert row["unread_count"] == 1
    assert [m["content"] for m in row["messages"]] == ["hello"]
    assert row["meta"]["sender"]["id"] == contact.pk


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("assignee_type=me", ["mine"]),
        ("assignee_type=assigned", ["mine"]),
        ("assignee_type=unassigned", ["plain"]),
        ("status=resolved", ["resolved"]),
        ("status=all", ["mine", "resolved", "plain"]),
        ("labels[]=vip", ["plain"]),
        ("q=Zelda&status=all", ["resolved"]),
    ],
)
def test_list_filters(as_admin, base, inbox, administrator, query, expected):
    """Status, assignee type, labels and search narrow the list."""
    rows = {
        "plain": new_conversation(inbox),
        "resolved": new_conversation(inbox, status=Conversation.Status.RESOLVED),
        "mine": new_conversation(inbox, assignee=administrator),
    }
    set_labels(conversation=rows["plain"], labels=["vip"])
    rows["resolved"].contact.name = "Zelda Zed"
    rows["resolved"].contact.save()
    response = as_admin.get(f"{base}/conversations?{query}")
    assert response.status_code == 200
    assert sorted(ids(response)) == sorted(rows[n].display_id for n in expected)


def test_list_filters_by_inbox_and_team(as_admin, base, account, inbox, conversation):
    """inbox_id and team_id narrow the list."""
    team = factories.TeamFactory(account=account)
    other_inbox = factories.InboxFactory(account=account)
    elsewhere = new_conversation(other_inbox, team=team)
    by_inbox = as_admin.get(f"{base}/conversations?inbox_id={other_inbox.pk}")
    by_team = as_admin.get(f"{base}/conversations?team_id={team.pk}")
    assert ids(by_inbox) == [elsewhere.display_id]
    assert ids(by_team) == [elsewhere.display_id]


def test_search_finds_message_content(as_admin, base, conversation, contact):
    """q also matches message content."""
    create_message(
        conversation=conversation, message_type=0, content="refund pls", sender=contact
    )
    assert ids(as_admin.get(f"{base}/conversations?q=refund")) == [
        conversation.display_id
    ]


def test_list_pages_by_25(as_admin, base, inbox):
    """25 a page; page 2 holds the rest; counts cover all pages."""
    for _ in range(27):
        new_conversation(inbox)
    first = as_admin.get(f"{base}/conversations")
    second = as_admin.get(f"{base}/conversations?page=2")
    assert len(ids(first)) == 25
    assert len(ids(second)) == 2
    assert set(ids(first)).isdisjoint(ids(second))
    assert second.json()["data"]["meta"]["all_count"] == 27


def test_updated_within_returns_every_recent_change(as_admin, base, inbox):
    """The catch-up window returns all changes, resolved ones too, unpaginated."""
    recent = [new_conversation(inbox) for _ in range(26)]
    resolved = new_conversation(inbox, status=Conversation.Status.RESOLVED)
    stale = new_conversation(inbox)
    Conversation.objects.filter(pk=stale.pk).update(
        updated_at=timezone.now() - timedelta(hours=2)
    )
    response = as_admin.get(f"{base}/conversations?updated_within=600")
    expected = {c.display_id for c in [*recent, resolved]}
    assert set(ids(response)) == expected
    assert response.json()["data"]["meta"]["all_count"] == 27


def test_meta_endpoint_gives_counts_alone(as_admin, base, inbox, administrator):
    """conversations/meta answers the counts without rows."""
    new_conversation(inbox, assignee=administrator)
    new_conversation(inbox)
    response = as_admin.get(f"{base}/conversations/meta")
    assert response.json() == {
        "meta": {
            "mine_count": 1,
            "assigned_count": 1,
            "unassigned_count": 1,
            "all_count": 2,
        }
    }


@pytest.mark.parametrize(
    "query",
    [
        "status=closed",
        "assignee_type=nobody",
        "page=0",
        "page=abc",
        "inbox_id=x",
        "updated_within=-5",
        "updated_within=99999999999",
        "inbox_id=99999999999999999999999",
    ],
)
def test_list_refuses_bad_filters(as_admin, base, query):
    """An unknown status or assignee type, a bad page or window: 400 JSON."""
    response = as_admin.get(f"{base}/conversations?{query}")
    assert response.status_code == 400
    assert response.json()["error"]


### Scoping


def test_agent_sees_only_their_inboxes(as_agent, as_admin, base, account, conversation):
    """An agent lists only conversations of inboxes they work; admins see all."""
    hidden = new_conversation(factories.InboxFactory(account=account))
    assert ids(as_agent.get(f"{base}/conversations")) == [conversation.display_id]
    assert set(ids(as_admin.get(f"{base}/conversations"))) == {
        conversation.display_id,
        hidden.display_id,
    }
    response = as_agent.get(f"{base}/conversations/{hidden.display_id}")
    assert response.status_code == 404
    assert response.json() == {"error": "Not found."}


def test_outsider_and_stranger_get_404(
    as_outsider, as_stranger, base, conversation, other_account_conversation
):
    """A member without the inbox and another account's admin both get 404."""
    url = f"{base}/conversations/{conversation.display_id}"
    assert as_outsider.get(url).status_code == 404
    assert as_stranger.get(url).status_code == 404
    assert as_stranger.get(f"{base}/conversations").status_code == 404
    assert ids(as_outsider.get(f"{base}/conversations")) == []


def test_other_accounts_display_id_is_not_found(
    as_admin, base, other_account_conversation
):
    """A display id that only exists in another account is a 404."""
    Conversation.objects.filter(pk=other_account_conversation.pk).update(display_id=777)
    assert as_admin.get(f"{base}/conversations/777").status_code == 404


### Create, retrieve, update


def test_create_conversation_with_first_message(
    as_admin, base, inbox, contact, administrator
):
    """POST opens a conversation in the contact's session with an outgoing message."""
    team = factories.TeamFactory(account=inbox.account)
    response = as_admin.post(
        f"{base}/conversations",
        {
            "inbox_id": inbox.pk,
            "contact_id": contact.pk,
            "assignee_id": administrator.pk,
            "team_id": team.pk,
            "message": {"content": "Hello from support"},
        },
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    conversation = Conversation.objects.get(
        account=inbox.account, display_id=body["id"]
    )
    assert conversation.assignee == administrator
    assert conversation.team == team
    assert conversation.messages.get().content == "Hello from support"
    assert body["meta"]["assignee"]["id"] == administrator.pk


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"inbox_id": "other"}, 404),
        ({"contact_id": "other"}, 404),
        ({"assignee_id": "outsider"}, 400),
        ({"status": "closed"}, 400),
        ({"inbox_id": True}, 400),
        ({"message": {"content": ["x"]}}, 400),
    ],
)
def test_create_conversation_refuses_bad_input(
    as_admin,
    base,
    inbox,
    contact,
    outsider,
    other_account_conversation,
    change,
    status,
):
    """Another account's inbox or contact, an agent without the inbox, a bad
    status: refused, nothing created."""
    swaps = {
        "other": {
            "inbox_id": other_account_conversation.inbox_id,
            "contact_id": other_account_conversation.contact_id,
        },
        "outsider": {"assignee_id": outsider.pk},
    }
    body = {"inbox_id": inbox.pk, "contact_id": contact.pk}
    for key, value in change.items():
        body[key] = swaps[value][key] if value in ("other", "outsider") else value
    before = Conversation.objects.count()
    response = as_admin.post(f"{base}/conversations", body, format="json")
    assert response.status_code == status
    assert response.json()["error"]
    assert Conversation.objects.count() == before


def test_agent_cannot_create_in_an_inbox_they_do_not_work(
    as_outsider, base, inbox, contact
):
    """An agent without the inbox gets 404 for it."""
    response = as_outsider.post(
        f"{base}/conversations",
        {"inbox_id": inbox.pk, "contact_id": contact.pk},
        format="json",
    )
    assert response.status_code == 404


def test_retrieve_by_display_id(as_agent, base, conversation):
    """The path id is the display id."""
    response = as_agent.get(f"{base}/conversations/{conversation.display_id}")
    assert response.status_code == 200
    assert response.json()["id"] == conversation.display_id
    assert response.json()["uuid"] == str(conversation.uuid)


def test_patch_priority_and_custom_attributes(as_agent, base, conversation):
    """PATCH sets priority and merges custom attributes."""
    url = f"{base}/conversations/{conversation.display_id}"
    as_agent.patch(url, {"custom_attributes": {"plan": "pro"}}, format="json")
    response = as_agent.patch(
        url, {"priority": "high", "custom_attributes": {"seats": 3}}, format="json"
    )
    assert response.status_code == 200
    conversation.refresh_from_db()
    assert conversation.priority == "high"
    assert conversation.custom_attributes == {"plan": "pro", "seats": 3}


@pytest.mark.parametrize(
    "body",
    [
        {"priority": "sky-high"},
        {"custom_attributes": ["not", "an", "object"]},
        {"custom_attributes": {"big": "x" * 20000}},
        {},
    ],
)
def test_patch_refuses_bad_values(as_agent, base, conversation, body):
    """Unknown priority, non-object or oversize attributes, nothing: 400."""
    url = f"{base}/conversations/{conversation.display_id}"
    response = as_agent.patch(url, body, format="json")
    assert response.status_code == 400
    conversation.refresh_from_db()
    assert conversation.priority is None
    assert conversation.custom_attributes == {}


### Status, typing, last seen


def test_toggle_status_flips_open_and_resolved(as_agent, base, conversation):
    """No status toggles; the answer has the reference's shape."""
    url = f"{base}/conversations/{conversation.display_id}/toggle_status"
    response = as_agent.post(url, {}, format="json")
    assert response.json()["payload"] == {
        "success": True,
        "current_status": "resolved",
        "conversation_id": conversation.display_id,
        "snoozed_until": None,
    }
    assert as_agent.post(url).json()["payload"]["current_status"] == "open"


def test_snooze_until_an_epoch(as_agent, base, conversation):
    """snoozed_until in epoch seconds snoozes the conversation."""
    until = int((timezone.now() + timedelta(days=1)).timestamp())
    response = as_agent.post(
        f"{base}/conversations/{conversation.display_id}/toggle_status",
        {"status": "snoozed", "snoozed_until": until},
        format="json",
    )
    assert response.json()["payload"]["snoozed_until"] == until
    conversation.refresh_from_db()
    assert conversation.status == "snoozed"
    assert int(conversation.snoozed_until.timestamp()) == until


@pytest.mark.parametrize(
    "body", [{"status": "closed"}, {"snoozed_until": "tomorrow"}, {"status": 3}]
)
def test_toggle_status_refuses_bad_input(as_agent, base, conversation, body):
    """Unknown status or time: 400, status unchanged."""
    response = as_agent.post(
        f"{base}/conversations/{conversation.display_id}/toggle_status",
        body,
        format="json",
    )
    assert response.status_code == 400
    conversation.refresh_from_db()
    assert conversation.status == "open"


def test_toggle_typing(as_agent, base, conversation):
    """typing_status on/off is accepted; anything else is a 400."""
    url = f"{base}/conversations/{conversation.display_id}/toggle_typing_status"
    assert as_agent.post(url, {"typing_status": "on"}, format="json").status_code == 200
    assert (
        as_agent.post(url, {"typing_status": "maybe"}, format="json").status_code == 400
    )


def test_update_last_seen_clears_unread(as_agent, base, conversation, contact):
    """update_last_seen records the agent's read and zeroes the unread count."""
    create_message(
        conversation=conversation, message_type=0, content="hi", sender=contact
    )
    url = f"{base}/conversations/{conversation.display_id}"
    assert as_agent.get(url).json()["unread_count"] == 1
    response = as_agent.post(f"{url}/update_last_seen")
    assert response.status_code == 200
    assert response.json()["unread_count"] == 0
    assert response.json()["agent_last_seen_at"] > 0


### Assignments


def test_assign_agent_and_team_then_unassign(
    as_admin, base, conversation, agent, account
):
    """assignee_id and team_id assign; null unassigns. As in Chatwoot the
    answer is the assigned agent, else the team, else null."""
    team = factories.TeamFactory(account=account)
    url = f"{base}/conversations/{conversation.display_id}/assignments"
    response = as_admin.post(
        url, {"assignee_id": agent.pk, "team_id": team.pk}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["id"] == agent.pk
    assert response.json()["email"] == agent.email
    assert "access_token" not in response.json()
    conversation.refresh_from_db()
    assert (conversation.assignee, conversation.team) == (agent, team)
    response = as_admin.post(url, {"team_id": team.pk}, format="json")
    assert response.json()["id"] == team.pk
    assert response.json()["name"] == team.name
    response = as_admin.post(url, {"assignee_id": None}, format="json")
    assert (response.status_code, response.json()) == (200, None)
    conversation.refresh_from_db()
    assert conversation.assignee is None
    assert conversation.team == team


@pytest.mark.parametrize(
    "who", ["outsider", "stranger", "missing", "other_team", "nothing", "bool"]
)
def test_assignment_refuses_people_without_access(
    as_admin, base, conversation, outsider, stranger, other_account_conversation, who
):
    """An agent without the inbox, another account's user or team: 400, unchanged."""
    other_team = factories.TeamFactory(account=other_account_conversation.account)
    body = {
        "outsider": {"assignee_id": outsider.pk},
        "stranger": {"assignee_id": stranger.pk},
        "missing": {"assignee_id": 999999},
        "other_team": {"assignee_id": None, "team_id": other_team.pk},
        "nothing": {},
        "bool": {"assignee_id": True},
    }[who]
    url = f"{base}/conversations/{conversation.display_id}/assignments"
    response = as_admin.post(url, body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]
    conversation.refresh_from_db()
    assert conversation.assignee is None and conversation.team is None
    assert not conversation.messages.exists()


def test_a_deactivated_inbox_member_is_not_assignable(
    as_admin, base, conversation, agent
):
    """Assignment, the inbox's event audience and the widget's availability
    share one list of an inbox's agents: a deactivated user is in none."""
    agent.is_active = False
    agent.save()
    url = f"{base}/conversations/{conversation.display_id}/assignments"
    response = as_admin.post(url, {"assignee_id": agent.pk}, format="json")
    assert response.status_code == 400
    conversation.refresh_from_db()
    assert conversation.assignee is None
    inbox = conversation.inbox
    assert agent.pubsub_token not in agent_streams(
        account_id=inbox.account_id, inbox_id=inbox.pk
    )
    assert agent.pk not in dict(inbox_agent_availability(inbox=inbox))


### Labels


def test_labels_get_and_replace(as_agent, base, conversation, account):
    """POST replaces the labels (the account's); GET lists them."""
    for title in ("vip", "billing"):
        Label.objects.create(account=account, title=title)
    url = f"{base}/conversations/{conversation.display_id}/labels"
    response = as_agent.post(url, {"labels": ["vip", "billing"]}, format="json")
    assert response.json() == {"payload": ["billing", "vip"]}
    assert as_agent.get(url).json() == {"payload": ["billing", "vip"]}


@pytest.mark.parametrize(
    "body", [{"labels": "vip"}, {"labels": [{"x": 1}]}, {}, {"labels": ["x" * 300]}]
)
def test_labels_refuse_bad_input(as_agent, base, conversation, body):
    """Labels must be a list of short strings."""
    url = f"{base}/conversations/{conversation.display_id}/labels"
    assert as_agent.post(url, body, format="json").status_code == 400
    assert not conversation.labels.exists()


def test_message_counts_ignore_other_accounts(
    as_admin, base, other_account_conversation
):
    """Another account's conversations never show in the counts."""
    meta = as_admin.get(f"{base}/conversations/meta").json()["meta"]
    assert meta["all_count"] == 0
    assert Message.objects.count() == 0


def test_create_in_an_existing_session_by_source_id(
    as_admin, base, inbox, contact, contact_session, account
):
    """source_id picks the contact's session; another contact's is refused."""
    body = {
        "inbox_id": inbox.pk,
        "contact_id": contact.pk,
        "source_id": str(contact_session.source_id),
    }
    response = as_admin.post(f"{base}/conversations", body, format="json")
    assert response.status_code == 200
    assert response.json()["contact_inbox"]["id"] == contact_session.pk
    someone = factories.ContactFactory(account=account)
    refused = as_admin.post(
        f"{base}/conversations", {**body, "contact_id": someone.pk}, format="json"
    )
    assert refused.status_code == 400
    assert Conversation.objects.filter(contact=someone).exists() is False


def test_create_needs_a_contact_or_a_session(as_admin, base, inbox, contact_session):
    """Neither ``contact_id`` nor ``source_id``: 400; a ``source_id`` of no
    session in the inbox: 404."""
    url = f"{base}/conversations"
    response = as_admin.post(url, {"inbox_id": inbox.pk}, format="json")
    assert response.status_code == 400
    assert "contact_id" in response.json()["error"]
    unknown = {"inbox_id": inbox.pk, "source_id": "no-such-session"}
    assert as_admin.post(url, unknown, format="json").status_code == 404


def test_patch_assigns_as_chatwoots_sdks_do(as_admin, base, conversation, agent):
    """PATCH with ``assignee_id`` assigns (the official SDK's ``assign``); an
    agent without the inbox is refused and nothing changes."""
    url = f"{base}/conversations/{conversation.display_id}"
    response = as_admin.patch(
        url, {"assignee_id": agent.pk, "priority": "high"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["meta"]["assignee"]["id"] == agent.pk
    assert response.json()["priority"] == "high"
    outsider = factories.UserFactory()
    factories.AccountUserFactory(account=conversation.account, user=outsider)
    refused = as_admin.patch(url, {"assignee_id": outsider.pk}, format="json")
    assert refused.status_code == 400
    conversation.refresh_from_db()
    assert conversation.assignee == agent
