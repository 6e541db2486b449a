"""Transcripts for the conversation's readers (JSON and text, times in the
account's zone, markup as text), and contacts exported as CSV with formula
cells neutralised (administrators only)."""

import csv
import io
from datetime import UTC, datetime

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from contacts.models import Contact
from conversations.models import Message
from tests import factories
from tests.privacy.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def talk(account, conversation, agent):
    account.custom_attributes = {"timezone": "Asia/Tokyo"}
    account.save()
    incoming = factories.MessageFactory(
        conversation=conversation,
        sender_contact=conversation.contact,
        content="<img src=x onerror=alert(1)> **hi**",
    )
    note = factories.MessageFactory(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        sender_user=agent,
        private=True,
        content="check the order",
    )
    moment = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    Message.objects.filter(pk__in=[incoming.pk, note.pk]).update(created_at=moment)
    return conversation


def transcript_url(account, conversation, tail="") -> str:
    return (
        f"/api/v1/accounts/{account.pk}/conversations/"
        f"{conversation.display_id}/transcript{tail}"
    )


def test_json_transcript_has_authors_zone_times_and_notes(as_agent, account, talk):
    response = as_agent.get(transcript_url(account, talk))
    assert response.status_code == 200
    data = response.json()
    assert data["time_zone"] == "Asia/Tokyo"
    first, note = data["messages"]
    assert first["created_at"] == "2026-03-02T08:30:00+09:00"
    assert first["content"] == "<img src=x onerror=alert(1)> **hi**"
    assert first["author"]["name"] == "Vera Visitor"
    assert note["private"] is True and note["author"]["name"] == "Alex Agent"


def test_text_transcript(as_agent, account, talk):
    response = as_agent.get(transcript_url(account, talk, "?as=text"))
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "[2026-03-02 08:30:00] Vera Visitor: <img src=x onerror=alert(1)>" in text
    assert "Alex Agent (private note): check the order" in text


def test_transcript_of_an_unseen_or_foreign_conversation_is_404(
    account, talk, other_account_conversation
):
    outsider = factories.UserFactory()
    factories.AccountUserFactory(account=account, user=outsider)
    client = client_for(outsider)
    assert client.get(transcript_url(account, talk)).status_code == 404
    other = other_account_conversation
    response = client.get(transcript_url(other.account, other))
    assert response.status_code in (401, 403, 404)


def test_export_neutralises_formulas_and_filters(as_admin, account):
    factories.ContactFactory(
        account=account, name='=HYPERLINK("http://x")', email="a@example.com"
    )
    factories.ContactFactory(account=account, name="+1 caller", phone_number="+331234")
    factories.ContactFactory(account=account, name="Plain", email="p@example.com")
    factories.ContactFactory(name="Elsewhere")
    url = f"/api/v1/accounts/{account.pk}/contacts/export"
    response = as_admin.post(url, {}, format="json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["id", "name", "email", "phone_number"]
    assert [row[1] for row in rows[1:]] == [
        '\'=HYPERLINK("http://x")',
        "'+1 caller",
        "Plain",
    ]
    assert rows[2][3] == "'+331234"
    filtered = as_admin.post(
        url, {"q": "plain", "column_names": ["email", "name"]}, format="json"
    )
    rows = list(csv.reader(io.StringIO(filtered.content.decode())))
    assert rows == [["email", "name"], ["p@example.com", "Plain"]]
    bad = as_admin.post(url, {"column_names": ["password"]}, format="json")
    assert bad.status_code == 400


def test_agents_may_not_export(as_agent, account):
    url = f"/api/v1/accounts/{account.pk}/contacts/export"
    assert as_agent.post(url, {}, format="json").status_code == 403


def test_an_export_imports_back_unchanged(as_admin, account):
    factories.ContactFactory(account=account, name="-Dash", phone_number="+331234")
    base = f"/api/v1/accounts/{account.pk}/contacts"
    exported = as_admin.post(
        f"{base}/export", {"column_names": ["name", "phone_number"]}, format="json"
    )
    Contact.objects.all().delete()
    upload = SimpleUploadedFile("c.csv", exported.content, content_type="text/csv")
    response = as_admin.post(
        f"{base}/import", {"import_file": upload}, format="multipart"
    )
    assert response.status_code == 200, response.content
    contact = Contact.objects.get()
    assert (contact.name, contact.phone_number) == ("-Dash", "+331234")


def test_a_contacts_tokens_reach_nothing(account, conversation, contact_session):
    """A contact's pubsub token or session id is no API access token."""
    base = f"/api/v1/accounts/{account.pk}"
    contact_id = conversation.contact_id
    for token in (contact_session.pubsub_token, str(contact_session.source_id)):
        client = APIClient()
        client.credentials(HTTP_API_ACCESS_TOKEN=token)
        for method, path in [
            ("get", f"conversations/{conversation.display_id}/transcript"),
            ("get", f"contacts/{contact_id}/data_export"),
            ("post", f"contacts/{contact_id}/erase"),
            ("post", "contacts/export"),
            ("post", "contacts/import/preview"),
        ]:
            response = getattr(client, method)(f"{base}/{path}")
            assert response.status_code == 401, path
            assert response.json()["error"]


def test_bad_input_is_a_json_4xx(as_admin, account):
    base = f"/api/v1/accounts/{account.pk}"
    response = as_admin.post(
        f"{base}/contacts/export", {"column_names": "email"}, format="json"
    )
    assert response.status_code == 400 and response.json()["error"]
    response = as_admin.post(
        f"{base}/contacts/export", "{", content_type="application/json"
    )
    assert response.status_code == 400
    response = as_admin.get(f"{base}/conversations/999999/transcript")
    assert response.status_code == 404 and response.json()["error"]
    response = as_admin.post(f"{base}/contacts/999999/erase")
    assert response.status_code == 404 and response.json()["error"]
