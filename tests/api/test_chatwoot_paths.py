"""Chatwoot paths beyond the core chat: account, priority, a contact's
sessions, the public inbox."""

import pytest

from rest_framework.test import APIClient

from accounts.models import Inbox
from conversations.models import Conversation
from tests import factories

pytestmark = pytest.mark.django_db


def test_account_shows_to_members_only(as_agent, as_stranger, account):
    response = as_agent.get(f"/api/v1/accounts/{account.pk}")
    assert response.status_code == 200
    assert response.json()["id"] == account.pk
    assert response.json()["name"] == account.name
    assert response.json()["status"] == "active"
    assert as_stranger.get(f"/api/v1/accounts/{account.pk}").status_code == 404


def test_toggle_priority_sets_and_clears(as_agent, base, conversation):
    url = f"{base}/conversations/{conversation.display_id}/toggle_priority"
    assert as_agent.post(url, {"priority": "urgent"}, format="json").status_code == 200
    conversation.refresh_from_db()
    assert conversation.priority == Conversation.Priority.URGENT
    assert as_agent.post(url, {"priority": None}, format="json").status_code == 200
    conversation.refresh_from_db()
    assert conversation.priority is None
    refused = as_agent.post(url, {"priority": "<b>now</b>"}, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]


def test_toggle_priority_of_another_accounts_conversation_is_not_found(
    as_agent, base, other_account_conversation
):
    url = f"{base}/conversations/{other_account_conversation.display_id}"
    response = as_agent.post(f"{url}/toggle_priority", {"priority": "low"})
    assert response.status_code == 404


def test_contact_sessions_open_in_the_callers_inboxes(
    as_admin, base, account, contact, inbox
):
    """``contactable_inboxes`` lists an API inbox with a fresh source_id and
    leaves out a website inbox without a session; ``contact_inboxes`` opens a
    session with a given source_id, then listed; another account's inbox: 404."""
    api_inbox = factories.InboxFactory(
        account=account, channel_type=Inbox.ChannelType.API
    )
    url = f"{base}/contacts/{contact.pk}"
    listed = as_admin.get(f"{url}/contactable_inboxes").json()["payload"]
    assert [row["inbox"]["id"] for row in listed] == [api_inbox.pk]
    assert listed[0]["source_id"]
    opened = as_admin.post(
        f"{url}/contact_inboxes",
        {"inbox_id": api_inbox.pk, "source_id": "crm-42"},
        format="json",
    )
    assert opened.status_code == 200
    assert opened.json()["source_id"] == "crm-42"
    assert opened.json()["inbox"]["channel_type"] == "Channel::Api"
    listed = as_admin.get(f"{url}/contactable_inboxes").json()["payload"]
    assert listed[0]["source_id"] == "crm-42"
    contact_inboxes = as_admin.get(url).json()["payload"]["contact_inboxes"]
    assert [row["source_id"] for row in contact_inboxes] == ["crm-42"]
    other = factories.InboxFactory(channel_type=Inbox.ChannelType.API)
    response = as_admin.post(
        f"{url}/contact_inboxes", {"inbox_id": other.pk}, format="json"
    )
    assert response.status_code == 404


def test_contact_sessions_of_another_accounts_contact_are_not_found(
    as_admin, base, inbox
):
    stranger_contact = factories.ContactFactory()
    url = f"{base}/contacts/{stranger_contact.pk}"
    assert as_admin.get(f"{url}/contactable_inboxes").status_code == 404
    response = as_admin.post(
        f"{url}/contact_inboxes", {"inbox_id": inbox.pk}, format="json"
    )
    assert response.status_code == 404


def test_a_source_id_of_another_contact_is_a_conflict(
    as_admin, base, account, contact_session, inbox
):
    other = factories.ContactFactory(account=account)
    response = as_admin.post(
        f"{base}/contacts/{other.pk}/contact_inboxes",
        {"inbox_id": inbox.pk, "source_id": contact_session.source_id},
        format="json",
    )
    assert response.status_code == 409


def test_public_inbox_shows_no_secret(inbox):
    """Anyone with the identifier sees the inbox's name and settings, never
    its HMAC token."""
    inbox.hmac_mandatory = True
    inbox.save()
    response = APIClient().get(f"/public/api/v1/inboxes/{inbox.identifier}")
    assert response.status_code == 200
    body = response.json()
    assert body["identifier"] == inbox.identifier
    assert body["identity_validation_enabled"] is True
    assert body["working_hours"] == []
    assert inbox.hmac_token not in response.content.decode()
    assert APIClient().get("/public/api/v1/inboxes/nope").status_code == 404
