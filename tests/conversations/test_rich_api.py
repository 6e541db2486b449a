"""Rich messages through the Application API: every content type checked on
the way in (a 400 naming the field path), reply-to quotes, reactions."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conversations.models import Message
from conversations.services import create_message
from tests import factories
from tests.api.conftest import client_for
from tests.conversations.rich_samples import INVALID, VALID

pytestmark = pytest.mark.django_db


def messages_path(account, conversation) -> str:
    conversations = f"/api/v1/accounts/{account.pk}/conversations"
    return f"{conversations}/{conversation.display_id}/messages"


@pytest.fixture
def as_agent(agent):
    return client_for(agent)


@pytest.fixture
def messages_url(account, conversation) -> str:
    return messages_path(account, conversation)


def note(conversation, agent, content="Internal: refund approved") -> Message:
    return create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        sender=agent,
        content=content,
        private=True,
    )


def incoming(conversation, content="Where is my order?") -> Message:
    return create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        sender=conversation.contact,
        content=content,
    )


### Validation


@pytest.mark.parametrize("name", sorted(VALID))
def test_every_content_type_is_accepted_and_stored(
    as_agent, messages_url, conversation, name
):
    """A valid body of each type answers 200 with its type and attributes."""
    body = VALID[name]
    response = as_agent.post(messages_url, body, format="json")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["content_type"] == body["content_type"]
    assert data["content_attributes"] == body.get("content_attributes", {})
    stored = conversation.messages.get(pk=data["id"])
    assert stored.content_attributes == body.get("content_attributes", {})


@pytest.mark.parametrize(
    ("body", "path"), [case[1:] for case in INVALID], ids=[case[0] for case in INVALID]
)
def test_each_bad_field_is_a_400_naming_it(
    as_agent, messages_url, conversation, body, path
):
    """Each bad field is refused with its path named; nothing is stored."""
    response = as_agent.post(messages_url, body, format="json")
    assert response.status_code == 400
    assert response.json()["error"].startswith(f"{path}:"), response.json()
    assert not conversation.messages.exists()


def test_multipart_rich_message_is_checked_too(as_agent, messages_url, conversation):
    """content_attributes as a JSON string of a form is held to the same rules."""
    response = as_agent.post(
        messages_url,
        {
            "content": "Pick",
            "content_type": "input_select",
            "content_attributes": '{"items": [{"title": "A", "value": "a", '
            '"url": "javascript:alert(1)"}]}',
        },
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["error"].startswith("content_attributes.items.0.url")


@pytest.mark.parametrize("name", ["input_select", "form", "cards", "input_csat"])
def test_questions_are_never_private_notes(as_agent, messages_url, name):
    """A question or card as a private note is refused, naming content_type."""
    response = as_agent.post(
        messages_url, {**VALID[name], "private": True}, format="json"
    )
    assert response.status_code == 400
    assert "content_type" in response.json()["errors"]


def test_relayed_contact_messages_cannot_be_questions(as_agent, account, agent):
    """An API inbox relays a contact's message: text, location, contacts or a
    reaction only."""
    inbox = factories.InboxFactory(account=account, channel_type="api")
    factories.InboxMemberFactory(inbox=inbox, user=agent)
    session = factories.ContactInboxFactory(inbox=inbox)
    conversation = factories.ConversationFactory(contact_inbox=session)
    url = messages_path(account, conversation)
    question = {**VALID["input_select"], "message_type": "incoming"}
    assert as_agent.post(url, question, format="json").status_code == 400
    location = {**VALID["location"], "message_type": "incoming"}
    response = as_agent.post(url, location, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["message_type"] == 0


def test_markup_in_rich_strings_is_stored_as_text(as_agent, messages_url):
    """Markup in titles stays the text it is (front ends draw it as text)."""
    markup = "<img src=x onerror=alert(1)>"
    body = {
        "content": markup,
        "content_type": "input_select",
        "content_attributes": {"items": [{"title": markup, "value": markup}]},
    }
    data = as_agent.post(messages_url, body, format="json").json()
    assert data["content_attributes"]["items"][0]["title"] == markup
    assert "<img" not in data["processed_message_content"]


def test_conversation_created_with_a_rich_first_message(
    as_agent, account, inbox, contact
):
    """POST conversations takes a first message of any agent type, checked."""
    url = f"/api/v1/accounts/{account.pk}/conversations"
    bad = {
        "inbox_id": inbox.pk,
        "contact_id": contact.pk,
        "message": _bad_menu(),
    }
    response = as_agent.post(url, bad, format="json")
    assert response.status_code == 400
    assert response.json()["error"].startswith("message.content_attributes.items.0.url")
    good = {"inbox_id": inbox.pk, "contact_id": contact.pk, "message": VALID["form"]}
    response = as_agent.post(url, good, format="json")
    assert response.status_code == 200, response.json()
    first = Message.objects.get(conversation__display_id=response.json()["id"])
    assert first.content_type == "form"
    assert first.message_type == Message.MessageType.OUTGOING


def _bad_menu() -> dict:
    return {
        "content": "Pick",
        "content_type": "input_select",
        "content_attributes": {
            "items": [{"title": "A", "value": "a", "url": "data:text/html,hi"}]
        },
    }


### Reply-to


def test_reply_carries_the_quote(as_agent, messages_url, conversation, contact):
    """in_reply_to stays as sent; reply_to quotes the message as it is now."""
    question = incoming(conversation, "x" * 250)
    response = as_agent.post(
        messages_url,
        {"content": "On its way", "content_attributes": {"in_reply_to": question.pk}},
        format="json",
    )
    assert response.status_code == 200
    attributes = response.json()["content_attributes"]
    assert attributes["in_reply_to"] == question.pk
    assert attributes["reply_to"] == {
        "id": question.pk,
        "content": "x" * 200,
        "content_type": "text",
        "sender_name": contact.name,
        "message_type": 0,
        "deleted": False,
    }
    reply = Message.objects.get(pk=response.json()["id"])
    assert reply.reply_to_id == question.pk
    assert "reply_to" not in reply.content_attributes


def test_quote_of_a_deleted_message_shows_deleted(
    as_agent, messages_url, conversation, agent
):
    """The quote is drawn when the reply is read: deleting the quoted message
    empties it."""
    mine = create_message(
        conversation=conversation, message_type=1, sender=agent, content="Old words"
    )
    as_agent.post(
        messages_url,
        {"content": "see above", "content_attributes": {"in_reply_to": mine.pk}},
        format="json",
    )
    assert as_agent.delete(f"{messages_url}/{mine.pk}").status_code == 200
    reply = as_agent.get(messages_url).json()["payload"][-1]
    assert reply["content_attributes"]["reply_to"]["deleted"] is True
    assert reply["content_attributes"]["reply_to"]["content"] == ""


def test_public_reply_cannot_quote_a_note(as_agent, messages_url, conversation, agent):
    """A public reply quoting a private note is refused; a note may quote it."""
    secret = note(conversation, agent)
    body = {"content": "Hi", "content_attributes": {"in_reply_to": secret.pk}}
    response = as_agent.post(messages_url, body, format="json")
    assert response.status_code == 400
    assert response.json()["error"].startswith("content_attributes.in_reply_to")
    response = as_agent.post(messages_url, {**body, "private": True}, format="json")
    assert response.status_code == 200


def test_reply_to_another_conversations_message_is_refused(
    as_agent, messages_url, conversation, other_account_conversation, inbox
):
    """A message of another conversation (same inbox or another account) is
    no target."""
    neighbour = factories.ConversationFactory(
        contact_inbox=factories.ContactInboxFactory(inbox=inbox)
    )
    for theirs in (
        factories.MessageFactory(conversation=neighbour),
        factories.MessageFactory(conversation=other_account_conversation),
    ):
        response = as_agent.post(
            messages_url,
            {"content": "Hi", "content_attributes": {"in_reply_to": theirs.pk}},
            format="json",
        )
        assert response.status_code == 400
        assert response.json()["error"].startswith("content_attributes.in_reply_to")
    assert not conversation.messages.exists()


def test_message_list_loads_quotes_without_a_query_each(
    as_agent, messages_url, conversation, agent
):
    """Twenty replies cost the list no more queries than two."""
    first = incoming(conversation)

    def queries_for(count: int) -> int:
        for _ in range(count):
            create_message(
                conversation=conversation,
                message_type=1,
                sender=agent,
                content="re",
                content_attributes={"in_reply_to": first.pk},
            )
        with CaptureQueriesContext(connection) as captured:
            assert as_agent.get(messages_url).status_code == 200
        return len(captured)

    assert queries_for(2) == queries_for(18)


def test_plain_message_pays_no_extra_query(as_agent, messages_url, conversation):
    """A plain text message costs what it cost before rich messages: the reply
    lookup runs only for a message naming in_reply_to."""
    # The first reply stamps the conversation: measure the next ones.
    as_agent.post(messages_url, {"content": "first"}, format="json")
    with CaptureQueriesContext(connection) as plain:
        as_agent.post(messages_url, {"content": "hi"}, format="json")
    target = conversation.messages.first()
    with CaptureQueriesContext(connection) as reply:
        as_agent.post(
            messages_url,
            {"content": "hi", "content_attributes": {"in_reply_to": target.pk}},
            format="json",
        )
    assert len(reply) == len(plain) + 1


### Reactions


def react(client, url, target_id, emoji="👍", **extra):
    return client.post(
        url,
        {
            "content": emoji,
            "content_type": "reaction",
            "content_attributes": {"in_reply_to": target_id},
            **extra,
        },
        format="json",
    )


def test_agent_reaction_updates_the_target(
    as_agent, messages_url, conversation, agent, capture_events
):
    """A reaction is a message of its own and the target's aggregate, one per
    sender: a new emoji replaces it, "" takes it back; message.updated each time."""
    target = incoming(conversation)
    with capture_events() as events:
        response = react(as_agent, messages_url, target.pk)
    assert response.status_code == 200, response.json()
    assert response.json()["content_attributes"]["is_reaction"] is True
    updated = events.named("message.updated")
    assert [event.data["id"] for event in updated] == [target.pk]
    assert updated[0].data["content_attributes"]["reactions"] == [
        {"emoji": "👍", "sender_type": "user", "sender_id": agent.pk}
    ]
    react(as_agent, messages_url, target.pk, "🎉")
    target.refresh_from_db()
    assert target.content_attributes["reactions"] == [
        {"emoji": "🎉", "sender_type": "user", "sender_id": agent.pk}
    ]
    react(as_agent, messages_url, target.pk, "")
    target.refresh_from_db()
    assert target.content_attributes["reactions"] == []
    conversation.refresh_from_db()
    assert conversation.first_reply_created_at is None


def test_reaction_to_a_note_stays_private(
    as_agent, messages_url, conversation, agent, capture_events
):
    """A reaction to a private note is private: the contact never hears of it."""
    secret = note(conversation, agent)
    with capture_events() as events:
        response = react(as_agent, messages_url, secret.pk)
    assert response.json()["private"] is True
    token = conversation.contact_inbox.pubsub_token
    assert token not in events.streams("message.created")
    assert token not in events.streams("message.updated")


def test_agents_cannot_react_to_activity_lines_or_elsewhere(
    as_agent, messages_url, conversation, other_account_conversation
):
    """Activity lines, other accounts' messages and reactions take no reaction."""
    activity = factories.MessageFactory(
        conversation=conversation, message_type=Message.MessageType.ACTIVITY
    )
    theirs = factories.MessageFactory(conversation=other_account_conversation)
    for target in (activity, theirs):
        response = react(as_agent, messages_url, target.pk)
        assert response.status_code == 400
        assert response.json()["error"].startswith("content_attributes.in_reply_to")
    assert not conversation.messages.filter(content_type="reaction").exists()
    assert theirs.content_attributes == {}


