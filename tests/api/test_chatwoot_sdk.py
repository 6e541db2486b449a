"""Chatwoot's own Python SDK (``chatwoot-sdk`` on PyPI) against a real OneChat
web process, as an integrator uses it: its own ``api_access_token`` header,
its own paths and parsing."""

import chatwoot
import pytest

from accounts.models import Inbox
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
