from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync

from django.utils import timezone

from contacts.models import Contact, ContactInbox
from conversations.models import Conversation
from realtime.presence import update_presence
from realtime.streams import Subscriber
from tests import factories

pytestmark = pytest.mark.django_db


def test_list_pages_and_counts(as_agent, base, account):
    """15 a page with count and current_page."""
    for n in range(17):
        factories.ContactFactory(account=account, name=f"C{n:02d}")
    first = as_agent.get(f"{base}/contacts?sort=name").json()
    second = as_agent.get(f"{base}/contacts?sort=name&page=2").json()
    assert first["meta"] == {"count": 17, "current_page": 1}
    assert [c["name"] for c in first["payload"]][:2] == ["C00", "C01"]
    assert [c["name"] for c in second["payload"]] == ["C15", "C16"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Ann", "Bob", "Cat"]),
        ("-name", ["Cat", "Bob", "Ann"]),
        ("email", ["Bob", "Cat", "Ann"]),
        ("last_activity_at", ["Cat", "Ann", "Bob"]),
        ("created_at", ["Ann", "Bob", "Cat"]),
    ],
)
def test_list_sorts(as_agent, base, account, sort, expected):
    """sort orders by name, email, last activity or creation."""
    now = timezone.now()
    factories.ContactFactory(
        account=account, name="Ann", email="z@x.com", last_activity_at=now
    )
    factories.ContactFactory(
        account=account,
        name="Bob",
        email="a@x.com",
        last_activity_at=now + timedelta(minutes=1),
    )
    factories.ContactFactory(account=account, name="Cat", email="m@x.com")
    payload = as_agent.get(f"{base}/contacts?sort={sort}").json()["payload"]
    assert [c["name"] for c in payload] == expected


@pytest.mark.parametrize("query", ["sort=phone", "page=0", "page=x"])
def test_list_refuses_bad_query(as_agent, base, query):
    """Unknown sort or bad page: 400."""
    assert as_agent.get(f"{base}/contacts?{query}").status_code == 400


def test_search(as_agent, base, account):
    """search?q= matches name, email, phone and identifier."""
    factories.ContactFactory(account=account, name="Jane", email="jane@shop.com")
    factories.ContactFactory(account=account, name="Joe", phone_number="+4912345")
    factories.ContactFactory(account=account, name="Kim", identifier="user-77")
    for q, name in [("shop", "Jane"), ("12345", "Joe"), ("user-77", "Kim")]:
        body = as_agent.get(f"{base}/contacts/search?q={q}").json()
        assert [c["name"] for c in body["payload"]] == [name]
        assert body["meta"]["count"] == 1


def test_contacts_stay_in_their_account(
    as_admin, as_stranger, base, contact, other_account_conversation
):
    """Another account's contacts never list; their ids are 404."""
    payload = as_admin.get(f"{base}/contacts").json()["payload"]
    assert [c["id"] for c in payload] == [contact.pk]
    theirs = other_account_conversation.contact_id
    assert as_admin.get(f"{base}/contacts/{theirs}").status_code == 404
    assert as_admin.delete(f"{base}/contacts/{theirs}").status_code == 404
    assert as_stranger.get(f"{base}/contacts/{contact.pk}").status_code == 404
    assert Contact.objects.filter(pk=theirs).exists()


def test_create_get_update(as_agent, base, account):
    """POST creates; GET reads; PATCH merges attributes."""
    created = as_agent.post(
        f"{base}/contacts",
        {
            "name": "Nora",
            "email": "Nora@Example.com",
            "phone_number": "+44 20 7946 0000",
            "identifier": "n-1",
            "custom_attributes": {"plan": "pro"},
        },
        format="json",
    )
    assert created.status_code == 200
    payload = created.json()["payload"]
    contact_id = payload["contact"]["id"]
    assert payload["contact"]["email"] == "nora@example.com"
    assert payload["contact_inbox"] == {"inbox": None, "source_id": None}
    as_agent.patch(
        f"{base}/contacts/{contact_id}",
        {"custom_attributes": {"seats": 2}, "name": "Nora N"},
        format="json",
    )
    body = as_agent.get(f"{base}/contacts/{contact_id}").json()["payload"]
    assert body["name"] == "Nora N"
    assert body["custom_attributes"] == {"plan": "pro", "seats": 2}
    assert body["blocked"] is False
    assert body["contact_inboxes"] == []


