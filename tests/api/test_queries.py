"""List endpoints load their rows in a fixed number of queries (no N+1)."""

import pytest

from rest_framework.test import APIClient

from common.tokens import reference_token
from conversations.services import assign_agent, create_message, set_labels
from realtime.events import inbox_agents
from tests import factories
from webhooks import selectors as webhook_selectors

pytestmark = pytest.mark.django_db


def fill_conversations(inbox, agent, count: int) -> None:
    team = factories.TeamFactory(account=inbox.account)
    for n in range(count):
        contact = factories.ContactFactory(account=inbox.account)
        session = factories.ContactInboxFactory(contact=contact, inbox=inbox)
        conversation = factories.ConversationFactory(contact_inbox=session, team=team)
        # Assigned first: the agent's "hey" is the last message.
        assign_agent(conversation=conversation, assignee=agent)
        create_message(
            conversation=conversation, message_type=0, content="hi", sender=contact
        )
        create_message(
            conversation=conversation, message_type=1, content="hey", sender=agent
        )
        set_labels(conversation=conversation, labels=[f"l{n % 3}", "all"])


def test_conversation_list_of_25_is_a_fixed_number_of_queries(
    as_agent, base, inbox, agent, django_assert_max_num_queries
):
    """A full page of 25 rows, each with sender, assignee, team, labels, last
    message, last non-activity message, unread count and the reader's
    can_reply, costs the same few queries as one row."""
    fill_conversations(inbox, agent, 25)
    with django_assert_max_num_queries(13):
        response = as_agent.get(f"{base}/conversations")
    rows = response.json()["data"]["payload"]
    assert len(rows) == 25
    assert all(row["unread_count"] == 1 for row in rows)
    assert all(row["messages"][0]["content"] == "hey" for row in rows)
    assert all(row["last_non_activity_message"]["content"] == "hey" for row in rows)
    assert all(row["meta"]["assignee"]["id"] == agent.pk for row in rows)
    assert all(len(row["labels"]) == 2 for row in rows)


def test_contact_list_is_a_fixed_number_of_queries(
    as_agent, base, account, inbox, django_assert_max_num_queries
):
    """Fifteen contacts with sessions cost a fixed number of queries."""
    for _ in range(15):
        factories.ContactInboxFactory(
            contact=factories.ContactFactory(account=account), inbox=inbox
        )
    with django_assert_max_num_queries(6):
        response = as_agent.get(f"{base}/contacts")
    assert all(row["pubsub_token"] for row in response.json()["payload"])


def test_message_list_is_a_fixed_number_of_queries(
    as_agent, base, conversation, agent, contact, django_assert_max_num_queries
):
    """Twenty messages from both sides cost a fixed number of queries."""
    for n in range(10):
        create_message(
            conversation=conversation, message_type=0, content=f"q{n}", sender=contact
        )
        create_message(
            conversation=conversation, message_type=1, content=f"a{n}", sender=agent
        )
    with django_assert_max_num_queries(8):
        response = as_agent.get(
            f"{base}/conversations/{conversation.display_id}/messages"
        )
    assert len(response.json()["payload"]) == 20


def test_public_conversation_is_a_fixed_number_of_queries(
    conversation, contact, agent, contact_session, django_assert_max_num_queries
):
    """A contact's conversation with 20 messages from both sides costs a fixed
    number of queries."""
    for n in range(10):
        create_message(
            conversation=conversation, message_type=0, content=f"q{n}", sender=contact
        )
        create_message(
            conversation=conversation, message_type=1, content=f"a{n}", sender=agent
        )
    url = (
        f"/public/api/v1/inboxes/{conversation.inbox.identifier}/contacts/"
        f"{contact_session.source_id}/conversations/{conversation.display_id}"
    )
    with django_assert_max_num_queries(8):
        response = APIClient().get(url)
    assert len(response.json()["messages"]) == 20


def test_visitor_message_is_a_fixed_number_of_queries(
    conversation, contact_session, django_assert_max_num_queries, settings
):
    """A visitor's message costs one lookup of the path (inbox, session and
    conversation together) and the writes: nothing is read twice."""
    # Production's count: the tests' extra encoding at publish reads more.
    settings.ONECHAT_EVENTS_CHECK_AT_PUBLISH = False
    # The inbox's audience is known, as after any earlier event of the inbox;
    # so is who listens for webhooks (none here).
    inbox_agents.of(conversation)
    webhook_selectors.listeners(account_id=conversation.account_id)
    webhook_selectors.bot_id_of_inbox(inbox_id=conversation.inbox_id)
    url = (
        f"/public/api/v1/inboxes/{conversation.inbox.identifier}/contacts/"
        f"{contact_session.source_id}/conversations/{conversation.display_id}/messages"
    )
    # Lookup; savepoint, lock, insert, audience, contact and conversation
    # bookkeeping, whether participants wait for news (notifications), release.
    with django_assert_max_num_queries(9):
        response = APIClient().post(url, {"content": "hello"}, format="json")
    assert response.status_code == 200
    sender_token = response.json()["sender"]["pubsub_token"]
    assert sender_token == reference_token(contact_session.pubsub_token)
