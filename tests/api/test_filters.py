"""Filter queries (conversations/filter, contacts/filter) and saved filters."""

from datetime import timedelta

import pytest

from django.utils import timezone

from accounts.models import CustomAttributeDefinition
from contacts.models import Contact
from conversations.models import Conversation
from conversations.services import set_contact_labels, set_labels
from filters.models import CustomFilter
from tests import factories

pytestmark = pytest.mark.django_db


def condition(key, operator, values, joiner=None) -> dict:
    return {
        "attribute_key": key,
        "filter_operator": operator,
        "values": values,
        "query_operator": joiner,
    }


def conversation_ids(client, base, *conditions) -> set[int]:
    response = client.post(
        f"{base}/conversations/filter", {"payload": list(conditions)}, format="json"
    )
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["data"]["payload"]}


@pytest.fixture
def threads(account, inbox, agent):
    """Three conversations of ``inbox``: open+billing, pending+assigned, resolved."""
    made = []
    for status in ("open", "pending", "resolved"):
        session = factories.ContactInboxFactory(
            contact=factories.ContactFactory(account=account), inbox=inbox
        )
        made.append(factories.ConversationFactory(contact_inbox=session, status=status))
    set_labels(conversation=made[0], labels=["billing"])
    Conversation.objects.filter(pk=made[1].pk).update(assignee=agent)
    return made


### conversations/filter


def test_conversations_filter_by_status_labels_and_assignee(as_admin, base, threads):
    """equal_to, not_equal_to and the labels and id attributes select rows."""
    opened, pending, resolved = (t.display_id for t in threads)
    assert conversation_ids(
        as_admin, base, condition("status", "equal_to", ["open", "pending"])
    ) == {opened, pending}
    assert conversation_ids(
        as_admin, base, condition("labels", "equal_to", ["billing"])
    ) == {opened}
    assert conversation_ids(
        as_admin, base, condition("labels", "not_equal_to", ["billing"])
    ) == {pending, resolved}
    assert conversation_ids(
        as_admin, base, condition("assignee_id", "is_present", [])
    ) == {pending}


def test_and_binds_tighter_than_or(as_admin, base, threads):
    """``a AND b OR c`` is ``(a AND b) OR c``, as in the SQL Chatwoot builds."""
    opened, _pending, resolved = (t.display_id for t in threads)
    found = conversation_ids(
        as_admin,
        base,
        condition("status", "equal_to", ["open"], "AND"),
        condition("labels", "equal_to", ["billing"], "OR"),
        condition("status", "equal_to", ["resolved"]),
    )
    assert found == {opened, resolved}
    found = conversation_ids(
        as_admin,
        base,
        condition("status", "equal_to", ["pending"], "AND"),
        condition("labels", "equal_to", ["billing"]),
    )
    assert found == set()


def test_conversations_filter_counts_and_dates(as_admin, base, threads):
    """The answer counts the matches; dates compare with is_greater_than and
    days_before."""
    Conversation.objects.filter(pk=threads[2].pk).update(
        created_at=timezone.now() - timedelta(days=10)
    )
    response = as_admin.post(
        f"{base}/conversations/filter",
        {"payload": [condition("created_at", "days_before", ["5"])]},
        format="json",
    )
    assert response.json()["data"]["meta"]["all_count"] == 1
    since = (timezone.now() - timedelta(days=1)).date().isoformat()
    assert (
        len(
            conversation_ids(
                as_admin, base, condition("created_at", "is_greater_than", [since])
            )
        )
        == 2
    )


def test_conversations_filter_by_custom_attribute(as_admin, base, account, threads):
    """A key the account defines filters the conversations' custom attributes."""
    CustomAttributeDefinition.objects.create(
        account=account,
        attribute_model=CustomAttributeDefinition.Model.CONVERSATION,
        attribute_key="order_id",
        attribute_display_name="Order",
    )
    Conversation.objects.filter(pk=threads[1].pk).update(
        custom_attributes={"order_id": "A-17"}
    )
    assert conversation_ids(
        as_admin, base, condition("order_id", "contains", ["a-1"])
    ) == {threads[1].display_id}


def test_agents_filter_only_the_conversations_they_see(
    as_outsider, as_agent, base, threads
):
    """An agent who works none of the inbox's conversations finds none."""
    everything = condition("status", "equal_to", ["open", "pending", "resolved"])
    assert conversation_ids(as_outsider, base, everything) == set()
    assert len(conversation_ids(as_agent, base, everything)) == 3


def test_another_accounts_conversations_never_match(
    as_admin, base, threads, other_account_conversation
):
    """A filter on another account's inbox id finds nothing; its caller gets a 404."""
    inbox_id = other_account_conversation.inbox_id
    assert (
        conversation_ids(as_admin, base, condition("inbox_id", "equal_to", [inbox_id]))
        == set()
    )