def test_public_reply_cannot_quote_an_agents_activity_line(
    as_agent, messages_url, conversation
):
    """An activity line for agents only is no public quote either; a contact-
    visible one ("… ended the chat") is."""
    hidden = factories.MessageFactory(
        conversation=conversation, message_type=Message.MessageType.ACTIVITY
    )
    shown = factories.MessageFactory(
        conversation=conversation,
        message_type=Message.MessageType.ACTIVITY,
        content_attributes={"visibility": Message.VISIBLE_TO_ALL},
    )
    body = {"content": "Hi", "content_attributes": {"in_reply_to": hidden.pk}}
    assert as_agent.post(messages_url, body, format="json").status_code == 400
    body["content_attributes"]["in_reply_to"] = shown.pk
    assert as_agent.post(messages_url, body, format="json").status_code == 200


def test_deleted_messages_and_reactions_take_no_reaction(
    as_agent, messages_url, conversation, agent
):
    """A deleted message or a reaction message cannot be reacted to."""
    mine = create_message(
        conversation=conversation, message_type=1, sender=agent, content="Oops"
    )
    reaction = react(as_agent, messages_url, mine.pk).json()
    assert react(as_agent, messages_url, reaction["id"]).status_code == 400
    as_agent.delete(f"{messages_url}/{mine.pk}")
    response = react(as_agent, messages_url, mine.pk, "🎉")
    assert response.status_code == 400
    assert response.json()["error"].startswith("content_attributes.in_reply_to")


def test_deleting_a_reaction_takes_it_off_the_target(
    as_agent, messages_url, conversation, capture_events
):
    """Deleting one's reaction message removes its chip from the target."""
    target = incoming(conversation)
    reaction = react(as_agent, messages_url, target.pk).json()
    with capture_events() as events:
        response = as_agent.delete(f"{messages_url}/{reaction['id']}")
    assert response.status_code == 200
    target.refresh_from_db()
    assert target.content_attributes["reactions"] == []
    assert target.pk in [event.data["id"] for event in events.named("message.updated")]
