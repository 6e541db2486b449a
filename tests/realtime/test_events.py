"""Every realtime event: its shape against the seed-002 samples and its audience."""

import json

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from contacts import services as contact_services
from conversations import services
from conversations.models import Conversation, Message
from onechat.models import AccountUser
from realtime import events as registry
from realtime import fanout
from realtime.events import EVENTS
from tests import factories
from tests.shapes import assert_shape

pytestmark = pytest.mark.django_db

TESTED: set[str] = set()


def covers(*names: str):
    """Mark a test as the one checking events ``names``."""
    TESTED.update(names)
    return lambda test: test


@pytest.fixture
def others(account):
    """An agent of the account outside the inbox, and an administrator elsewhere."""
    outsider = factories.UserFactory()
    factories.AccountUserFactory(account=account, user=outsider)
    stranger = factories.UserFactory()
    factories.AccountUserFactory(user=stranger, role=AccountUser.Role.ADMINISTRATOR)
    return outsider, stranger


def contact_token(conversation: Conversation) -> str:
    return conversation.contact_inbox.pubsub_token


def agents_and_contact(conversation, agent, administrator) -> set[str]:
    return {agent.pubsub_token, administrator.pubsub_token, contact_token(conversation)}


def incoming(conversation, content="hi", **fields) -> Message:
    return services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        content=content,
        sender=conversation.contact,
        **fields,
    )


def outgoing(conversation, sender, content="hello", **fields) -> Message:
    return services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content=content,
        sender=sender,
        **fields,
    )


### Conversations


@covers("conversation.created")
def test_conversation_created(
    capture_events, contact_session, inbox, agent, administrator, others
):
    """A new conversation reaches inbox agents, administrators and the contact."""
    with capture_events() as events:
        conversation = services.create_conversation(
            inbox=inbox, contact_inbox=contact_session
        )
    event = events.one("conversation.created")
    assert_shape(event.data, "conversation_created")
    assert event.data["id"] == conversation.display_id
    assert set(event.streams) == agents_and_contact(conversation, agent, administrator)
    outsider, stranger = others
    assert outsider.pubsub_token not in event.streams
    assert stranger.pubsub_token not in event.streams


@covers("conversation.status_changed", "conversation.updated")
def test_status_change_publishes_status_changed_and_updated(
    capture_events, conversation, agent, administrator
):
    """A status change is both status_changed and updated, for agents and contact."""
    with capture_events() as events:
        services.change_status(
            conversation=conversation, status=Conversation.Status.PENDING, actor=agent
        )
    for name in ("conversation.status_changed", "conversation.updated"):
        event = events.one(name)
        assert_shape(event.data, "conversation_status_changed")
        assert event.data["status"] == "pending"
        assert set(event.streams) == agents_and_contact(
            conversation, agent, administrator
        )
    activity = events.one("message.created")
    assert activity.data["message_type"] == Message.MessageType.ACTIVITY
    assert contact_token(conversation) not in activity.streams


def test_conversation_updated_on_labels(capture_events, conversation):
    """Changing labels publishes conversation.updated with the new labels."""
    with capture_events() as events:
        services.set_labels(conversation=conversation, labels=["billing"])
    assert events.names() == ["conversation.updated"]
    assert events.one("conversation.updated").data["labels"] == ["billing"]


def test_message_bookkeeping_publishes_no_conversation_update(
    capture_events, conversation
):
    """A new message publishes message.created, not a conversation.updated."""
    with capture_events() as events:
        incoming(conversation)
    assert events.names() == ["message.created"]


@covers("conversation.read")
def test_conversation_read(capture_events, conversation, agent, administrator):
    """The contact's last-seen moving is told to agents only."""
    with capture_events() as events:
        services.mark_seen_by_contact(conversation=conversation)
    event = events.one("conversation.read")
    assert_shape(event.data, "conversation_read")
    assert event.data["contact_last_seen_at"] > 0
    assert set(event.streams) == {agent.pubsub_token, administrator.pubsub_token}


