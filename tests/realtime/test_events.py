"""Every realtime event: its shape against the seed-002 samples and its audience."""

import dataclasses
import json

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from accounts.models import AccountUser
from accounts.services import set_availability, update_agent
from agentchat import services as agentchat_services
from calls import services as call_services
from calls.selectors import party_of
from collaboration import services as collaboration_services
from common.tokens import reference_token
from contacts import services as contact_services
from conversations import editing, services
from conversations.models import Conversation, Message
from realtime import events as registry
from realtime import fanout
from realtime.events import EVENTS
from realtime.streams import account_stream
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


### Agents working together


@pytest.fixture
def colleague(account, inbox):
    """A second agent of the inbox."""
    user = factories.UserFactory(name="Anna Colleague")
    factories.AccountUserFactory(account=account, user=user)
    factories.InboxMemberFactory(inbox=inbox, user=user)
    return user


@covers("conversation.participant_joined")
def test_invited_agent_joins_visibly(
    capture_events, conversation, agent, administrator, colleague, others
):
    """Agents hear who joined; the contact sees only the "joined the chat" line."""
    with capture_events() as events:
        collaboration_services.invite_agents(
            conversation=conversation, users=[colleague], actor=agent
        )
    joined = events.one("conversation.participant_joined")
    assert joined.data["user"]["id"] == colleague.pk
    assert joined.data["participant_type"] == "invited"
    assert joined.data["conversation_id"] == conversation.display_id
    agents = {agent.pubsub_token, administrator.pubsub_token, colleague.pubsub_token}
    assert set(joined.streams) == agents
    line = events.one("message.created")
    assert line.data["content"] == "Anna Colleague joined the chat"
    assert contact_token(conversation) in line.streams
    outsider, stranger = others
    for event in events:
        assert outsider.pubsub_token not in event.streams
        assert stranger.pubsub_token not in event.streams


def test_consultant_and_note_never_reach_the_contact(
    capture_events, conversation, agent, colleague
):
    """A consult is for agents only: the join, its activity line and the note."""
    with capture_events() as events:
        collaboration_services.consult_agent(
            conversation=conversation, user=colleague, actor=agent, note="Refund?"
        )
    assert events.one("conversation.participant_joined").data["participant_type"] == (
        "consulting"
    )
    assert [event.data["content"] for event in events.named("message.created")] == [
        "Anna Colleague was asked to consult by Alex Agent",
        "Refund?",
    ]
    for event in events:
        assert contact_token(conversation) not in event.streams


@covers("conversation.participant_left")
def test_participant_left(capture_events, conversation, agent, colleague):
    """Leaving is told to agents; the contact sees the line of a visible agent."""
    collaboration_services.invite_agents(
        conversation=conversation, users=[colleague], actor=agent
    )
    with capture_events() as events:
        collaboration_services.leave_conversation(
            conversation=conversation, user=colleague
        )
    left = events.one("conversation.participant_left")
    assert left.data["user"]["id"] == colleague.pk
    assert contact_token(conversation) not in left.streams
    assert colleague.pubsub_token in left.streams
    line = events.one("message.created")
    assert line.data["content"] == "Anna Colleague left the chat"
    assert contact_token(conversation) in line.streams


def test_a_participant_handed_the_conversation_leaves_the_participants(
    capture_events, conversation, agent, colleague
):
    """Transferred to a consultant, the consultant is the assignee and no
    longer a participant: participant_left is told once."""
    services.assign_agent(conversation=conversation, assignee=agent)
    collaboration_services.consult_agent(
        conversation=conversation, user=colleague, actor=agent
    )
    with capture_events() as events:
        collaboration_services.transfer_conversation(
            conversation=conversation,
            actor=agent,
            seen_assignee_id=agent.pk,
            assignee=colleague,
        )
    assert events.one("conversation.participant_left").data["user"]["id"] == (
        colleague.pk
    )


def test_deleting_a_conversation_publishes_no_participant_left(
    capture_events, conversation, agent, colleague
):
    """A conversation's participants go with it, unannounced."""
    collaboration_services.invite_agents(
        conversation=conversation, users=[colleague], actor=agent
    )
    with capture_events() as events:
        conversation.delete()
    assert "conversation.participant_left" not in events.names()


@covers("conversation.transferred")
def test_transfer_reaches_the_receiver_with_the_note(
    capture_events, conversation, agent, administrator, colleague
):
    """The receiver alone hears of the transfer, the handoff note included; the
    note, written before the hand-over, never reaches the contact."""
    with capture_events() as events:
        collaboration_services.transfer_conversation(
            conversation=conversation,
            actor=agent,
            seen_assignee_id=None,
            assignee=colleague,
            note="VIP, wants a refund",
        )
    transferred = events.one("conversation.transferred")
    assert transferred.streams == (colleague.pubsub_token,)
    assert transferred.data["note"]["content"] == "VIP, wants a refund"
    assert transferred.data["note"]["private"] is True
    assert transferred.data["transferred_by"]["id"] == agent.pk
    assert transferred.data["assignee_id"] == colleague.pk
    assert_shape(transferred.data["conversation"], "conversation_created")
    note, joined, line = events.named("message.created")
    assert contact_token(conversation) in joined.streams
    assert note.data["content"] == "VIP, wants a refund"
    assert note.data["id"] < line.data["id"]
    assert contact_token(conversation) not in note.streams
    assert events.one("assignee.changed").data["meta"]["assignee"]["id"] == (
        colleague.pk
    )