def test_create_in_an_inbox_gives_the_source_id_to_open_a_conversation(
    as_agent, base, account, inbox
):
    """``POST contacts`` with ``inbox_id`` answers the session's ``source_id``,
    which opens a conversation with ``source_id`` and ``inbox_id`` alone."""
    created = as_agent.post(
        f"{base}/contacts", {"name": "Ola", "inbox_id": inbox.pk}, format="json"
    ).json()["payload"]
    source_id = created["contact_inbox"]["source_id"]
    assert created["contact_inbox"]["inbox"]["id"] == inbox.pk
    assert created["contact"]["contact_inboxes"] == [
        {"source_id": source_id, "inbox": created["contact_inbox"]["inbox"]}
    ]
    opened = as_agent.post(
        f"{base}/conversations",
        {"source_id": source_id, "inbox_id": inbox.pk},
        format="json",
    )
    assert opened.status_code == 200, opened.json()
    assert opened.json()["meta"]["sender"]["id"] == created["contact"]["id"]


def test_create_in_another_accounts_inbox_is_refused(as_agent, base, account):
    other = factories.InboxFactory()
    response = as_agent.post(
        f"{base}/contacts", {"name": "Ola", "inbox_id": other.pk}, format="json"
    )
    assert response.status_code == 404
    assert not Contact.objects.filter(account=account).exists()