@covers("conversation.contact_changed", "contact.merged", "contact.deleted")
def test_merge_contacts(capture_events, account, conversation, agent, administrator):
    """A merge moves conversations (contact_changed) and deletes the mergee."""
    base = factories.ContactFactory(account=account)
    mergee = conversation.contact
    mergee_id = mergee.pk
    with capture_events() as events:
        contact_services.merge_contacts(base=base, mergee=mergee)
    changed = events.one("conversation.contact_changed")
    assert_shape(changed.data, "conversation_contact_changed")
    assert changed.data["meta"]["sender"]["id"] == base.pk
    assert set(changed.streams) == {agent.pubsub_token, administrator.pubsub_token}
    merged = events.one("contact.merged")
    assert_shape(merged.data, "contact_created")
    assert merged.data["id"] == base.pk
    deleted = events.one("contact.deleted")
    assert_shape(deleted.data, "contact_created")
    assert deleted.data["id"] == mergee_id
    for event in (merged, deleted):
        assert event.streams == (f"account_{account.pk}",)
        assert event.data["account_id"] == account.pk


@covers("assignee.changed")
def test_assignee_changed(capture_events, conversation, agent, administrator):
    """An assignment is told to agents only, with the assignee in meta."""
    with capture_events() as events:
        services.assign_agent(
            conversation=conversation, assignee=agent, actor=administrator
        )
    event = events.one("assignee.changed")
    assert_shape(event.data, "assignee_changed")
    assert event.data["meta"]["assignee"]["id"] == agent.pk
    assert set(event.streams) == {agent.pubsub_token, administrator.pubsub_token}
    assert "conversation.updated" not in events.names()


@covers("team.changed")
def test_team_changed(capture_events, account, conversation, agent, administrator):
    """Handing to a team is told to agents only, with the team in meta."""
    team = factories.TeamFactory(account=account)
    with capture_events() as events:
        services.assign_team(conversation=conversation, team=team)
    event = events.one("team.changed")
    assert_shape(event.data, "team_changed")
    assert event.data["meta"]["team"] == {"id": team.pk, "name": team.name}
    assert set(event.streams) == {agent.pubsub_token, administrator.pubsub_token}


@covers("conversation.typing_on", "conversation.typing_off")
@pytest.mark.parametrize("is_typing", [True, False])
def test_agent_typing_excludes_the_agent(
    capture_events, conversation, agent, administrator, is_typing
):
    """Typing reaches the other agents and the contact, never the one typing."""
    name = "conversation.typing_on" if is_typing else "conversation.typing_off"
    with capture_events() as events:
        services.set_typing(conversation=conversation, actor=agent, is_typing=is_typing)
    event = events.one(name)
    assert_shape(event.data, name.replace(".", "_"), drop=("user",))
    assert event.data["user"]["type"] == "user"
    assert event.data["is_private"] is False
    assert set(event.streams) == {
        administrator.pubsub_token,
        contact_token(conversation),
    }


def test_contact_typing_excludes_the_contact(
    capture_events, conversation, agent, administrator
):
    """A contact typing is told to agents, not back to the contact."""
    with capture_events() as events:
        services.set_typing(
            conversation=conversation, actor=conversation.contact, is_typing=True
        )
    event = events.one("conversation.typing_on")
    assert_shape(event.data, "conversation_typing_on")
    assert set(event.streams) == {agent.pubsub_token, administrator.pubsub_token}


def test_typing_on_private_note_never_reaches_contact(
    capture_events, conversation, agent, administrator
):
    """Typing in a private note stays among agents."""
    with capture_events() as events:
        services.set_typing(
            conversation=conversation, actor=agent, is_typing=True, is_private=True
        )
    event = events.one("conversation.typing_on")
    assert event.data["is_private"] is True
    assert set(event.streams) == {administrator.pubsub_token}


@covers("conversation.mentioned")
def test_mention_reaches_the_mentioned_user_only(
    capture_events, conversation, agent, administrator
):
    """A mention in a private note is told to the mentioned user alone."""
    with capture_events() as events:
        outgoing(
            conversation,
            administrator,
            f"see [@Alex](mention://user/{agent.pk}/Alex)",
            private=True,
        )
    event = events.one("conversation.mentioned")
    assert_shape(event.data, "conversation_created")
    assert event.streams == (agent.pubsub_token,)


### Messages