def test_transfer_to_a_team_reaches_its_agents_of_the_inbox(
    capture_events, account, conversation, agent, administrator, colleague, others
):
    """A team transfer leaves the conversation unassigned for the team's
    members who work the inbox, and reaches them, not the actor, not a member
    outside the inbox."""
    outsider, _ = others
    services.assign_agent(conversation=conversation, assignee=agent)
    team = factories.TeamFactory(account=account)
    team.members.add(agent, colleague, outsider)
    with capture_events() as events:
        collaboration_services.transfer_conversation(
            conversation=conversation, actor=agent, seen_assignee_id=agent.pk, team=team
        )
    transferred = events.one("conversation.transferred")
    assert transferred.data["conversation"]["meta"]["assignee"] is None
    conversation.refresh_from_db()
    assert (conversation.assignee_id, conversation.team_id) == (None, team.pk)
    assert transferred.streams == (colleague.pubsub_token,)
    assert transferred.data["note"] is None
    assert transferred.data["team_id"] == team.pk


@covers("operation.failed")
def test_a_refusal_is_told_to_its_actor_alone(
    capture_events, conversation, agent, administrator, colleague
):
    """``report_failure`` (the API calls it for every refused write on a
    conversation) reaches the actor's own stream alone: operation, code and
    the message in their language."""
    with capture_events() as events:
        collaboration_services.report_failure(
            user=agent,
            conversation=conversation,
            operation="transfer",
            code="race_lost",
            reason="The conversation was assigned to Anna Colleague meanwhile.",
        )
    failed = events.one("operation.failed")
    assert failed.streams == (agent.pubsub_token,)
    assert failed.data == {
        "account_id": conversation.account_id,
        "operation": "transfer",
        "conversation_id": conversation.display_id,
        "code": "race_lost",
        "reason": "The conversation was assigned to Anna Colleague meanwhile.",
    }
    assert events.names() == ["operation.failed"]


def test_transfer_that_lost_a_race_changes_nothing(
    capture_events, conversation, agent, administrator, colleague
):
    """Taken by someone else after the actor looked: nothing changes and
    nothing is published (the API tells the actor why)."""
    services.assign_agent(conversation=conversation, assignee=colleague)
    with (
        capture_events() as events,
        pytest.raises(collaboration_services.RaceLost),
    ):
        collaboration_services.transfer_conversation(
            conversation=conversation,
            actor=agent,
            seen_assignee_id=None,
            assignee=administrator,
            note="Over to you",
        )
    assert events.names() == []
    assert not conversation.messages.filter(private=True).exists()


def capabilities_by_stream(events) -> dict[str, list[str]]:
    """The last capabilities each stream heard, one stream per event."""
    heard = {}
    for event in events.named("conversation.capabilities_changed"):
        [stream] = event.streams
        heard[stream] = event.data["capabilities"]
    return heard


NOTES_ONLY = ["add_note", "typing"]
HANDLER = [
    "send_message",
    "add_note",
    "typing",
    "resolve",
    "transfer",
    "invite",
    "consult",
    "update_attributes",
]
# The assignee may also leave (routing hands the conversation on).
ASSIGNEE = [*HANDLER[:-1], "leave", "update_attributes"]


@covers("conversation.capabilities_changed")
def test_assignment_tells_each_agent_whose_capabilities_changed(
    capture_events, conversation, agent, administrator, colleague, others
):
    """Taking an unassigned conversation leaves the other agents of the inbox
    notes only, and lets the taker leave it: each hears it alone, on their own
    stream; the administrator (unchanged) hears nothing, nor does the contact,
    an agent outside the inbox or another account's agent."""
    with capture_events() as events:
        services.assign_agent(conversation=conversation, assignee=agent, actor=agent)
    assert capabilities_by_stream(events) == {
        colleague.pubsub_token: NOTES_ONLY,
        agent.pubsub_token: ASSIGNEE,
    }
    changed = events.named("conversation.capabilities_changed")[0]
    assert changed.data.keys() == {
        "account_id",
        "conversation_id",
        "capabilities",
        "can_reply",
    }
    assert changed.data["conversation_id"] == conversation.display_id
    # Each agent's can_reply follows their own capabilities.
    can_reply = {
        event.streams[0]: event.data["can_reply"]
        for event in events.named("conversation.capabilities_changed")
    }
    assert can_reply == {colleague.pubsub_token: False, agent.pubsub_token: True}
    outsider, stranger = others
    for token in (
        contact_token(conversation),
        administrator.pubsub_token,
        outsider.pubsub_token,
        stranger.pubsub_token,
    ):
        assert token not in events.streams("conversation.capabilities_changed")


