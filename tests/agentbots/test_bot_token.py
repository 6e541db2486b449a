"""An agent bot's access token: it answers its inboxes' conversations as the
bot (every rich type), types, hands off, and reaches nothing else."""

import pytest

from rest_framework.test import APIClient

from accounts.models import AccountUser
from agentbots.models import AgentBot
from conversations.models import Conversation, Message
from conversations.serializers import MessageSerializer
from conversations.services import create_message, start_contact_conversation
from realtime.streams import contact_streams, user_stream
from tests import factories
from tests.conversations.rich_samples import VALID
from webhooks.payloads import message_event

pytestmark = pytest.mark.django_db


def bot_client(bot: AgentBot) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_API_ACCESS_TOKEN=bot.access_token)
    return client


def conversation_url(conversation: Conversation) -> str:
    return (
        f"/api/v1/accounts/{conversation.account_id}/conversations/"
        f"{conversation.display_id}"
    )


@pytest.fixture
def pending(bot, contact_session, routed) -> Conversation:
    """A visitor's new conversation in the bot's inbox, with its first words."""
    return routed(
        start_contact_conversation,
        contact_inbox=contact_session,
        message={"content": "Hello?"},
    )


def test_a_new_conversation_waits_for_the_bot_unassigned(pending, agent):
    pending.refresh_from_db()
    assert pending.status == Conversation.Status.PENDING
    assert pending.assignee_id is None


def test_the_bot_reads_and_answers_as_itself(pending, bot, capture_events):
    client = bot_client(bot)
    url = conversation_url(pending)
    listed = client.get(
        f"/api/v1/accounts/{pending.account_id}/conversations", {"status": "pending"}
    )
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["data"]["payload"]] == [
        pending.display_id
    ]
    assert client.get(url).json()["status"] == "pending"
    messages = client.get(f"{url}/messages").json()["payload"]
    assert [m["content"] for m in messages] == ["Hello?"]

    with capture_events() as events:
        answer = client.post(f"{url}/messages", {"content": "Hi, I am a bot"})
    assert answer.status_code == 200, answer.json()
    body = answer.json()
    assert body["sender_type"] == "AgentBot"
    assert body["sender_id"] == bot.pk
    assert body["message_type"] == Message.MessageType.OUTGOING
    assert body["sender"] == {
        "id": bot.pk,
        "name": bot.name,
        "avatar_url": "",
        "type": "agent_bot",
    }
    created = events.one("message.created")
    assert created.data["sender"]["type"] == "agent_bot"
    assert created.data["sender_type"] == "AgentBot"
    # The contact sees the bot's answer; its typing ends with it.
    assert set(contact_streams(pending.contact_inbox)) <= set(created.streams)
    assert events.one("conversation.typing_off").data["user"]["type"] == "agent_bot"


def test_every_rich_type_an_agent_sends_the_bot_sends(pending, bot):
    client = bot_client(bot)
    url = f"{conversation_url(pending)}/messages"
    for name, body in VALID.items():
        if body.get("content_type") == "reaction":
            continue
        response = client.post(url, body, format="json")
        assert response.status_code == 200, (name, response.json())
        assert response.json()["content_type"] == body.get("content_type", "text")
    stored = Message.objects.filter(sender_agent_bot=bot)
    assert stored.count() >= len(VALID) - 1
    assert {m.message_type for m in stored} == {Message.MessageType.OUTGOING}


def test_refused_bodies_are_json_400s(pending, bot):
    url = f"{conversation_url(pending)}/messages"
    client = bot_client(bot)
    for body in [
        {"content": "x", "message_type": "incoming"},
        {"content": "x", "content_type": "reaction"},
        {"content": "x", "content_type": "input_select"},
        {"content": "x", "content_attributes": "[]"},
    ]:
        response = client.post(url, body, format="json")
        assert response.status_code == 400, body
        assert response.json()
    typing = f"{conversation_url(pending)}/toggle_typing_status"
    assert client.post(typing, {"typing_status": "maybe"}).status_code == 400
    status = f"{conversation_url(pending)}/toggle_status"
    assert client.post(status, {"status": "gone"}).status_code == 400


