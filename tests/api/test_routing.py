"""Auto-assignment settings on the inbox and agent APIs, and their refusals."""

import json

import pytest

from rest_framework.test import APIClient

from accounts.models import AccountUser
from conversations import services
from conversations.models import Conversation
from tests import factories

pytestmark = pytest.mark.django_db


def test_inbox_auto_assignment_settings_round_trip(as_admin, base, inbox):
    """enable_auto_assignment and auto_assignment_config are stored and shown."""
    response = as_admin.patch(
        f"{base}/inboxes/{inbox.pk}",
        {
            "enable_auto_assignment": False,
            "auto_assignment_config": {"max_assignment_limit": 3},
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["enable_auto_assignment"] is False
    assert response.json()["auto_assignment_config"] == {"max_assignment_limit": 3}
    inbox.refresh_from_db()
    assert inbox.enable_auto_assignment is False
    assert inbox.auto_assignment_config == {"max_assignment_limit": 3}
    created = as_admin.post(
        f"{base}/inboxes",
        {"name": "Sales", "auto_assignment_config": {"max_assignment_limit": None}},
        format="json",
    ).json()
    assert created["enable_auto_assignment"] is True
    assert created["auto_assignment_config"] == {"max_assignment_limit": None}


def test_inbox_timed_routing_settings_round_trip(as_admin, base, inbox):
    """Reassignment delay, queue timeout and its message are stored and shown;
    null turns a delay off; markup in the message is kept as text."""
    config = {
        "reassign_after_minutes": 5,
        "queue_timeout_minutes": 1440,
        "queue_timeout_message": "<script>alert(1)</script> Still busy",
    }
    response = as_admin.patch(
        f"{base}/inboxes/{inbox.pk}", {"auto_assignment_config": config}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["auto_assignment_config"] == config
    inbox.refresh_from_db()
    assert inbox.auto_assignment_config == config
    off = {"reassign_after_minutes": None, "queue_timeout_minutes": None}
    response = as_admin.patch(
        f"{base}/inboxes/{inbox.pk}", {"auto_assignment_config": off}, format="json"
    )
    assert response.json()["auto_assignment_config"] == off


@pytest.mark.parametrize(
    "config",
    [
        {"max_assignment_limit": 0},
        {"max_assignment_limit": -1},
        {"max_assignment_limit": 1001},
        {"max_assignment_limit": 10**30},
        {"max_assignment_limit": True},
        {"max_assignment_limit": "many"},
        {"max_assignment_limit": 2, "round_robin_strategy": "<b>x</b>"},
        {"reassign_after_minutes": 0},
        {"reassign_after_minutes": 1441},
        {"reassign_after_minutes": True},
        {"queue_timeout_minutes": -1},
        {"queue_timeout_minutes": 2.5},
        {"queue_timeout_message": "x" * 2001},
        {"queue_timeout_message": ["<b>x</b>"]},
        "max_assignment_limit=3",
        [3],
    ],
)
def test_inbox_refuses_bad_auto_assignment_config(as_admin, base, inbox, config):
    """Limits out of 1..1000, wrong types and unknown keys are a 400 with a
    JSON error, and nothing is stored."""
    response = as_admin.patch(
        f"{base}/inboxes/{inbox.pk}", {"auto_assignment_config": config}, format="json"
    )
    assert response.status_code == 400
    assert "error" in response.json()
    inbox.refresh_from_db()
    assert inbox.auto_assignment_config == {}


def test_agent_limit_round_trip_and_range(as_admin, base, account, agent):
    """An agent's own limit is set, cleared with null, and kept in range."""
    url = f"{base}/agents/{agent.pk}"
    response = as_admin.patch(url, {"auto_assignment_limit": 2}, format="json")
    assert response.status_code == 200
    assert response.json()["auto_assignment_limit"] == 2
    for bad in (0, 1001, -5, "two", False):
        response = as_admin.patch(url, {"auto_assignment_limit": bad}, format="json")
        assert response.status_code == 400, bad
    membership = AccountUser.objects.get(account=account, user=agent)
    assert membership.auto_assignment_limit == 2
    response = as_admin.patch(url, {"auto_assignment_limit": None}, format="json")
    assert response.json()["auto_assignment_limit"] is None


def test_other_accounts_inbox_and_agent_are_not_found(as_admin, base):
    """Settings cannot reach another account's inbox or agent."""
    other_inbox = factories.InboxFactory()
    other_agent = factories.AccountUserFactory(account=other_inbox.account)
    response = as_admin.patch(
        f"{base}/inboxes/{other_inbox.pk}",
        {"enable_auto_assignment": False},
        format="json",
    )
    assert response.status_code == 404
    response = as_admin.patch(
        f"{base}/agents/{other_agent.user_id}",
        {"auto_assignment_limit": 1},
        format="json",
    )
    assert response.status_code == 404
    other_inbox.refresh_from_db()
    other_agent.refresh_from_db()
    assert other_inbox.enable_auto_assignment is True
    assert other_agent.auto_assignment_limit is None


def test_agents_cannot_change_limits(as_agent, base, inbox, agent):
    """Only administrators set auto-assignment limits."""
    assert (
        as_agent.patch(
            f"{base}/inboxes/{inbox.pk}",
            {"auto_assignment_config": {"max_assignment_limit": 50}},
            format="json",
        ).status_code
        == 403
    )
    assert (
        as_agent.patch(
            f"{base}/agents/{agent.pk}", {"auto_assignment_limit": 50}, format="json"
        ).status_code
        == 403
    )


def visitor_conversation(inbox, routed):
    session = factories.ContactInboxFactory(
        contact=factories.ContactFactory(account=inbox.account), inbox=inbox
    )
    message = routed(services.create_contact_message, contact_inbox=session)
    return Conversation.objects.get(pk=message.conversation_id)


@pytest.fixture
def full_queue(account, inbox, agent, routed):
    """The agent at a limit of 1 and two visitors waiting."""
    account.auto_assignment_limit = 1
    account.save()
    return [visitor_conversation(inbox, routed) for _ in range(3)]


def test_queue_shows_waiting_counts_and_loads(
    as_agent, base, account, inbox, agent, full_queue
):
    """An agent sees the queues of the inboxes they work, with who works them,
    and those agents' load, limit and whether they can take a visitor."""
    body = as_agent.get(f"{base}/queue").json()
    [row] = body["inboxes"]
    assert row["inbox_id"] == inbox.pk
    assert row["name"] == inbox.name
    assert row["waiting"] == 2
    assert row["longest_waiting_since"] is not None
    assert row["longest_wait"] >= 0
    assert row["agent_ids"] == [agent.pk]
    [me] = body["agents"]
    assert me["id"] == agent.pk
    assert me["availability_status"] == "online"
    assert me["open_conversations"] == 1
    assert me["limit"] == 1
    assert me["available"] is False


def test_queue_limit_follows_the_inbox_and_the_agent(
    as_agent, base, account, inbox, agent, full_queue
):
    """The limit shown is the agent's own, else their inboxes' (account's as
    fallback), as auto-assignment applies it; an empty queue waits for nobody."""
    inbox.auto_assignment_config = {"max_assignment_limit": 3}
    inbox.save()
    [me] = as_agent.get(f"{base}/queue").json()["agents"]
    assert (me["limit"], me["available"]) == (3, True)
    AccountUser.objects.filter(user=agent).update(auto_assignment_limit=7)
    [me] = as_agent.get(f"{base}/queue").json()["agents"]
    assert me["limit"] == 7
    Conversation.objects.filter(inbox=inbox).update(waiting_since=None)
    [row] = as_agent.get(f"{base}/queue").json()["inboxes"]
    assert (row["waiting"], row["longest_wait"]) == (0, None)


def test_agent_sees_only_the_inboxes_they_work(
    as_agent, as_admin, base, account, inbox, agent, administrator, full_queue
):
    """An agent does not see another inbox's queue nor the agents who work only
    there; an administrator sees every inbox and every member."""
    other = factories.InboxFactory(account=account, name="Billing")
    colleague = factories.UserFactory(name="Cleo Colleague")
    factories.AccountUserFactory(account=account, user=colleague)
    factories.InboxMemberFactory(inbox=other, user=colleague)
    body = as_agent.get(f"{base}/queue").json()
    assert [row["inbox_id"] for row in body["inboxes"]] == [inbox.pk]
    assert [row["id"] for row in body["agents"]] == [agent.pk]
    assert "Billing" not in json.dumps(body)
    body = as_admin.get(f"{base}/queue").json()
    assert [row["inbox_id"] for row in body["inboxes"]] == [inbox.pk, other.pk]
    assert {row["id"] for row in body["agents"]} == {
        agent.pk,
        administrator.pk,
        colleague.pk,
    }


def test_agent_of_no_inbox_sees_only_themselves(
    as_outsider, base, outsider, full_queue
):
    """An agent who works no inbox sees no queue and only their own load."""
    body = as_outsider.get(f"{base}/queue").json()
    assert body["inboxes"] == []
    assert [row["id"] for row in body["agents"]] == [outsider.pk]


def test_queue_reads_in_fixed_queries(
    as_admin, base, account, inbox, agent, full_queue, django_assert_max_num_queries
):
    """The overview costs the same few queries with 1 inbox and agent as with
    many (no query per inbox or agent)."""
    with django_assert_max_num_queries(20) as few:
        as_admin.get(f"{base}/queue")
    for number in range(6):
        more = factories.InboxFactory(account=account, name=f"Inbox {number}")
        user = factories.UserFactory()
        factories.AccountUserFactory(account=account, user=user)
        factories.InboxMemberFactory(inbox=more, user=user)
        factories.InboxMemberFactory(inbox=inbox, user=user)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = as_admin.get(f"{base}/queue").json()
    assert len(body["inboxes"]) == 7
    assert len(body["agents"]) == 8


def test_queue_is_for_members_only(
    as_stranger, base, client, full_queue, stranger, contact_session
):
    """Another account's administrator gets a JSON 404 (for this account's id),
    a visitor without a token or with a contact's token a 401."""
    response = as_stranger.get(f"{base}/queue")
    assert response.status_code == 404
    assert "error" in response.json()
    response = client.get(f"{base}/queue")
    assert response.status_code == 401
    assert "waiting" not in response.content.decode()
    contact = APIClient()
    contact.credentials(HTTP_API_ACCESS_TOKEN=contact_session.pubsub_token)
    response = contact.get(f"{base}/queue")
    assert response.status_code == 401
    assert "waiting" not in response.content.decode()


def test_public_conversation_carries_its_own_place_only(inbox, full_queue):
    """A waiting contact reads its position (and nothing of the others) on the
    public client API; a served contact reads null."""
    served, first, second = full_queue
    public = APIClient()
    for conversation, position in ((served, None), (first, 1), (second, 2)):
        session = conversation.contact_inbox
        url = (
            f"/public/api/v1/inboxes/{inbox.identifier}/contacts/"
            f"{session.source_id}/conversations"
        )
        [row] = public.get(url).json()
        assert row["id"] == conversation.display_id
        if position is None:
            assert row["queue"] is None
        else:
            assert row["queue"] == {"position": position, "wait": None}
        # Agent-only data (loads, limits, the queue endpoint) is not reachable.
        assert "open_conversations" not in json.dumps(row)


def test_business_hours_round_trip(as_admin, base, inbox):
    """Business hours are stored as sent and shown back."""
    week = [
        {
            "day_of_week": 1,
            "closed_all_day": False,
            "open_all_day": False,
            "open_hour": 9,
            "open_minutes": 0,
            "close_hour": 17,
            "close_minutes": 30,
        }
    ]
    body = {
        "working_hours_enabled": True,
        "working_hours": week,
        "timezone": "America/New_York",
        "out_of_office_message": "<script>alert(1)</script> back soon",
    }
    response = as_admin.patch(f"{base}/inboxes/{inbox.pk}", body, format="json")
    assert response.status_code == 200, response.json()
    for key, value in body.items():
        assert response.json()[key] == value


@pytest.mark.parametrize(
    "body",
    [
        {"timezone": "Mars/Olympus"},
        {"timezone": "../../etc/passwd"},
        {"working_hours": [{"day_of_week": 7}]},
        {"working_hours": [{"day_of_week": 1, "open_hour": 24}]},
        {"working_hours": [{"day_of_week": 1, "open_hour": 18, "close_hour": 9}]},
        {"working_hours": [{"day_of_week": 2}, {"day_of_week": 2}]},
        {"working_hours": [{"day_of_week": True}]},
        {"working_hours": [{"day_of_week": day} for day in range(8)]},
        {"working_hours": "always"},
        {"out_of_office_message": "x" * 10_001},
    ],
)
def test_business_hours_refuse_bad_input(as_admin, base, inbox, body):
    """Unknown time zones, impossible hours, repeated days: a JSON 400."""
    response = as_admin.patch(f"{base}/inboxes/{inbox.pk}", body, format="json")
    assert response.status_code == 400
    assert "error" in response.json()
    inbox.refresh_from_db()
    assert inbox.timezone == "UTC"
    assert inbox.working_hours == []