def test_transfer_moves_capabilities_live(
    capture_events, conversation, agent, colleague
):
    """The receiver of a transfer hears they handle it now, the sender that
    they write notes only; the contact hears neither."""
    services.assign_agent(conversation=conversation, assignee=agent)
    with capture_events() as events:
        collaboration_services.transfer_conversation(
            conversation=conversation,
            actor=agent,
            seen_assignee_id=agent.pk,
            assignee=colleague,
        )
    assert capabilities_by_stream(events) == {
        agent.pubsub_token: NOTES_ONLY,
        colleague.pubsub_token: ASSIGNEE,
    }
    assert contact_token(conversation) not in events.streams(
        "conversation.capabilities_changed"
    )


def test_consult_leave_and_resolve_change_capabilities(
    capture_events, conversation, agent, colleague
):
    """A consultant hears notes-only with leave, then notes only once they
    left; resolving takes invite and consult from the assignee alone."""
    services.assign_agent(conversation=conversation, assignee=agent)
    with capture_events() as consulted:
        collaboration_services.consult_agent(
            conversation=conversation, user=colleague, actor=agent
        )
    assert capabilities_by_stream(consulted) == {
        colleague.pubsub_token: [*NOTES_ONLY, "leave"]
    }
    with capture_events() as left:
        collaboration_services.leave_conversation(
            conversation=conversation, user=colleague
        )
    assert capabilities_by_stream(left) == {colleague.pubsub_token: NOTES_ONLY}
    with capture_events() as resolved:
        services.change_status(conversation=conversation, status="resolved")
    handler_of_resolved = [c for c in HANDLER if c not in ("invite", "consult")]
    assert capabilities_by_stream(resolved) == {agent.pubsub_token: handler_of_resolved}


def test_role_change_tells_the_member_of_conversations_others_handle(
    capture_events, account, administrator, conversation, agent, colleague
):
    """Made an administrator, an agent hears they handle the open conversation
    another agent has; made an agent again, notes only. Nobody else hears it;
    a resolved conversation and the agent's own are left out."""
    services.assign_agent(conversation=conversation, assignee=colleague)
    factories.ConversationFactory(
        contact_inbox=conversation.contact_inbox, assignee=agent
    )
    done = factories.ConversationFactory(
        contact_inbox=conversation.contact_inbox, assignee=colleague
    )
    services.change_status(conversation=done, status="resolved")
    membership = AccountUser.objects.get(account=account, user=agent)
    with capture_events() as promoted:
        update_agent(membership=membership, role="administrator")
    [change] = promoted.named("conversation.capabilities_changed")
    assert change.streams == (agent.pubsub_token,)
    assert change.data["conversation_id"] == conversation.display_id
    assert change.data["capabilities"] == HANDLER
    with capture_events() as demoted:
        update_agent(membership=membership, role="agent")
    assert capabilities_by_stream(demoted) == {agent.pubsub_token: NOTES_ONLY}
    with capture_events() as unchanged:
        update_agent(membership=membership, availability="busy")
    assert "conversation.capabilities_changed" not in unchanged.names()


def test_assignment_that_lost_a_race_changes_nothing(
    capture_events, conversation, agent, colleague
):
    """Self-assigning what another agent took after the actor looked changes
    nothing and publishes nothing."""
    services.assign_agent(conversation=conversation, assignee=colleague)
    with (
        capture_events() as events,
        pytest.raises(collaboration_services.RaceLost),
    ):
        collaboration_services.assign_conversation(
            conversation=conversation,
            actor=agent,
            seen_assignee_id=None,
            assignee=agent,
        )
    assert events.names() == []
    conversation.refresh_from_db()
    assert conversation.assignee_id == colleague.pk


def test_transfer_to_an_offline_agent_is_refused(
    capture_events, account, conversation, agent, colleague
):
    """A transfer takes effect at once: to an agent who is offline, nothing
    changes."""
    services.assign_agent(conversation=conversation, assignee=agent)
    set_availability(
        membership=AccountUser.objects.get(account=account, user=colleague),
        availability="offline",
    )
    with (
        capture_events() as events,
        pytest.raises(collaboration_services.ReceiverOffline),
    ):
        collaboration_services.transfer_conversation(
            conversation=conversation,
            actor=agent,
            seen_assignee_id=agent.pk,
            assignee=colleague,
            note="Yours",
        )
    assert "operation.failed" not in events.names()
    conversation.refresh_from_db()
    assert conversation.assignee_id == agent.pk


### Agent chat