def test_the_bot_reaches_only_its_inboxes(pending, bot, account, agent):
    client = bot_client(bot)
    elsewhere = factories.ConversationFactory(
        contact_inbox=factories.ContactInboxFactory(
            contact=pending.contact, inbox=factories.InboxFactory(account=account)
        )
    )
    foreign = factories.ConversationFactory()
    for conversation in (elsewhere, foreign):
        url = conversation_url(conversation)
        for method, path, body in [
            ("get", url, None),
            ("get", f"{url}/messages", None),
            ("post", f"{url}/messages", {"content": "Hi"}),
            ("post", f"{url}/toggle_status", {"status": "open"}),
            ("post", f"{url}/toggle_typing_status", {"typing_status": "on"}),
        ]:
            response = getattr(client, method)(path, body, format="json")
            assert response.status_code == 404, (path, response.status_code)
            assert response.json()
    listed = client.get(
        f"/api/v1/accounts/{account.pk}/conversations", {"status": "all"}
    ).json()
    assert [row["id"] for row in listed["data"]["payload"]] == [pending.display_id]
    other_account = f"/api/v1/accounts/{foreign.account_id}/conversations"
    assert client.get(other_account).status_code == 404
    assert not Message.objects.filter(sender_agent_bot=bot).exists()

    base = f"/api/v1/accounts/{account.pk}"
    for method, path in [
        ("get", f"{base}/agents"),
        ("post", f"{base}/agent_bots"),
        ("get", f"{base}/agent_bots"),
        ("patch", f"/api/v1/accounts/{account.pk}"),
        ("get", f"{base}/inboxes"),
        ("post", f"{base}/webhooks"),
        ("post", f"{conversation_url(pending)}/assignments"),
        ("post", f"{base}/conversations"),
        ("get", "/api/v1/profile"),
    ]:
        response = getattr(client, method)(path, {"name": "x"}, format="json")
        assert response.status_code in (401, 403, 405), (path, response.status_code)
        assert response.json()
    pending.refresh_from_db()
    assert pending.assignee_id is None


def test_a_wrong_token_is_still_refused(pending):
    client = APIClient()
    client.credentials(HTTP_API_ACCESS_TOKEN="not-a-token")
    assert client.get(conversation_url(pending)).status_code == 401


def test_handing_off_opens_and_routing_assigns(
    pending, bot, agent, django_capture_on_commit_callbacks
):
    AccountUser.objects.filter(user=agent).update(
        availability=AccountUser.Availability.ONLINE
    )
    client = bot_client(bot)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{conversation_url(pending)}/toggle_status", {"status": "open"}
        )
    assert response.status_code == 200
    assert response.json()["payload"]["current_status"] == "open"
    pending.refresh_from_db()
    assert pending.status == Conversation.Status.OPEN
    assert pending.assignee_id == agent.pk
    lines = Message.objects.filter(
        conversation=pending, message_type=Message.MessageType.ACTIVITY
    ).values_list("content", flat=True)
    assert any(bot.name in line for line in lines), list(lines)


def test_bot_typing_reaches_the_contact_and_the_agents(
    pending, bot, agent, capture_events
):
    client = bot_client(bot)
    url = f"{conversation_url(pending)}/toggle_typing_status"
    with capture_events() as events:
        assert client.post(url, {"typing_status": "on"}).status_code == 200
    on = events.one("conversation.typing_on")
    assert on.data["user"] == {
        "id": bot.pk,
        "name": bot.name,
        "avatar_url": "",
        "type": "agent_bot",
    }
    assert set(contact_streams(pending.contact_inbox)) <= set(on.streams)
    assert user_stream(agent) in on.streams
    with capture_events() as events:
        client.post(url, {"typing_status": "off"})
    assert events.one("conversation.typing_off").streams == on.streams


def test_a_bot_message_in_a_reply_quotes_the_bot(pending, bot, contact):
    answer = create_message(
        conversation=pending,
        message_type=Message.MessageType.OUTGOING,
        sender=bot,
        content="Pick one",
    )
    reply = create_message(
        conversation=pending,
        message_type=Message.MessageType.INCOMING,
        sender=contact,
        content="This one",
        content_attributes={"in_reply_to": answer.pk},
    )
    quote = MessageSerializer(reply).data["content_attributes"]["reply_to"]
    assert quote["sender_name"] == bot.name


def test_a_bot_message_names_the_bot_in_webhook_bodies(pending, bot):
    answer = create_message(
        conversation=pending,
        message_type=Message.MessageType.OUTGOING,
        sender=bot,
        content="Hello from the bot",
    )
    body = message_event("message_created", answer)
    assert body["sender"] == {"id": bot.pk, "name": bot.name, "type": "agent_bot"}
    assert body["message_type"] == "outgoing"