@covers("message.created")
def test_message_created(capture_events, conversation, agent, administrator, others):
    """An incoming message reaches agents and the contact with the sample's shape."""
    with capture_events() as events:
        message = incoming(conversation, echo_id="tmp-1")
    event = events.one("message.created")
    assert_shape(event.data, "message_created")
    assert event.data["id"] == message.pk
    assert event.data["conversation_id"] == conversation.display_id
    assert event.data["echo_id"] == "tmp-1"
    assert set(event.streams) == agents_and_contact(conversation, agent, administrator)
    assert not {user.pubsub_token for user in others} & set(event.streams)


def test_message_sender_shows_the_conversations_session_token(
    capture_events, conversation, account
):
    """A contact talking in two inboxes is shown, in each conversation's
    message.created, with that conversation's session token, never the other's."""
    contact = conversation.contact
    other_session = factories.ContactInboxFactory(
        contact=contact, inbox=factories.InboxFactory(account=account)
    )
    with capture_events() as events:
        incoming(conversation)
    sender = events.one("message.created").data["sender"]
    assert sender["pubsub_token"] == contact_token(conversation)
    assert sender["pubsub_token"] != other_session.pubsub_token


def test_message_created_carries_its_attachments(
    capture_events, conversation, agent, settings, tmp_path
):
    """Attachments stored with a message are in its message.created payload."""
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("receipt.png", b"\x89PNG fake", "image/png")
    with capture_events() as events:
        outgoing(conversation, agent, "here you go", attachments=[upload])
    attachments = events.one("message.created").data["attachments"]
    assert [item["file_type"] for item in attachments] == ["image"]
    assert attachments[0]["extension"] == "png"


def test_private_note_is_not_sent_to_contact(capture_events, conversation, agent):
    """A private note reaches the inbox's agents, never the contact session."""
    with capture_events() as events:
        outgoing(conversation, agent, "internal", private=True)
    assert agent.pubsub_token in events.streams("message.created")
    assert contact_token(conversation) not in events.streams("message.created")
    assert "first.reply.created" not in events.names()


def test_activity_message_is_not_sent_to_contact(capture_events, conversation, agent):
    """Activity lines (status changes, assignments) stay among agents."""
    with capture_events() as events:
        services.assign_agent(conversation=conversation, assignee=agent)
    assert agent.pubsub_token in events.streams("message.created")
    assert contact_token(conversation) not in events.streams("message.created")


@covers("first.reply.created")
def test_first_reply(capture_events, conversation, agent, administrator):
    """The first agent reply is also first.reply.created, for agents only; the
    second is not."""
    with capture_events() as events:
        outgoing(conversation, agent, "hello")
    event = events.one("first.reply.created")
    assert_shape(event.data, "message_created", drop=("sender",))
    assert event.data["sender"]["type"] == "user"
    assert set(event.streams) == {agent.pubsub_token, administrator.pubsub_token}
    assert contact_token(conversation) in events.streams("message.created")
    with capture_events() as events:
        outgoing(conversation, agent, "again")
    assert events.names() == ["message.created"]


@covers("message.updated")
def test_message_updated(capture_events, conversation, agent, administrator):
    """An email submitted to a prompt updates the message for agents and contact."""
    prompt = services.request_email(conversation=conversation)
    with capture_events() as events:
        services.submit_email(message=prompt, email="vera@example.com")
    event = events.one("message.updated")
    assert_shape(event.data, "message_updated")
    assert event.data["content_attributes"]["submitted_email"] == "vera@example.com"
    assert set(event.streams) == agents_and_contact(conversation, agent, administrator)


def test_verified_sessions_all_receive(capture_events, conversation, inbox, agent):
    """For an HMAC-verified contact, every verified session in the inbox receives."""
    session = conversation.contact_inbox
    session.hmac_verified = True
    session.save()
    other_device = factories.ContactInboxFactory(
        contact=conversation.contact, inbox=inbox, hmac_verified=True
    )
    unverified = factories.ContactInboxFactory(
        contact=conversation.contact, inbox=inbox
    )
    elsewhere = factories.ContactInboxFactory(
        contact=conversation.contact,
        inbox=factories.InboxFactory(account=conversation.account),
        hmac_verified=True,
    )
    with capture_events() as events:
        incoming(conversation)
    audience = events.streams("message.created")
    assert {session.pubsub_token, other_device.pubsub_token} <= audience
    assert unverified.pubsub_token not in audience
    assert elsewhere.pubsub_token not in audience