@covers(
    "agent_chat.created",
    "agent_chat.message_created",
    "agent_chat.updated",
    "agent_chat.typing_on",
    "agent_chat.typing_off",
)
def test_agent_chat_reaches_its_members_only(
    capture_events, account, conversation, agent, administrator, colleague, others
):
    """A chat's events go to its members: never the contact, another agent of
    the account, or another account; typing leaves out the one typing."""
    with capture_events() as events:
        chat = agentchat_services.start_chat(
            account=account,
            creator=agent,
            members=[colleague],
            topic="About #1",
            conversation=conversation,
        )
        agentchat_services.post_chat_message(chat=chat, sender=agent, content="Seen?")
        agentchat_services.set_chat_typing(chat=chat, user=colleague, is_typing=True)
        agentchat_services.set_chat_typing(chat=chat, user=colleague, is_typing=False)
        agentchat_services.complete_chat(chat=chat)
    members = {agent.pubsub_token, colleague.pubsub_token}
    created = events.one("agent_chat.created")
    assert set(created.streams) == members
    assert created.data["conversation_id"] == conversation.display_id
    assert {p["id"] for p in created.data["participants"]} == {agent.pk, colleague.pk}
    assert created.data["capabilities"] == ["send_message", "typing", "complete"]
    message = events.one("agent_chat.message_created")
    assert set(message.streams) == members
    assert message.data["content"] == "Seen?"
    assert message.data["sender"]["id"] == agent.pk
    for name in ("agent_chat.typing_on", "agent_chat.typing_off"):
        assert events.one(name).streams == (agent.pubsub_token,)
        assert events.one(name).data["user"]["id"] == colleague.pk
    updated = events.one("agent_chat.updated")
    assert updated.data["state"] == "completed"
    assert updated.data["capabilities"] == []
    outsider, stranger = others
    for event in events:
        assert contact_token(conversation) not in event.streams
        assert administrator.pubsub_token not in event.streams
        assert outsider.pubsub_token not in event.streams
        assert stranger.pubsub_token not in event.streams
        assert f"account_{account.pk}" not in event.streams


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


def mention(user) -> str:
    return f"[@{user.name}](mention://user/{user.pk}/{user.name})"


def test_mention_of_an_agent_outside_the_inbox_tells_them_nothing(
    capture_events, conversation, agent, others
):
    """An agent of the account who works no inbox of the conversation (GET
    answers them 404) is not told of it by a mention, nor is an administrator
    of another account; the note is still written."""
    outsider, stranger = others
    with capture_events() as events:
        note = outgoing(
            conversation,
            agent,
            f"{mention(outsider)} {mention(stranger)}",
            private=True,
        )
    assert events.named("conversation.mentioned") == []
    for published in events:
        assert outsider.pubsub_token not in published.streams
        assert stranger.pubsub_token not in published.streams
    assert note.pk


def test_mention_of_an_inbox_member_and_an_administrator_tells_each_once(
    capture_events, conversation, agent, administrator, account
):
    """Each reader mentioned (twice, or with a number no id can be) is told
    once, on their own stream."""
    author = factories.UserFactory()
    factories.AccountUserFactory(account=account, user=author)
    factories.InboxMemberFactory(inbox=conversation.inbox, user=author)
    content = (
        f"{mention(agent)} {mention(agent)} {mention(administrator)}"
        f" [@x](mention://user/{'9' * 40}/x)"
    )
    with capture_events() as events:
        outgoing(conversation, author, content, private=True)
    told = [event.streams for event in events.named("conversation.mentioned")]
    assert sorted(told) == sorted(
        [(agent.pubsub_token,), (administrator.pubsub_token,)]
    )


def test_team_mention_tells_its_members_who_read_the_conversation(
    capture_events, conversation, agent, administrator, account, others
):
    """A team's mention is told to each member who reads the conversation,
    on their own stream; a member outside the inbox hears nothing."""
    outsider, _ = others
    team = factories.TeamFactory(account=account, name="Billing")
    team.members.add(agent, outsider)
    with capture_events() as events:
        outgoing(
            conversation,
            administrator,
            f"[@Billing](mention://team/{team.pk}/Billing) please",
            private=True,
        )
    told = [event.streams for event in events.named("conversation.mentioned")]
    assert told == [(agent.pubsub_token,)]


### Notifications


@covers("notification.created", "notification.updated", "notification.deleted")
def test_notification_events_reach_their_user_only(
    capture_events, conversation, agent, administrator, others
):
    """A notification's creation, change and deletion go to its user's own
    stream alone, in Chatwoot's shape with the user's counts."""
    from notifications import rules
    from notifications import services as notification_services

    note = outgoing(conversation, administrator, f"{mention(agent)} look", private=True)
    with capture_events() as events:
        rules.mentioned(message_id=note.pk, user_id=agent.pk)
    created = events.one("notification.created")
    assert created.streams == (agent.pubsub_token,)
    assert_shape(created.data, "notification_created")
    assert created.data["unread_count"] == 1
    assert created.data["notification"]["notification_type"] == "conversation_mention"
    notification = agent_notification(agent)
    with capture_events() as events:
        notification_services.mark_read(notification=notification)
    updated = events.one("notification.updated")
    assert updated.streams == (agent.pubsub_token,)
    assert_shape(updated.data, "notification_updated")
    assert updated.data["unread_count"] == 0
    with capture_events() as events:
        notification_services.delete_notification(notification=notification)
    deleted = events.one("notification.deleted")
    assert deleted.streams == (agent.pubsub_token,)
    assert_shape(deleted.data, "notification_deleted")
    assert deleted.data["notification"] == {"id": created.data["notification"]["id"]}
    assert deleted.data["count"] == 0