def test_put_changes_only_the_fields_given(as_agent, base, contact):
    """Chatwoot's SDKs send PUT: it updates like PATCH."""
    response = as_agent.put(
        f"{base}/contacts/{contact.pk}", {"phone_number": "+1 555 0100"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["payload"]["phone_number"] == "+1 555 0100"
    assert response.json()["payload"]["name"] == contact.name


def test_destroy_custom_attributes_removes_the_keys(as_agent, base, contact):
    """An update merges custom attributes, so it cannot remove a key;
    ``destroy_custom_attributes`` (Chatwoot's) removes the keys named,
    ignores unknown ones, and keeps the rest."""
    url = f"{base}/contacts/{contact.pk}"
    as_agent.patch(
        url, {"custom_attributes": {"plan": "pro", "seats": 3}}, format="json"
    )
    merged = as_agent.patch(url, {"custom_attributes": {}}, format="json")
    assert merged.json()["payload"]["custom_attributes"] == {"plan": "pro", "seats": 3}
    response = as_agent.post(
        f"{url}/destroy_custom_attributes",
        {"custom_attributes": ["plan", "never-set"]},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["payload"]["custom_attributes"] == {"seats": 3}
    contact.refresh_from_db()
    assert contact.custom_attributes == {"seats": 3}
    assert as_agent.get(url).json()["payload"]["custom_attributes"] == {"seats": 3}


@pytest.mark.parametrize(
    "body",
    [{}, {"custom_attributes": "plan"}, {"custom_attributes": [["plan"]]}],
)
def test_destroy_custom_attributes_refuses_bad_bodies(as_agent, base, contact, body):
    """Anything but a list of keys is a 400 that changes nothing."""
    contact.custom_attributes = {"plan": "pro"}
    contact.save()
    response = as_agent.post(
        f"{base}/contacts/{contact.pk}/destroy_custom_attributes", body, format="json"
    )
    assert response.status_code == 400
    contact.refresh_from_db()
    assert contact.custom_attributes == {"plan": "pro"}


def test_destroy_custom_attributes_stays_in_the_account(
    as_admin, as_stranger, base, contact, other_account_conversation
):
    """Another account's contact is a 404 and keeps its keys; an outsider
    cannot reach this account's contacts."""
    theirs = other_account_conversation.contact
    theirs.custom_attributes = {"plan": "pro"}
    theirs.save()
    body = {"custom_attributes": ["plan"]}
    response = as_admin.post(
        f"{base}/contacts/{theirs.pk}/destroy_custom_attributes", body, format="json"
    )
    assert response.status_code == 404
    contact.custom_attributes = {"plan": "pro"}
    contact.save()
    response = as_stranger.post(
        f"{base}/contacts/{contact.pk}/destroy_custom_attributes", body, format="json"
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    contact.refresh_from_db()
    assert theirs.custom_attributes == contact.custom_attributes == {"plan": "pro"}


@pytest.mark.parametrize(
    "body",
    [
        {"email": "not-an-email"},
        {"email": "taken@example.com"},
        {"identifier": "taken"},
        {"phone_number": "call me maybe"},
        {"custom_attributes": [1, 2]},
        {"name": {"first": "A"}},
    ],
)
def test_create_refuses_bad_or_taken_details(as_agent, base, account, body):
    """Bad email or phone, taken email or identifier, bad attributes: 400."""
    factories.ContactFactory(
        account=account, email="taken@example.com", identifier="taken"
    )
    response = as_agent.post(f"{base}/contacts", body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]
    assert Contact.objects.filter(account=account).count() == 1


def test_patch_refuses_anothers_email(as_agent, base, account, contact):
    """PATCH with another contact's email: 400, unchanged."""
    factories.ContactFactory(account=account, email="taken@example.com")
    response = as_agent.patch(
        f"{base}/contacts/{contact.pk}", {"email": "taken@example.com"}, format="json"
    )
    assert response.status_code == 400
    contact.refresh_from_db()
    assert contact.email is None


def test_only_administrators_delete(as_agent, as_admin, base, contact):
    """Agents may not delete contacts; administrators may."""
    assert as_agent.delete(f"{base}/contacts/{contact.pk}").status_code == 403
    assert as_admin.delete(f"{base}/contacts/{contact.pk}").status_code == 200
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_contact_conversations_are_scoped(
    as_agent, base, account, contact, conversation
):
    """A contact's conversations list only those the agent may see."""
    hidden_inbox = factories.InboxFactory(account=account)
    session = factories.ContactInboxFactory(contact=contact, inbox=hidden_inbox)
    factories.ConversationFactory(contact_inbox=session)
    payload = as_agent.get(f"{base}/contacts/{contact.pk}/conversations").json()
    assert [c["id"] for c in payload["payload"]] == [conversation.display_id]


@pytest.mark.parametrize("path", ["contacts/merge", "actions/contact_merge"])
def test_merge(as_agent, base, account, contact, conversation, path):
    """Merging moves the mergee's sessions and conversations to the base."""
    mergee = factories.ContactFactory(account=account, email="m@example.com")
    session = factories.ContactInboxFactory(contact=mergee, inbox=conversation.inbox)
    moved = factories.ConversationFactory(contact_inbox=session)
    response = as_agent.post(
        f"{base}/{path}",
        {"base_contact_id": contact.pk, "mergee_contact_id": mergee.pk},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["email"] == "m@example.com"
    assert not Contact.objects.filter(pk=mergee.pk).exists()
    assert Conversation.objects.get(pk=moved.pk).contact_id == contact.pk
    assert ContactInbox.objects.get(pk=session.pk).contact_id == contact.pk


@pytest.mark.parametrize("case", ["same", "other_account", "missing", "text"])
def test_merge_refuses_bad_pairs(
    as_agent, base, contact, other_account_conversation, case
):
    """The same contact twice or another account's: refused, nothing merged."""
    mergee = {
        "same": contact.pk,
        "other_account": other_account_conversation.contact_id,
        "missing": 987654,
        "text": "abc",
    }[case]
    response = as_agent.post(
        f"{base}/contacts/merge",
        {"base_contact_id": contact.pk, "mergee_contact_id": mergee},
        format="json",
    )
    assert response.status_code in (400, 404)
    assert response.json()["error"]
    assert Contact.objects.filter(pk=other_account_conversation.contact_id).exists()
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_delete_contact_with_conversations(as_admin, base, contact, conversation):
    """Deleting a contact who has a conversation removes both (no 500)."""
    factories.MessageFactory(conversation=conversation)
    assert as_admin.delete(f"{base}/contacts/{contact.pk}").status_code == 200
    assert Contact.objects.filter(pk=contact.pk).exists() is False
    assert Conversation.objects.filter(pk=conversation.pk).exists() is False


# update_presence reaches the database through database_sync_to_async, which
# closes the connection a test transaction would hold.
@pytest.mark.django_db(transaction=True)
def test_contact_availability_follows_cable_presence(
    as_agent, base, account, inbox, contact, settings
):
    """A contact seen on /cable within its presence window is ``online`` in
    the contact answers and as a conversation's sender; others are
    ``offline``."""
    settings.REDIS_URL = ""
    other = factories.ContactFactory(account=account)
    subscriber = Subscriber(account_id=account.pk, streams=(), contact_id=contact.pk)
    async_to_sync(update_presence)(subscriber)
    shown = as_agent.get(f"{base}/contacts/{contact.pk}").json()["payload"]
    assert shown["availability_status"] == "online"
    listed = {
        row["id"]: row["availability_status"]
        for row in as_agent.get(f"{base}/contacts").json()["payload"]
    }
    assert listed == {contact.pk: "online", other.pk: "offline"}
    thread = factories.ConversationFactory(
        contact_inbox=factories.ContactInboxFactory(contact=contact, inbox=inbox)
    )
    sender = as_agent.get(f"{base}/conversations/{thread.display_id}").json()
    assert sender["meta"]["sender"]["availability_status"] == "online"
    settings.ONECHAT_CONTACT_PRESENCE_SECONDS = -1
    lapsed = as_agent.get(f"{base}/contacts/{contact.pk}").json()["payload"]
    assert lapsed["availability_status"] == "offline"
