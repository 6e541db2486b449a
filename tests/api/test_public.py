import pytest

from rest_framework.test import APIClient

from contacts.models import Contact, ContactInbox
from contacts.services import identifier_hash
from conversations.models import Conversation, Message
from conversations.services import create_message, request_email
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def public():
    return APIClient()


@pytest.fixture
def inbox_url(inbox) -> str:
    return f"/public/api/v1/inboxes/{inbox.identifier}"


@pytest.fixture
def session_url(inbox_url, contact_session) -> str:
    return f"{inbox_url}/contacts/{contact_session.source_id}"


@pytest.fixture
def conversation_url(session_url, conversation) -> str:
    return f"{session_url}/conversations/{conversation.display_id}"


### Contacts and HMAC


def test_anonymous_visitor_gets_a_session(public, inbox_url, inbox):
    """POST contacts creates a contact and session with the reference's keys."""
    response = public.post(f"{inbox_url}/contacts", {"name": "Vi"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "id",
        "source_id",
        "pubsub_token",
        "name",
        "email",
        "phone_number",
    }
    session = ContactInbox.objects.get(source_id=body["source_id"], inbox=inbox)
    assert session.pubsub_token == body["pubsub_token"]
    assert session.hmac_verified is False


def test_verified_identity_finds_the_contact(public, inbox_url, inbox, account):
    """A right hash joins the contact holding the identifier, verified."""
    known = factories.ContactFactory(account=account, identifier="user-42")
    digest = identifier_hash(inbox=inbox, identifier="user-42")
    response = public.post(
        f"{inbox_url}/contacts",
        {"identifier": "user-42", "identifier_hash": digest, "email": "u@x.com"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["id"] == known.pk
    session = ContactInbox.objects.get(source_id=response.json()["source_id"])
    assert session.hmac_verified is True
    known.refresh_from_db()
    assert known.email == "u@x.com"


def test_verified_identity_creates_a_new_contact(public, inbox_url, inbox, account):
    """A right hash for an unknown identifier creates that contact."""
    digest = identifier_hash(inbox=inbox, identifier="new-1").upper()
    response = public.post(
        f"{inbox_url}/contacts",
        {"identifier": "new-1", "identifier_hash": digest},
        format="json",
    )
    assert response.status_code == 200
    assert Contact.objects.get(pk=response.json()["id"]).identifier == "new-1"


def test_wrong_hash_is_refused(public, inbox_url, account):
    """A wrong hash: 401 with the reference's message, nothing created."""
    response = public.post(
        f"{inbox_url}/contacts",
        {"identifier": "user-42", "identifier_hash": "0" * 64},
        format="json",
    )
    assert response.status_code == 401
    assert response.json() == {"error": "HMAC failed: Invalid Identifier Hash Provided"}
    assert not Contact.objects.filter(account=account).exists()


def test_mandatory_hmac_refuses_identifying_without_hash(public, inbox_url, inbox):
    """With hmac_mandatory an identifier needs its hash; anonymous is still fine."""
    inbox.hmac_mandatory = True
    inbox.save()
    response = public.post(f"{inbox_url}/contacts", {"identifier": "u"}, format="json")
    assert response.status_code == 401
    assert response.json()["error"].startswith("HMAC failed")
    assert public.post(f"{inbox_url}/contacts", {}, format="json").status_code == 200


def test_unverified_claim_of_a_known_identifier_is_refused(public, inbox_url, account):
    """Without a hash nobody takes over an existing contact's identity."""
    factories.ContactFactory(account=account, identifier="user-42", email="a@x.com")
    response = public.post(
        f"{inbox_url}/contacts", {"identifier": "user-42"}, format="json"
    )
    assert response.status_code == 409
    assert Contact.objects.filter(account=account).count() == 1


def test_patch_identifies_and_merges_the_visitor(
    public, session_url, inbox, account, contact, contact_session, conversation
):
    """A verified PATCH folds the anonymous visitor into the known contact."""
    known = factories.ContactFactory(account=account, identifier="user-42")
    response = public.patch(
        session_url,
        {
            "identifier": "user-42",
            "identifier_hash": identifier_hash(inbox=inbox, identifier="user-42"),
            "name": "Known Person",
        },
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["id"] == known.pk
    contact_session.refresh_from_db()
    assert contact_session.contact_id == known.pk
    assert contact_session.hmac_verified is True
    assert Conversation.objects.get(pk=conversation.pk).contact_id == known.pk
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_patch_with_a_wrong_hash_changes_nothing(public, session_url, contact):
    """A wrong hash on PATCH is a 401 and the contact is unchanged."""
    response = public.patch(
        session_url,
        {"identifier": "u", "identifier_hash": "bad", "name": "Mallory"},
        format="json",
    )
    assert response.status_code == 401
    contact.refresh_from_db()
    assert contact.name == "Vera Visitor" and contact.identifier is None


def test_get_and_patch_contact(public, session_url, contact, contact_session):
    """GET shows the session's contact; PATCH changes details."""
    assert public.get(session_url).json()["source_id"] == str(contact_session.source_id)
    response = public.patch(
        session_url, {"email": "vera@example.com", "name": "Vera"}, format="json"
    )
    assert response.json()["email"] == "vera@example.com"
    contact.refresh_from_db()
    assert contact.name == "Vera"


@pytest.mark.parametrize(
    "body", [{"email": "nope"}, {"custom_attributes": "x"}, {"identifier": ["a"]}]
)
def test_public_contact_refuses_bad_input(public, inbox_url, account, body):
    """Bad email, attributes or identifier: 400."""
    response = public.post(f"{inbox_url}/contacts", body, format="json")
    assert response.status_code == 400
    assert not Contact.objects.filter(account=account).exists()


def test_unknown_inbox_or_session_is_404(public, inbox_url):
    """An unknown inbox identifier or source_id is a JSON 404."""
    response = public.post("/public/api/v1/inboxes/nope/contacts", {}, format="json")
    assert response.status_code == 404
    assert response.json()["error"]
    assert public.get(f"{inbox_url}/contacts/unknown").status_code == 404


def test_conversation_path_with_an_unknown_part_is_404(
    public, conversation, contact_session, inbox
):
    """A conversation path with an unknown inbox, session or conversation, or a
    session of another inbox, is a JSON 404."""
    other = factories.InboxFactory(account=inbox.account)
    source_id, display_id = contact_session.source_id, conversation.display_id
    for path in (
        f"nope/contacts/{source_id}/conversations/{display_id}",
        f"{other.identifier}/contacts/{source_id}/conversations/{display_id}",
        f"{inbox.identifier}/contacts/nope/conversations/{display_id}",
        f"{inbox.identifier}/contacts/{source_id}/conversations/999",
        f"{inbox.identifier}/contacts/%00/conversations/{display_id}",
    ):
        response = public.get(f"/public/api/v1/inboxes/{path}/messages")
        assert response.status_code == 404, path
        assert response.json()["error"]
    ok = f"{inbox.identifier}/contacts/{source_id}/conversations/{display_id}"
    assert public.get(f"/public/api/v1/inboxes/{ok}/messages").status_code == 200


def test_session_of_another_inbox_is_404(public, contact_session, account):
    """A source_id only works with its own inbox."""
    other = factories.InboxFactory(account=account)
    source_id = contact_session.source_id
    url = f"/public/api/v1/inboxes/{other.identifier}/contacts/{source_id}"
    assert public.get(url).status_code == 404


### Conversations


def test_list_and_create_conversations(public, session_url, conversation):
    """GET lists the session's conversations; POST starts one with a message."""
    listing = public.get(f"{session_url}/conversations").json()
    assert [c["id"] for c in listing] == [conversation.display_id]
    response = public.post(
        f"{session_url}/conversations",
        {"custom_attributes": {"page": "/pricing"}, "message": {"content": "Hi!"}},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {
        "id",
        "inbox_id",
        "status",
        "contact_last_seen_at",
        "agent_last_seen_at",
        "messages",
        "contact",
    }
    assert [m["content"] for m in body["messages"]] == ["Hi!"]
    assert body["messages"][0]["message_type"] == 0


def test_locked_inbox_continues_the_latest_conversation(
    public, session_url, inbox, conversation, contact_session
):
    """In an inbox locked to a single conversation, POST conversations
    continues the session's latest one, even resolved: the message reopens
    it and the attributes merge; another session still gets its own."""
    inbox.lock_to_single_conversation = True
    inbox.save(update_fields=["lock_to_single_conversation"])
    conversation.status = Conversation.Status.RESOLVED
    conversation.custom_attributes = {"plan": "pro"}
    conversation.save(update_fields=["status", "custom_attributes"])
    response = public.post(
        f"{session_url}/conversations",
        {"custom_attributes": {"page": "/pricing"}, "message": {"content": "Back"}},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["id"] == conversation.display_id
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.OPEN
    assert conversation.custom_attributes == {"plan": "pro", "page": "/pricing"}
    assert Conversation.objects.filter(contact_inbox=contact_session).count() == 1
    other = factories.ContactInboxFactory(
        contact=factories.ContactFactory(account=inbox.account), inbox=inbox
    )
    fresh = public.post(
        f"/public/api/v1/inboxes/{inbox.identifier}/contacts/{other.source_id}"
        "/conversations",
        {},
        format="json",
    )
    assert fresh.json()["id"] != conversation.display_id


def test_conversation_hides_notes_and_activity(
    public, conversation_url, conversation, contact
):
    """Private notes and activity lines never reach the contact."""
    create_message(
        conversation=conversation, message_type=0, content="q", sender=contact
    )
    create_message(
        conversation=conversation, message_type=1, content="secret", private=True
    )
    factories.MessageFactory(conversation=conversation, message_type=2, content="act")
    create_message(conversation=conversation, message_type=1, content="answer")
    body = public.get(conversation_url).json()
    assert [m["content"] for m in body["messages"]] == ["q", "answer"]
    listed = public.get(f"{conversation_url}/messages").json()
    assert [m["content"] for m in listed] == ["q", "answer"]


def test_messages_after_catch_up(public, conversation_url, conversation, contact):
    """after=<id> returns the newer visible messages only."""
    first = create_message(
        conversation=conversation, message_type=0, content="a", sender=contact
    )
    create_message(conversation=conversation, message_type=1, content="n", private=True)
    create_message(conversation=conversation, message_type=1, content="b")
    listed = public.get(f"{conversation_url}/messages?after={first.pk}").json()
    assert [m["content"] for m in listed] == ["b"]


def test_contact_sends_a_message_with_echo_id(public, conversation_url, contact):
    """POST messages records an incoming message from the contact."""
    response = public.post(
        f"{conversation_url}/messages",
        {"content": "hello", "echo_id": "e-1"},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["message_type"] == 0 and body["echo_id"] == "e-1"
    assert body["sender"]["id"] == contact.pk


def test_contact_message_reopens_a_resolved_conversation(
    public, conversation_url, conversation
):
    """An incoming message reopens a resolved conversation."""
    Conversation.objects.filter(pk=conversation.pk).update(status="resolved")
    public.post(f"{conversation_url}/messages", {"content": "again"}, format="json")
    conversation.refresh_from_db()
    assert conversation.status == "open"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"content": ""},
        {"content": "x", "echo_id": "e" * 100},
        {"content": {"nested": True}},
    ],
)
def test_contact_message_refuses_bad_input(
    public, conversation_url, conversation, body
):
    """Empty content or a long echo id: 400, nothing sent."""
    response = public.post(f"{conversation_url}/messages", body, format="json")
    assert response.status_code == 400
    assert not conversation.messages.exists()


def test_private_fields_are_ignored_for_contacts(
    public, conversation_url, conversation
):
    """A contact cannot send a private note or pick the message type."""
    public.post(
        f"{conversation_url}/messages",
        {"content": "x", "private": True, "message_type": 1},
        format="json",
    )
    message = conversation.messages.get()
    assert message.private is False
    assert message.message_type == Message.MessageType.INCOMING


def test_other_sessions_conversation_is_404(
    public, inbox_url, inbox, account, conversation
):
    """A session never reaches another session's conversation."""
    other = factories.ContactInboxFactory(
        contact=factories.ContactFactory(account=account), inbox=inbox
    )
    display_id = conversation.display_id
    url = f"{inbox_url}/contacts/{other.source_id}/conversations/{display_id}"
    assert public.get(url).status_code == 404
    assert (
        public.post(f"{url}/messages", {"content": "x"}, format="json").status_code
        == 404
    )
    assert not conversation.messages.exists()


def test_typing_last_seen_and_resolve(public, conversation_url, conversation):
    """toggle_typing, update_last_seen and toggle_status (resolves)."""
    assert (
        public.post(
            f"{conversation_url}/toggle_typing", {"typing_status": "on"}, format="json"
        ).status_code
        == 200
    )
    assert (
        public.post(
            f"{conversation_url}/toggle_typing", {"typing_status": "x"}, format="json"
        ).status_code
        == 400
    )
    seen = public.post(f"{conversation_url}/update_last_seen").json()
    assert seen["contact_last_seen_at"] > 0
    resolved = public.post(f"{conversation_url}/toggle_status").json()
    assert resolved["status"] == "resolved"


@pytest.mark.parametrize(
    "body",
    [
        {"submitted_email": "vera@example.com"},
        {"submitted_values": {"email": "vera@example.com"}},
        {"submitted_values": {"value": "vera@example.com"}},
    ],
)
def test_submit_email_to_an_input_email_message(
    public, conversation_url, conversation, contact, body
):
    """PATCH messages/<id> stores the submitted email and sets the contact's;
    Chatwoot's ``submitted_values`` spelling is read too."""
    prompt = request_email(conversation=conversation)
    response = public.patch(
        f"{conversation_url}/messages/{prompt.pk}", body, format="json"
    )
    assert response.status_code == 200
    assert (
        response.json()["content_attributes"]["submitted_email"] == "vera@example.com"
    )
    contact.refresh_from_db()
    assert contact.email == "vera@example.com"


def test_submit_email_refuses_other_messages_and_bad_emails(
    public, conversation_url, conversation
):
    """Only input_email messages the contact sees take an email (any other is not
    found, as in the widget API), and only a valid one."""
    plain = create_message(conversation=conversation, message_type=1, content="hi")
    note = create_message(
        conversation=conversation,
        message_type=1,
        content="n",
        private=True,
        content_type="input_email",
    )
    prompt = request_email(conversation=conversation)
    url = f"{conversation_url}/messages"
    body = {"submitted_email": "a@b.com"}
    assert public.patch(f"{url}/{plain.pk}", body, format="json").status_code == 404
    assert public.patch(f"{url}/{note.pk}", body, format="json").status_code == 404
    for bad in (
        {"submitted_email": "nope"},
        {"submitted_values": {"value": "nope"}},
        {"submitted_values": {}},
        {"submitted_values": "a@b.com"},
    ):
        response = public.patch(f"{url}/{prompt.pk}", bad, format="json")
        assert response.status_code == 400
    prompt.refresh_from_db()
    assert "submitted_email" not in prompt.content_attributes


@pytest.mark.parametrize("digest", ["zz-not-hex", "ü" * 64, " "])
def test_malformed_hashes_fail_verification(public, inbox_url, account, digest):
    """Non-hex or non-ASCII hashes are a 401, never a crash."""
    response = public.post(
        f"{inbox_url}/contacts",
        {"identifier": "user-1", "identifier_hash": digest},
        format="json",
    )
    assert response.status_code in (400, 401)
    assert not Contact.objects.filter(account=account).exists()


def test_nul_in_path_or_attributes_is_refused(public, inbox_url, session_url, account):
    """NUL characters (which PostgreSQL cannot store) get a 4xx."""
    assert public.get(f"{inbox_url}/contacts/a%00b").status_code == 404
    assert public.get("/public/api/v1/inboxes/x%00y/contacts/a").status_code == 404
    response = public.patch(
        session_url, {"custom_attributes": {"k": "a\u0000b"}}, format="json"
    )
    assert response.status_code == 400