def agent_notification(user):
    from notifications.models import Notification

    return Notification.objects.get(user=user)


def test_notification_of_a_user_who_left_the_account_goes_nowhere(
    capture_events, conversation, agent, administrator
):
    """Once the user left the account, its notifications' events reach nobody."""
    from notifications import rules
    from notifications import services as notification_services

    services.assign_agent(conversation=conversation, assignee=agent)
    rules.assigned(conversation_id=conversation.pk, assignee_id=agent.pk, actor_id=None)
    notification = agent_notification(agent)
    AccountUser.objects.filter(user=agent).delete()
    with capture_events() as events:
        notification_services.mark_read(notification=notification)
    assert events.named("notification.updated") == []


def test_the_audience_of_a_mention_is_the_readers_rule(conversation, agent, others):
    """The registry's own rule, whatever the service decided: a mention
    reaches only someone who may read the conversation."""
    outsider, stranger = others
    for user in (outsider, stranger):
        assert registry.mentioned_user(registry.Mention(conversation, user), None) == []
    assert registry.mentioned_user(registry.Mention(conversation, agent), None) == [
        agent.pubsub_token
    ]


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
    assert event.data["processed_message_content"] == "<p>hi</p>"
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
    assert sender["pubsub_token"] == reference_token(contact_token(conversation))
    assert sender["pubsub_token"] != reference_token(other_session.pubsub_token)


def test_message_created_carries_its_attachments(
    capture_events, conversation, agent, settings, tmp_path
):
    """Attachments stored with a message are in its message.created payload."""
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("receipt.png", b"\x89PNG\r\n\x1a\n fake", "image/png")
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
    """Activity lines (status changes, assignments) stay among agents, but for
    the line that tells the visitor who joined: the assignee's name alone."""
    agent.display_name = "Ana"
    agent.save()
    with capture_events() as events:
        services.assign_agent(conversation=conversation, assignee=agent)
    lines = events.named("message.created")
    assert [line.data["content_attributes"]["i18n"]["kind"] for line in lines] == [
        "assignee.joined",
        "assignee.assigned",
    ]
    joined, assigned = lines
    assert contact_token(conversation) in joined.streams
    assert agent.pubsub_token in joined.streams
    assert joined.data["content"] == "Ana joined the conversation"
    assert joined.data["content_attributes"]["i18n"]["params"] == {"name": "Ana"}
    assert "sender" not in joined.data
    assert agent.pubsub_token in assigned.streams
    assert contact_token(conversation) not in assigned.streams
    with capture_events() as events:
        services.change_status(conversation=conversation, status="resolved")
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


def test_a_reaction_is_no_first_reply(capture_events, conversation, agent):
    """An agent reacting before replying publishes no first.reply.created and
    stamps nothing; the reply then publishes it once, a second reply not."""
    question = incoming(conversation, "anyone?")
    with capture_events() as events:
        outgoing(
            conversation,
            agent,
            "👍",
            content_type=Message.ContentType.REACTION,
            content_attributes={"in_reply_to": question.pk},
        )
    assert "message.created" in events.names()
    assert "first.reply.created" not in events.names()
    conversation.refresh_from_db()
    assert conversation.first_reply_created_at is None
    with capture_events() as events:
        reply = outgoing(conversation, agent, "hello")
    assert events.one("first.reply.created").data["id"] == reply.pk
    conversation.refresh_from_db()
    assert conversation.first_reply_created_at is not None
    with capture_events() as events:
        outgoing(conversation, agent, "again")
    assert "first.reply.created" not in events.names()


def test_a_bad_payload_fails_at_the_publishing_call(
    monkeypatch, django_capture_on_commit_callbacks, conversation, agent
):
    """In the tests every payload is encoded where it is published, those
    encoded after commit too: a payload JSON cannot carry fails in the
    service call, before any commit."""
    bad = dataclasses.replace(
        EVENTS["message.created"], payload=lambda message: {"at": object()}
    )
    monkeypatch.setitem(EVENTS, "message.created", bad)
    # The commit hooks never run here: only the call itself can fail.
    with (
        django_capture_on_commit_callbacks(execute=False),
        pytest.raises(TypeError),
    ):
        outgoing(conversation, agent, "hello")


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


def membership_of(user, conversation) -> AccountUser:
    return AccountUser.objects.get(user=user, account_id=conversation.account_id)


