"""Chatwoot's own Python SDK (``chatwoot-sdk`` on PyPI) against a real OneChat
web process, as an integrator uses it: its own ``api_access_token`` header,
its own paths and parsing."""

import chatwoot
import httpx
import pytest

from accounts.models import Inbox, User
from conversations.models import Conversation
from tests import factories
from tests.servers import onechat_server

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]


def test_an_integrator_runs_a_conversation_with_the_sdk(account, administrator, agent):
    """Create a contact in an API inbox, open a conversation with its
    source_id, message, assign, resolve: each call parses into the SDK's types."""
    inbox = factories.InboxFactory(account=account, channel_type=Inbox.ChannelType.API)
    factories.InboxMemberFactory(inbox=inbox, user=agent)
    with (
        onechat_server(kind="uvicorn") as server,
        chatwoot.ChatwootClient(
            base_url=server.url, api_token=administrator.access_token
        ) as client,
    ):
        assert client.profile.get().email == administrator.email
        created = client.contacts.create(
            account_id=account.pk, inbox_id=inbox.pk, name="Ivy Integrator"
        )
        source_id = created.contact_inbox.source_id
        assert created.contact.name == "Ivy Integrator"
        assert [s.source_id for s in created.contact.contact_inboxes] == [source_id]

        conversation = client.conversations.create(
            account_id=account.pk, source_id=source_id, inbox_id=inbox.pk
        )
        assert conversation.status == "open"
        message = client.messages.create(
            account_id=account.pk,
            conversation_id=conversation.id,
            content="Your order has shipped.",
        )
        assert message.conversation_id == conversation.id
        assigned = client.conversations.assign(
            account_id=account.pk,
            conversation_id=conversation.id,
            assignee_id=agent.pk,
        )
        assert assigned.meta.assignee.id == agent.pk
        resolved = client.conversations.toggle_status(
            account_id=account.pk, conversation_id=conversation.id, status="resolved"
        )
        assert resolved.current_status == "resolved"
        messages = client.messages.list(
            account_id=account.pk, conversation_id=conversation.id
        )
        assert "Your order has shipped." in [m.content for m in messages]
        with pytest.raises(chatwoot.ChatwootNotFoundError):
            client.contacts.get(account_id=account.pk + 1000, contact_id=1)

    stored = Conversation.objects.get(account=account, display_id=conversation.id)
    assert stored.status == Conversation.Status.RESOLVED
    assert stored.assignee == agent
    assert stored.contact_inbox.source_id == source_id


def test_the_sdk_reads_every_field_its_models_declare(account, administrator):
    """Invite an agent and place them in an inbox and a team at once, set an
    inbox's sender and lock, then read profile, agents, inbox and messages:
    the SDK's declared fields (and Chatwoot's extra ones the SDK passes over)
    carry their real values."""
    inbox = factories.InboxFactory(account=account, channel_type=Inbox.ChannelType.API)
    team = factories.TeamFactory(account=account)
    session = factories.ContactInboxFactory(
        contact=factories.ContactFactory(account=account), inbox=inbox
    )
    conversation = factories.ConversationFactory(contact_inbox=session)
    with (
        onechat_server(kind="uvicorn") as server,
        chatwoot.ChatwootClient(
            base_url=server.url, api_token=administrator.access_token
        ) as client,
        httpx.Client(
            base_url=f"{server.url}/api/v1",
            headers={"api_access_token": administrator.access_token},
        ) as raw,
    ):
        profile = client.profile.get()
        assert (profile.uid, profile.provider) == (administrator.email, "email")
        assert profile.availability_status == "offline"
        assert [(a.id, a.role) for a in profile.accounts] == [
            (account.pk, "administrator")
        ]
        mine = raw.get("/profile").json()["accounts"][0]
        assert mine["permissions"] == ["administrator"]
        assert (mine["status"], mine["custom_role_id"]) == ("active", None)
        assert mine["availability"] == "online"
        assert mine["availability_status"] == "offline"

        invited = client.agents.add(
            account_id=account.pk, name="Nia", email="nia@example.com", role="agent"
        )
        assert invited.id == User.objects.get(email="nia@example.com").pk
        assert (invited.confirmed, invited.availability_status) == (False, "offline")
        assert (
            raw.get(f"/accounts/{account.pk}/agents/{invited.id}").json()["provider"]
            == "email"
        )
        # The SDK's inbox members calls unwrap ``payload`` twice and always
        # answer []: the list is read without it.
        client.inboxes.agents.add(
            account_id=account.pk, inbox_id=inbox.pk, agent_ids=[invited.id]
        )
        placed = raw.get(f"/accounts/{account.pk}/inbox_members/{inbox.pk}").json()
        assert [(a["id"], a["confirmed"]) for a in placed["payload"]] == [
            (invited.id, False)
        ]
        client.teams.agents.add(
            account_id=account.pk, team_id=team.pk, agent_ids=[invited.id]
        )
        in_team = client.teams.agents.list(account_id=account.pk, team_id=team.pk)
        assert [a.id for a in in_team] == [invited.id]

        changed = client.inboxes.update(
            account_id=account.pk,
            inbox_id=inbox.pk,
            lock_to_single_conversation=True,
            sender_name_type="professional",
            business_name="Acme Support",
        )
        assert changed.channel_id == inbox.pk
        shown = raw.get(f"/accounts/{account.pk}/inboxes/{inbox.pk}").json()
        assert shown["lock_to_single_conversation"] is True
        assert shown["sender_name_type"] == "professional"
        assert shown["business_name"] == "Acme Support"
        assert shown["reply_time"] == "in_a_few_minutes"

        sent = client.messages.create(
            account_id=account.pk,
            conversation_id=conversation.display_id,
            content="Hello from the SDK",
        )
        [listed] = client.messages.list(
            account_id=account.pk, conversation_id=conversation.display_id
        )
        assert (listed.id, listed.account_id, listed.inbox_id) == (
            sent.id,
            account.pk,
            inbox.pk,
        )
        assert (listed.status, listed.content_type) == ("sent", "text")
        thread = f"/accounts/{account.pk}/conversations/{conversation.display_id}"
        meta = raw.get(f"{thread}/messages").json()["meta"]
        assert meta["contact"]["id"] == session.contact_id
        [last] = raw.get(thread).json()["messages"]
        assert last["sentiment"] == {}
        assert last["conversation"] == {
            "assignee_id": None,
            "unread_count": 0,
            "last_activity_at": last["created_at"],
            "contact_inbox": {"source_id": str(session.source_id)},
        }
    assert Inbox.objects.get(pk=inbox.pk).lock_to_single_conversation is True