def test_unverified_session_alone_receives(capture_events, conversation, inbox):
    """Without HMAC verification only the conversation's own session receives."""
    other_session = factories.ContactInboxFactory(
        contact=conversation.contact, inbox=inbox
    )
    with capture_events() as events:
        incoming(conversation)
    audience = events.streams("message.created")
    assert contact_token(conversation) in audience
    assert other_session.pubsub_token not in audience


def test_nothing_crosses_accounts(
    capture_events, conversation, agent, other_account_conversation
):
    """An account's events never reach another account's agents or contacts."""
    other = other_account_conversation
    other_admin = factories.UserFactory()
    factories.AccountUserFactory(
        account=other.account, user=other_admin, role=AccountUser.Role.ADMINISTRATOR
    )
    with capture_events() as events:
        incoming(conversation)
        services.change_status(conversation=conversation, status="resolved")
        contact_services.update_contact(contact=conversation.contact, name="Vera V.")
    everything = {stream for event in events for stream in event.streams}
    assert other_admin.pubsub_token not in everything
    assert contact_token(other) not in everything
    assert f"account_{other.account_id}" not in everything
    assert all(event.data["account_id"] == conversation.account_id for event in events)


### Contacts


@covers("contact.created")
def test_contact_created(capture_events, account):
    """A new contact is announced on the account stream."""
    with capture_events() as events:
        contact = contact_services.create_contact(account=account, name="Nia")
    event = events.one("contact.created")
    assert_shape(event.data, "contact_created")
    assert event.data["id"] == contact.pk
    assert event.streams == (f"account_{account.pk}",)


@covers("contact.updated")
def test_contact_updated(capture_events, contact):
    """A changed contact is announced on the account stream."""
    with capture_events() as events:
        contact_services.update_contact(contact=contact, email="vera@example.com")
    event = events.one("contact.updated")
    assert_shape(event.data, "contact_updated")
    assert event.data["email"] == "vera@example.com"
    assert event.streams == (f"account_{contact.account_id}",)


def test_deleted_contact(capture_events, contact):
    """Deleting a contact announces contact.deleted with its id."""
    contact_id = contact.pk
    with capture_events() as events:
        contact_services.delete_contact(contact=contact)
    assert events.one("contact.deleted").data["id"] == contact_id


### Replies


@covers("presence.update", "catch_up.completed")
def test_reply_payloads(account):
    """Replies to one subscription are built by the registry too."""
    presence = registry.Presence(
        account_id=account.pk, users={"1": "online"}, contacts={"1": "online"}
    )
    message = json.loads(registry.encode_message("presence.update", presence))
    assert message["event"] == "presence.update"
    assert_shape(message["data"], "presence_update")
    done = registry.CatchUp(account_id=account.pk, after=5, last_seq=9, complete=True)
    message = json.loads(registry.encode_message("catch_up.completed", done))
    assert message["data"] == {
        "account_id": account.pk,
        "after": 5,
        "last_seq": 9,
        "complete": True,
    }
    with pytest.raises(ValueError):
        registry.publish("presence.update", about=presence)


### Publication


def test_nothing_published_on_rollback(capture_events, conversation):
    """A rolled-back change publishes nothing."""
    with (
        capture_events() as events,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        incoming(conversation)
        raise RuntimeError("rolled back")
    assert events == []


@pytest.mark.django_db(transaction=True)
def test_published_after_commit_in_commit_order(monkeypatch, conversation, agent):
    """With real commits: nothing leaves before COMMIT, then events go in commit
    order, each transaction's events in the order they were made."""
    sent = []
    monkeypatch.setattr(
        fanout, "send", lambda envelope: sent.append(json.loads(envelope.body))
    )
    with transaction.atomic():
        incoming(conversation, "first")
        services.change_status(conversation=conversation, status="pending")
        assert sent == []
    with transaction.atomic():
        incoming(conversation, "second")
        assert len(sent) == 4
    names = [message["event"] for message in sent]
    assert names == [
        "message.created",
        "conversation.status_changed",
        "conversation.updated",
        "message.created",
        "message.created",
    ]
    contents = [message["data"].get("content") for message in sent]
    assert contents[0] == "first"
    assert contents[-1] == "second"


def test_every_event_has_a_test():
    """Each event in the registry is covered by a test in this module."""
    assert set(EVENTS) == TESTED