def test_edited_and_deleted_reply_reach_both_sides_without_the_original(
    capture_events, conversation, agent, administrator
):
    """An edit and a delete are message.updated to agents and contact; the
    payload carries the new words or the placeholder, never the old ones."""
    message = outgoing(conversation, agent, "First words")
    membership = membership_of(agent, conversation)
    with capture_events() as events:
        editing.edit_message(
            message=message, membership=membership, content="Second words"
        )
    edited = events.one("message.updated")
    assert_shape(edited.data, "message_updated")
    assert edited.data["content"] == "Second words"
    assert "edited_at" in edited.data["content_attributes"]
    assert "First words" not in json.dumps(edited.data)
    assert set(edited.streams) == agents_and_contact(conversation, agent, administrator)
    with capture_events() as events:
        editing.delete_message(message=message, membership=membership)
    deleted = events.one("message.updated")
    assert deleted.data["content"] == "This message was deleted"
    assert deleted.data["content_attributes"]["deleted"] is True
    assert "Second words" not in json.dumps(deleted.data)
    assert set(deleted.streams) == agents_and_contact(
        conversation, agent, administrator
    )


def test_deleted_note_never_reaches_the_contact(
    capture_events, conversation, agent, administrator
):
    """Deleting a private note tells the agents only."""
    note = outgoing(conversation, agent, "Internal", private=True)
    with capture_events() as events:
        editing.delete_message(
            message=note, membership=membership_of(agent, conversation)
        )
    assert contact_token(conversation) not in events.streams("message.updated")
    assert agent.pubsub_token in events.streams("message.updated")


def test_ended_chat_reaches_both_sides(
    capture_events, conversation, agent, administrator
):
    """The visitor ending the chat: the status change and one "ended the chat"
    line, in place of the agents' resolve line, reach agents and contact."""
    with capture_events() as events:
        services.end_chat(conversation=conversation, contact=conversation.contact)
    everyone = agents_and_contact(conversation, agent, administrator)
    assert set(events.one("conversation.status_changed").streams) == everyone
    line = events.one("message.created")
    assert line.data["content"].endswith("ended the chat")
    assert set(line.streams) == everyone


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


def test_contact_events_follow_the_services_not_the_writes(
    capture_events, conversation, agent
):
    """A contact's activity (written with update()) is told by nothing; a
    plain save outside the services neither; each service that changes the
    contact tells contact.updated exactly once."""
    contact = conversation.contact
    with capture_events() as events:
        contact_services.touch_contact(contact=contact)
        incoming(conversation, "touches the contact")
        contact.name = "Saved aside"
        contact.save()
    assert not [name for name in events.names() if name.startswith("contact.")]
    with capture_events() as events:
        contact_services.update_contact(contact=contact, name="Vera")
    assert [n for n in events.names() if n.startswith("contact.")] == [
        "contact.updated"
    ]
    with capture_events() as events:
        services.set_contact_labels(contact=contact, labels=["vip"])
    assert [n for n in events.names() if n.startswith("contact.")] == [
        "contact.updated"
    ]
    prompt = services.request_email(conversation=conversation)
    with capture_events() as events:
        services.submit_email(message=prompt, email="vera@example.com")
    assert events.one("contact.updated").data["email"] == "vera@example.com"


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
        registry.publish("catch_up.completed", about=done)


### Presence pushed as it changes


@covers("conversation.contact_presence")
def test_visitor_page_reaches_the_conversations_agents_only(
    capture_events, account, inbox, conversation, agent, administrator, others
):
    """Leaving and coming back is told for each conversation of the visitor's
    in the inbox not resolved, to its readers: never the contact, never an
    agent outside the inbox or another account."""
    resolved = factories.ConversationFactory(
        contact_inbox=conversation.contact_inbox, status="resolved"
    )
    outsider, stranger = others
    with capture_events() as events:
        services.note_visitor_page(
            contact_id=conversation.contact_id, inbox_id=inbox.pk, present=False
        )
    away = events.one("conversation.contact_presence")
    assert_shape(away.data, "conversation_contact_presence")
    assert away.data == {
        "account_id": account.pk,
        "conversation_id": conversation.display_id,
        "contact_id": conversation.contact_id,
        "status": "away",
    }
    assert set(away.streams) == {agent.pubsub_token, administrator.pubsub_token}
    assert resolved.display_id != away.data["conversation_id"]
    with capture_events() as events:
        services.note_visitor_page(
            contact_id=conversation.contact_id, inbox_id=inbox.pk, present=True
        )
    back = events.one("conversation.contact_presence")
    assert back.data["status"] == "online"
    assert contact_token(conversation) not in back.streams
    assert outsider.pubsub_token not in back.streams
    assert stranger.pubsub_token not in back.streams