def test_stranger_cannot_filter_the_account(as_stranger, base, threads):
    """Another account's administrator gets a JSON 404."""
    response = as_stranger.post(
        f"{base}/conversations/filter",
        {"payload": [condition("status", "equal_to", ["open"])]},
        format="json",
    )
    assert response.status_code == 404
    assert response.json()["error"]


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"payload": [condition("shoe_size", "equal_to", ["9"])]}, "shoe_size"),
        ({"payload": [condition("status", "sounds_like", ["open"])]}, "sounds_like"),
        ({"payload": [condition("status", "contains", ["op"])]}, "contains"),
        ({"payload": [condition("status", "equal_to", ["lost"])]}, "lost"),
        ({"payload": [condition("assignee_id", "equal_to", ["me"])]}, "me"),
        ({"payload": [condition("created_at", "is_less_than", ["soon"])]}, "soon"),
        ({"payload": [condition("status", "equal_to", [])]}, "values"),
        ({"payload": [condition("status", "equal_to", [{"id": 1}])]}, "values"),
        (
            {"payload": [condition("status", "equal_to", ["open"], "XOR")]},
            "XOR",
        ),
        ({"payload": []}, "payload"),
        ({"payload": "status=open"}, "payload"),
        ({}, "payload"),
    ],
)
def test_bad_filter_payloads_are_json_400s(as_admin, base, threads, body, named):
    """An unknown attribute or operator, a value of the wrong kind or a
    malformed body is a 400 naming it; contacts refuse them too (``status`` is
    not a contact attribute, a 400 naming it)."""
    response = as_admin.post(f"{base}/conversations/filter", body, format="json")
    assert response.status_code == 400, response.content
    assert named in response.json()["error"], response.json()
    response = as_admin.post(f"{base}/contacts/filter", body, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["error"]


### contacts/filter


def test_contacts_filter(as_agent, base, account):
    """Contacts match by name, labels and the account's custom attributes."""
    ana = factories.ContactFactory(account=account, name="Ana Lima")
    bob = factories.ContactFactory(account=account, name="Bob Stone")
    factories.ContactFactory(account=factories.AccountFactory(), name="Ana Other")
    set_contact_labels(contact=bob, labels=["vip"])
    CustomAttributeDefinition.objects.create(
        account=account,
        attribute_model=CustomAttributeDefinition.Model.CONTACT,
        attribute_key="seats",
        attribute_display_name="Seats",
        attribute_display_type=CustomAttributeDefinition.DisplayType.NUMBER,
    )
    Contact.objects.filter(pk=ana.pk).update(custom_attributes={"seats": 12})

    def found(*conditions):
        response = as_agent.post(
            f"{base}/contacts/filter", {"payload": list(conditions)}, format="json"
        )
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["payload"]}

    assert found(condition("name", "contains", ["ana"])) == {ana.pk}
    assert found(condition("labels", "equal_to", ["vip"])) == {bob.pk}
    assert found(condition("seats", "is_greater_than", ["10"])) == {ana.pk}
    assert found(
        condition("name", "starts_with", ["bob"], "OR"),
        condition("seats", "equal_to", [12]),
    ) == {ana.pk, bob.pk}


### Saved filters


def test_saved_filters_belong_to_their_user(as_admin, as_agent, base, account):
    """Each user sees, changes and deletes only their own saved filters."""
    query = {"payload": [condition("status", "equal_to", ["open"])]}
    created = as_agent.post(
        f"{base}/custom_filters",
        {"name": "Open", "filter_type": "conversation", "query": query},
        format="json",
    )
    assert created.status_code == 200
    saved = created.json()
    assert saved["filter_type"] == "conversation"
    assert saved["query"] == query
    assert [row["id"] for row in as_agent.get(f"{base}/custom_filters").json()] == [
        saved["id"]
    ]
    assert as_admin.get(f"{base}/custom_filters").json() == []
    url = f"{base}/custom_filters/{saved['id']}"
    for response in (
        as_admin.get(url),
        as_admin.patch(url, {"name": "Mine now"}, format="json"),
        as_admin.delete(url),
    ):
        assert response.status_code == 404
        assert response.json()["error"]
    renamed = as_agent.patch(url, {"name": "Open ones"}, format="json")
    assert renamed.json()["name"] == "Open ones"
    contact_filters = as_agent.get(f"{base}/custom_filters?filter_type=contact")
    assert contact_filters.json() == []
    assert as_agent.delete(url).status_code == 200
    assert not CustomFilter.objects.exists()


def test_saved_filters_of_another_account_are_not_found(as_admin, base, administrator):
    """The same user's filter in another account is a 404 here."""
    elsewhere = factories.AccountFactory()
    factories.AccountUserFactory(account=elsewhere, user=administrator)
    theirs = CustomFilter.objects.create(
        account=elsewhere, user=administrator, name="There"
    )
    assert as_admin.get(f"{base}/custom_filters/{theirs.pk}").status_code == 404
    assert as_admin.get(f"{base}/custom_filters").json() == []


def test_saved_filter_input_is_checked(as_admin, base):
    """A report filter, a query that is not an object and a missing name are
    400s naming the field; a name with markup is kept as text."""
    url = f"{base}/custom_filters"
    report = as_admin.post(
        url, {"name": "R", "filter_type": "report", "query": {}}, format="json"
    )
    assert report.status_code == 400
    assert report.json()["error"].startswith("filter_type")
    listed = as_admin.post(url, {"name": "Q", "query": ["a"]}, format="json")
    assert listed.json()["error"].startswith("query")
    nameless = as_admin.post(url, {"query": {}}, format="json")
    assert nameless.json()["error"].startswith("name")
    markup = "<script>alert(1)</script>"
    kept = as_admin.post(url, {"name": markup, "query": {}}, format="json")
    assert kept.json()["name"] == markup
    assert kept.json()["filter_type"] == "conversation"


def test_another_accounts_saved_filter_cannot_be_changed(as_admin, base, administrator):
    """Renaming or deleting the caller's own filter of another account, by its
    id here, is a 404 JSON and leaves it as it was."""
    elsewhere = factories.AccountFactory()
    factories.AccountUserFactory(account=elsewhere, user=administrator)
    theirs = CustomFilter.objects.create(
        account=elsewhere, user=administrator, name="There"
    )
    url = f"{base}/custom_filters/{theirs.pk}"
    for response in (
        as_admin.patch(url, {"name": "Here"}, format="json"),
        as_admin.delete(url),
    ):
        assert response.status_code == 404
        assert response.json()["error"]
    theirs.refresh_from_db()
    assert theirs.name == "There"
