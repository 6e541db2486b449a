"""``sort_by`` on ``GET conversations`` and ``POST conversations/filter``:
Chatwoot's values, checked on real rows."""

from datetime import timedelta

import pytest

from django.utils import timezone

from conversations.models import Conversation
from tests import factories

pytestmark = pytest.mark.django_db


OPEN_QUERY = {
    "payload": [
        {"attribute_key": "status", "filter_operator": "equal_to", "values": ["open"]}
    ]
}


def new_conversation(inbox, **fields) -> Conversation:
    """An open conversation in ``inbox`` whose columns are then set to ``fields``."""
    session = factories.ContactInboxFactory(
        contact=factories.ContactFactory(account=inbox.account), inbox=inbox
    )
    conversation = factories.ConversationFactory(contact_inbox=session)
    Conversation.objects.filter(pk=conversation.pk).update(**fields)
    return conversation


@pytest.fixture
def rows(inbox):
    """Four open conversations whose every sort key differs.

    a: created 40h ago, active 1h ago, urgent, waiting 30h
    b: created 30h ago, active 4h ago, low, not waiting
    c: created 20h ago, active 2h ago, no priority, waiting 10h
    d: created 10h ago, active 3h ago, high, waiting 20h
    """
    now = timezone.now()
    made = {}
    for name, created, active, priority, waiting in (
        ("a", 40, 1, "urgent", 30),
        ("b", 30, 4, "low", None),
        ("c", 20, 2, None, 10),
        ("d", 10, 3, "high", 20),
    ):
        conversation = new_conversation(
            inbox,
            created_at=now - timedelta(hours=created),
            last_activity_at=now - timedelta(hours=active),
            priority=priority,
            waiting_since=now - timedelta(hours=waiting) if waiting else None,
        )
        made[name] = conversation.display_id
    return made


EXPECTED = {
    None: "acdb",
    "last_activity_at_desc": "acdb",
    "last_activity_at_asc": "bdca",
    "created_at_desc": "dcba",
    "created_at_asc": "abcd",
    "priority_desc": "adbc",
    "priority_asc": "cbda",
    "waiting_since_asc": "adcb",
    "waiting_since_desc": "bcda",
    # Chatwoot's older names.
    "latest": "acdb",
    "sort_on_created_at": "abcd",
    "sort_on_priority": "adbc",
    "sort_on_waiting_since": "adcb",
}


def names(response, rows) -> str:
    by_id = {display_id: name for name, display_id in rows.items()}
    assert response.status_code == 200, response.content
    return "".join(by_id[row["id"]] for row in response.json()["data"]["payload"])


@pytest.mark.parametrize("sort_by", list(EXPECTED))
def test_list_sorts_by_chatwoots_values(as_admin, base, rows, sort_by):
    """Each ``sort_by`` orders the list as Chatwoot does; none is last activity."""
    suffix = f"&sort_by={sort_by}" if sort_by else ""
    response = as_admin.get(f"{base}/conversations?assignee_type=all{suffix}")
    assert names(response, rows) == EXPECTED[sort_by]


@pytest.mark.parametrize("sort_by", ["priority_desc", "waiting_since_asc"])
def test_catch_up_window_keeps_the_sort(as_admin, base, rows, sort_by):
    """A catch-up read (``updated_within``) comes in the same order."""
    response = as_admin.get(
        f"{base}/conversations?updated_within=3600&sort_by={sort_by}"
    )
    assert names(response, rows) == EXPECTED[sort_by]


@pytest.mark.parametrize("where", ["query", "body"])
def test_filter_sorts_its_results(as_admin, base, rows, where):
    """``conversations/filter`` takes ``sort_by`` in the query string or body."""
    body = dict(OPEN_QUERY)
    url = f"{base}/conversations/filter"
    if where == "query":
        url += "?sort_by=priority_asc"
    else:
        body["sort_by"] = "priority_asc"
    response = as_admin.post(url, body, format="json")
    assert names(response, rows) == EXPECTED["priority_asc"]


@pytest.mark.parametrize("sort_by", ["priority", "random", "<b>x</b>", ""])
def test_unknown_sort_is_a_json_400(as_admin, base, rows, sort_by):
    """An unknown ``sort_by`` is refused as the list's other bad filters are."""
    response = as_admin.get(f"{base}/conversations?sort_by={sort_by}")
    assert response.status_code == 400
    assert response.json()["error"]
    filtered = as_admin.post(
        f"{base}/conversations/filter?sort_by={sort_by}",
        OPEN_QUERY,
        format="json",
    )
    assert filtered.status_code == 400
    assert filtered.json()["error"]