def test_availability_is_pushed_to_agents_and_visitors_at_once(
    capture_events, account, inbox, agent, administrator, others
):
    """Setting an availability pushes presence.update at once: the account's
    whole presence to its agents, and to the visitors of each inbox the agent
    answers only which of its agents are online. Setting it again is quiet."""
    from accounts.models import InboxMember

    other_inbox = factories.InboxFactory(account=account)
    membership = AccountUser.objects.get(account=account, user=agent)
    AccountUser.objects.filter(account=account).update(auto_offline=False)
    membership.refresh_from_db()
    with capture_events() as events:
        set_availability(membership=membership, availability="busy")
    pushed = events.named("presence.update")
    by_stream = {event.streams: event.data for event in pushed}
    agents = by_stream[(account_stream(account.pk),)]
    # Keyed by user id, which the sample cannot know: each entry checked here.
    assert_shape(agents, "presence_update", drop=("contacts", "users"))
    assert agents["contacts"] == {}
    assert {type(key) for key in agents["users"]} == {str}
    assert set(agents["users"].values()) <= {"online", "busy", "offline"}
    assert agents["users"][str(agent.pk)] == "busy"
    visitors = by_stream[(f"visitors_{inbox.pk}",)]
    assert visitors == {
        "account_id": account.pk,
        "users": {str(administrator.pk): "online"},
    }
    assert (f"visitors_{other_inbox.pk}",) not in by_stream
    assert not InboxMember.objects.filter(inbox=other_inbox, user=agent).exists()
    with capture_events() as events:
        set_availability(membership=membership, availability="busy")
    assert "presence.update" not in events.names()


### Routing


def visitor(inbox) -> Conversation:
    """A new visitor's conversation in ``inbox``, opened as the widget does."""
    session = factories.ContactInboxFactory(
        contact=factories.ContactFactory(account=inbox.account), inbox=inbox
    )
    message = services.create_contact_message(contact_inbox=session, content="hi")
    return Conversation.objects.get(pk=message.conversation_id)


@covers("conversation.queued", "conversation.dequeued", "conversation.queue_position")
def test_queue_events(capture_events, account, inbox, agent, administrator):
    """Agents hear a conversation join and leave the queue; each waiting
    contact alone hears its own place, and the one served hears it left."""
    account.auto_assignment_limit = 1
    account.save()
    with capture_events():
        served = visitor(inbox)
    with capture_events() as events:
        first, second = visitor(inbox), visitor(inbox)
    queued = events.named("conversation.queued")
    assert [event.data["id"] for event in queued] == [
        first.display_id,
        second.display_id,
    ]
    assert events.streams("conversation.queued") == {
        agent.pubsub_token,
        administrator.pubsub_token,
    }
    places = events.named("conversation.queue_position")
    assert [(event.streams, event.data) for event in places] == [
        (
            (contact_token(first),),
            {
                "account_id": account.pk,
                "conversation_id": first.display_id,
                "inbox_id": inbox.pk,
                "position": 1,
                "wait": None,
            },
        ),
        (
            (contact_token(second),),
            {
                "account_id": account.pk,
                "conversation_id": second.display_id,
                "inbox_id": inbox.pk,
                "position": 2,
                "wait": None,
            },
        ),
    ]
    with capture_events() as events:
        services.change_status(conversation=served, status="resolved")
    dequeued = events.one("conversation.dequeued")
    assert dequeued.data["id"] == first.display_id
    assert dequeued.data["meta"]["assignee"]["id"] == agent.pk
    assert set(dequeued.streams) == {agent.pubsub_token, administrator.pubsub_token}
    places = {
        event.streams: event.data
        for event in events.named("conversation.queue_position")
    }
    assert places[(contact_token(first),)]["position"] is None
    assert places[(contact_token(second),)]["position"] == 1
    # One hand-off observed: the estimate is its wait, in whole seconds.
    assert isinstance(places[(contact_token(second),)]["wait"], int)
    agent_tokens = {agent.pubsub_token, administrator.pubsub_token}
    assert not agent_tokens & events.streams("conversation.queue_position")


def test_queue_places_are_pushed_once_per_transaction(
    capture_events, account, inbox, agent
):
    """An agent coming online with room for two while three wait: each
    waiting contact hears its place once, as committed (the two served that
    they left, the third that it is first), not once per hand-off."""
    account.auto_assignment_limit = 2
    account.save()
    AccountUser.objects.filter(user=agent).update(availability="offline")
    with capture_events():
        waiting = [visitor(inbox) for _ in range(3)]
    membership = AccountUser.objects.get(user=agent, account=account)
    with capture_events() as events:
        set_availability(membership=membership, availability="online")
    places = [
        (event.streams, event.data["position"])
        for event in events.named("conversation.queue_position")
    ]
    assert sorted(places, key=str) == sorted(
        [
            ((contact_token(waiting[0]),), None),
            ((contact_token(waiting[1]),), None),
            ((contact_token(waiting[2]),), 1),
        ],
        key=str,
    )


@covers("agent.available", "agent.unavailable")
def test_agent_capacity_events(capture_events, account, inbox, agent):
    """The account hears an agent fill their last place, free one, and change
    availability."""
    account.auto_assignment_limit = 1
    account.save()
    with capture_events() as events:
        conversation = visitor(inbox)
    unavailable = events.one("agent.unavailable")
    assert unavailable.streams == (account_stream(account.pk),)
    assert unavailable.data == {
        "account_id": account.pk,
        "id": agent.pk,
        "available_name": agent.available_name,
        "availability_status": "online",
        "open_conversations": 1,
        "limit": 1,
        "available": False,
    }
    with capture_events() as events:
        services.change_status(conversation=conversation, status="resolved")
    available = events.one("agent.available")
    assert available.data["open_conversations"] == 0
    assert available.data["available"] is True
    membership = AccountUser.objects.get(account=account, user=agent)
    with capture_events() as events:
        set_availability(membership=membership, availability="busy")
    busy = events.one("agent.unavailable")
    assert busy.data["availability_status"] == "busy"
    assert busy.streams == available.streams == unavailable.streams


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


