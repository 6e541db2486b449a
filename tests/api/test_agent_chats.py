"""Agent chats over the Application API: start, write, search, unread counts,
complete; nobody outside a chat or its account reaches it."""

import pytest

from agentchat.models import AgentChat
from tests import factories
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(account):
    """An agent of the account who works none of the inbox's conversations."""
    user = factories.UserFactory(name="Casey <b>Colleague</b>")
    factories.AccountUserFactory(account=account, user=user)
    return user


@pytest.fixture
def chats(base):
    return f"{base}/agent_chats"


def start(client, chats, user_ids, **fields):
    return client.post(chats, {"user_ids": user_ids, **fields}, format="json")


def test_chat_between_two_agents_with_unread_counts_and_search(
    chats, agent, colleague, conversation
):
    """Starting, writing, the reader's unread count, search and reading."""
    as_agent, as_colleague = client_for(agent), client_for(colleague)
    response = start(
        as_agent,
        chats,
        [colleague.pk],
        topic="Refund on #1",
        conversation_id=conversation.display_id,
    )
    assert response.status_code == 201
    chat = response.json()
    assert chat["state"] == "active"
    assert chat["conversation_id"] == conversation.display_id
    assert chat["unread_count"] == 0
    url = f"{chats}/{chat['id']}"
    for text in ("Can you check the refund?", "Order 1234"):
        sent = as_agent.post(f"{url}/messages", {"content": text}, format="json")
        assert sent.status_code == 201
    [listed] = as_colleague.get(chats).json()["payload"]
    assert listed["unread_count"] == 2
    assert as_agent.get(chats).json()["payload"][0]["unread_count"] == 0
    found = as_colleague.get(f"{url}/messages", {"q": "refund"}).json()["payload"]
    assert [m["content"] for m in found] == ["Can you check the refund?"]
    history = as_colleague.get(f"{url}/messages").json()["payload"]
    assert [m["content"] for m in history] == [
        "Can you check the refund?",
        "Order 1234",
    ]
    assert as_colleague.post(f"{url}/read").status_code == 204
    assert as_colleague.get(chats).json()["payload"][0]["unread_count"] == 0
    assert as_colleague.post(
        f"{url}/typing", {"typing_status": "on"}, format="json"
    ).status_code == (204)


def test_completed_chat_refuses_writing(chats, agent, colleague):
    """A completed chat keeps its history and answers 403 naming send_message."""
    as_agent = client_for(agent)
    chat = start(as_agent, chats, [colleague.pk]).json()
    url = f"{chats}/{chat['id']}"
    as_agent.post(f"{url}/messages", {"content": "bye"}, format="json")
    completed = as_agent.post(f"{url}/complete")
    assert completed.json()["state"] == "completed"
    assert completed.json()["capabilities"] == []
    refused = as_agent.post(f"{url}/messages", {"content": "more"}, format="json")
    assert refused.status_code == 403
    assert refused.json()["capability"] == "send_message"
    assert as_agent.post(f"{url}/complete").json()["capability"] == "complete"
    assert len(as_agent.get(f"{url}/messages").json()["payload"]) == 1


def test_nobody_outside_the_chat_reaches_it(
    chats, base, agent, colleague, administrator, stranger, other_account_conversation
):
    """Another member of the account, even an administrator, and another
    account's user find no such chat; no chat takes another account's agent or
    conversation."""
    chat = start(client_for(agent), chats, [colleague.pk]).json()
    url = f"{chats}/{chat['id']}"
    for client in (client_for(administrator), client_for(stranger)):
        assert client.get(url).status_code == 404
        assert client.get(f"{url}/messages").status_code == 404
        response = client.post(f"{url}/messages", {"content": "hi"}, format="json")
        assert response.status_code == 404
    assert client_for(administrator).get(chats).json()["payload"] == []
    as_agent = client_for(agent)
    refused = start(as_agent, chats, [stranger.pk])
    assert refused.status_code == 400
    assert "user_ids" in refused.json()["error"]
    foreign = start(
        as_agent,
        chats,
        [colleague.pk],
        conversation_id=other_account_conversation.display_id + 100,
    )
    assert foreign.status_code == 404
    alone = start(as_agent, chats, [agent.pk])
    assert alone.status_code == 400
    assert AgentChat.objects.count() == 1


def test_bad_input_is_400(chats, agent, colleague):
    """Empty or oversized member lists, missing content, a bad typing status."""
    as_agent = client_for(agent)
    assert start(as_agent, chats, []).status_code == 400
    assert start(as_agent, chats, list(range(1, 20))).status_code == 400
    chat = start(as_agent, chats, [colleague.pk]).json()
    url = f"{chats}/{chat['id']}"
    assert as_agent.post(f"{url}/messages", {}, format="json").status_code == 400
    bad = as_agent.post(f"{url}/typing", {"typing_status": "maybe"}, format="json")
    assert bad.status_code == 400
    assert as_agent.get(f"{url}/messages", {"before": "x"}).status_code == 400