@covers("operation.failed")
def test_operation_failed_sample(capture_events, conversation, agent):
    """operation.failed keeps the documented sample's keys and types."""
    with capture_events() as events:
        collaboration_services.report_failure(
            user=agent,
            conversation=conversation,
            operation="resolve",
            code="capability_missing",
            reason="No.",
        )
    assert_shape(events.one("operation.failed").data, "operation_failed")


CALL_TYPES = {
    "id": int,
    "account_id": int,
    "conversation_id": int,
    "inbox_id": int,
    "state": str,
    "requested_by": str,
    "audio": bool,
    "video": bool,
    "screen_sharing": str,
    "agent": (dict, type(None)),
    "contact": dict,
    "created_at": str,
    "answered_at": (str, type(None)),
    "connected_at": (str, type(None)),
    "ended_at": (str, type(None)),
    "ended_by": str,
    "duration": (int, type(None)),
    "ice_servers": list,
}


@covers("call.updated")
def test_call_updated_reaches_the_calls_parties_only(
    capture_events, conversation, agent, administrator, others
):
    """An agent's call goes to that agent and the contact; a contact's call
    rings the conversation's readers until one answers, and the others hear
    that it stopped ringing; never the account stream nor another agent."""
    outsider, stranger = others
    session = conversation.contact_inbox
    by_agent = party_of(account_id=conversation.account_id, user_id=agent.pk)
    with capture_events() as events:
        call = call_services.request_call(
            party=by_agent, conversation_id=conversation.display_id, video=False
        )
    event = events.one("call.updated")
    assert set(event.streams) == {agent.pubsub_token, contact_token(conversation)}
    assert set(event.data) == set(CALL_TYPES)
    for key, kind in CALL_TYPES.items():
        assert isinstance(event.data[key], kind), key
    assert event.data["agent"] == {
        "id": agent.pk,
        "name": agent.available_name,
        "avatar_url": agent.avatar_url,
    }
    assert event.data["contact"] == {
        "id": conversation.contact_id,
        "name": "Vera Visitor",
    }
    call_services.hang_up_call(party=by_agent, call_id=call.pk)

    visitor = party_of(
        account_id=conversation.account_id, session_token=session.pubsub_token
    )
    with capture_events() as events:
        call = call_services.request_call(
            party=visitor, conversation_id=conversation.display_id, video=True
        )
    ringing = agents_and_contact(conversation, agent, administrator)
    assert set(events.one("call.updated").streams) == ringing
    with capture_events() as events:
        call_services.accept_call(party=by_agent, call_id=call.pk, video=True)
    assert set(events.one("call.updated").streams) == ringing
    with capture_events() as events:
        call_services.set_call_state(party=by_agent, call_id=call.pk, state="active")
    answered = events.one("call.updated")
    assert set(answered.streams) == {agent.pubsub_token, contact_token(conversation)}
    for excluded in (outsider.pubsub_token, stranger.pubsub_token):
        assert excluded not in answered.streams
    assert account_stream(conversation.account_id) not in answered.streams


@covers("call.signal")
def test_call_signal_goes_to_the_other_party_alone(
    capture_events, conversation, agent, administrator
):
    """A signal is relayed unchanged to the other party's streams only."""
    by_agent = party_of(account_id=conversation.account_id, user_id=agent.pk)
    session = conversation.contact_inbox
    visitor = party_of(
        account_id=conversation.account_id, session_token=session.pubsub_token
    )
    call = call_services.request_call(
        party=by_agent, conversation_id=conversation.display_id, video=True
    )
    call_services.accept_call(party=visitor, call_id=call.pk, video=True)
    candidate = {"type": "candidate", "candidate": {"candidate": "a=1", "sdpMid": "0"}}
    with capture_events() as events:
        call_services.relay_signal(party=by_agent, call_id=call.pk, signal=candidate)
    event = events.one("call.signal")
    assert event.streams == (contact_token(conversation),)
    assert event.data == {
        "call_id": call.pk,
        "account_id": conversation.account_id,
        "conversation_id": conversation.display_id,
        "from": "agent",
        "signal": candidate,
    }
    with capture_events() as events:
        call_services.relay_signal(party=visitor, call_id=call.pk, signal=candidate)
    assert events.one("call.signal").streams == (agent.pubsub_token,)
    assert events.one("call.signal").data["from"] == "contact"


def test_every_event_has_a_test():
    """Each event in the registry is covered by a test in this module."""
    assert set(EVENTS) == TESTED
