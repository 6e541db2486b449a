"""Participants, consult, leave, transfer and capabilities over the Application
API: the reference's shapes, 403s naming the capability, and no reach into
another account or inbox."""

import pytest

from collaboration.models import Participant
from conversations.models import Message
from conversations.services import assign_agent
from tests import factories
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(account, inbox):
    user = factories.UserFactory(name="Anna Colleague")
    factories.AccountUserFactory(account=account, user=user)
    factories.InboxMemberFactory(inbox=inbox, user=user)
    return user


@pytest.fixture
def url(base, conversation):
    return f"{base}/conversations/{conversation.display_id}"


def test_participants_add_list_match_remove(
    as_agent, url, agent, colleague, administrator
):
    """POST adds, GET lists agents in the agents' shape, PATCH matches the list,
    DELETE removes with an empty 200."""
    added = as_agent.post(
        f"{url}/participants", {"user_ids": [colleague.pk]}, format="json"
    )
    assert added.status_code == 200
    [row] = added.json()
    assert row["id"] == colleague.pk
    assert row["available_name"] == "Anna Colleague"
    assert row["participant_type"] == "invited"
    assert {"email", "role", "availability_status", "thumbnail"} <= row.keys()
    assert as_agent.get(f"{url}/participants").json() == [row]

    matched = as_agent.patch(
        f"{url}/participants", {"user_ids": [administrator.pk]}, format="json"
    )
    assert [r["id"] for r in matched.json()] == [administrator.pk]

    removed = as_agent.delete(
        f"{url}/participants", {"user_ids": [administrator.pk]}, format="json"
    )
    assert removed.status_code == 200
    assert as_agent.get(f"{url}/participants").json() == []


def test_joined_line_is_in_the_contact_history(as_agent, url, conversation, colleague):
    """The visitor's history shows "joined the chat", not the consult line."""
    as_agent.post(f"{url}/participants", {"user_ids": [colleague.pk]}, format="json")
    visible = Message.objects.filter(conversation=conversation).visible_to_contact()
    assert [m.content for m in visible] == ["Anna Colleague joined the chat"]


def test_consult_then_leave(url, agent, colleague, conversation):
    """A consultant joins with the note, sees notes-only capabilities, leaves."""
    response = client_for(agent).post(
        f"{url}/consult", {"user_id": colleague.pk, "note": "Seen this?"}, format="json"
    )
    assert [r["participant_type"] for r in response.json()] == ["consulting"]
    as_colleague = client_for(colleague)
    assert as_colleague.get(f"{url}/capabilities").json() == {
        "conversation_id": conversation.display_id,
        "capabilities": ["add_note", "typing", "leave"],
    }
    refused = as_colleague.post(f"{url}/messages", {"content": "hi"}, format="json")
    assert refused.status_code == 403
    assert refused.json()["capability"] == "send_message"
    assert "send_message" in refused.json()["error"]
    note = as_colleague.post(
        f"{url}/messages", {"content": "yes", "private": True}, format="json"
    )
    assert note.status_code == 200
    assert as_colleague.post(f"{url}/leave").json() == []
    assert as_colleague.post(f"{url}/leave").json()["capability"] == "leave"


def test_transfer_with_note(as_agent, url, agent, colleague, conversation):
    """The note is stored first, then the receiver is assigned; the sender is
    then refused a second transfer."""
    assign_agent(conversation=conversation, assignee=agent)
    response = as_agent.post(
        f"{url}/transfer",
        {"assignee_id": colleague.pk, "note": "Angry, be kind"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["meta"]["assignee"]["id"] == colleague.pk
    # After the first assignment's two lines.
    note, joined, line = conversation.messages.order_by("id")[2:]
    assert joined.is_visible_to_contact is True
    assert (note.content, note.private) == ("Angry, be kind", True)
    assert note.content_attributes == {"handoff": True}
    assert line.content == "Assigned to Anna Colleague by Alex Agent"
    again = as_agent.post(f"{url}/transfer", {"assignee_id": agent.pk}, format="json")
    assert again.status_code == 403
    assert again.json()["capability"] == "transfer"


def test_someone_elses_conversation_refuses_actions(
    as_agent, url, colleague, conversation
):
    """Assigned to another agent: each action answers 403 naming what is missing."""
    assign_agent(conversation=conversation, assignee=colleague)
    for method, path, body, capability in [
        ("post", "messages", {"content": "hi"}, "send_message"),
        ("post", "toggle_status", {"status": "resolved"}, "resolve"),
        ("post", "assignments", {"assignee_id": colleague.pk}, "transfer"),
        ("post", "participants", {"user_ids": [colleague.pk]}, "invite"),
        ("post", "consult", {"user_id": colleague.pk}, "consult"),
        ("post", "labels", {"labels": ["x"]}, "update_attributes"),
    ]:
        response = getattr(as_agent, method)(f"{url}/{path}", body, format="json")
        assert response.status_code == 403, path
        assert response.json()["capability"] == capability


def test_no_participant_from_another_account_or_inbox(
    as_agent, url, stranger, outsider, account
):
    """Another account's user, an agent outside the inbox and an unknown id are
    refused with a 400 and change nothing."""
    for user_id in (stranger.pk, outsider.pk, 999_999):
        response = as_agent.post(
            f"{url}/participants", {"user_ids": [user_id]}, format="json"
        )
        assert response.status_code == 400
        assert "user_ids" in response.json()["error"]
        response = as_agent.post(f"{url}/transfer", {"assignee_id": user_id})
        assert response.status_code == 400
    other_team = factories.TeamFactory()
    response = as_agent.post(f"{url}/transfer", {"team_id": other_team.pk})
    assert response.status_code == 400
    assert Participant.objects.count() == 0


def test_another_accounts_conversation_is_not_found(
    as_stranger, as_outsider, url, other_account_conversation, as_agent, base
):
    """A stranger or an agent outside the inbox finds no such conversation; an
    agent cannot reach another account's conversation through their own."""
    for client in (as_stranger, as_outsider):
        for path in ("participants", "capabilities", "leave", "transfer", "consult"):
            method = (
                client.get
                if path in ("participants", "capabilities")
                else (client.post)
            )
            assert method(f"{url}/{path}").status_code == 404
    foreign = other_account_conversation.display_id + 1000
    response = as_agent.get(f"{base}/conversations/{foreign}/participants")
    assert response.status_code == 404


def test_bad_bodies_are_400(as_agent, url):
    """Ids must be a list of positive integers; a transfer needs a receiver."""
    for body in ({}, {"user_ids": "1"}, {"user_ids": [True]}, {"user_ids": [-1]}):
        response = as_agent.post(f"{url}/participants", body, format="json")
        assert response.status_code == 400
        assert "error" in response.json()
    assert as_agent.post(f"{url}/transfer", {"note": "x"}).status_code == 400


def test_conversation_answers_carry_the_callers_capabilities(
    as_agent, url, agent, colleague, conversation
):
    """The conversation, as each agent reads it, says what they may do now; a
    transfer's answer (an empty note is no note) says what the sender kept."""
    assign_agent(conversation=conversation, assignee=agent)
    mine = as_agent.get(url).json()
    assert (
        mine["capabilities"]
        == client_for(agent).get(f"{url}/capabilities").json()["capabilities"]
    )
    assert "send_message" in mine["capabilities"]
    theirs = client_for(colleague).get(url).json()
    assert theirs["capabilities"] == ["add_note", "typing"]
    handed = as_agent.post(f"{url}/transfer", {"assignee_id": colleague.pk, "note": ""})
    assert handed.json()["capabilities"] == ["add_note", "typing"]


def test_can_reply_follows_the_readers_capabilities(
    url, base, agent, colleague, conversation, contact
):
    """``can_reply`` is whether the reader may send a message: false for an
    agent left notes only (where POST messages answers 403), true for the
    assignee, in the conversation, the list, a contact's conversations and a
    filter's results; an invited agent may reply again."""
    assign_agent(conversation=conversation, assignee=agent)
    mine, theirs = client_for(agent), client_for(colleague)
    contact_url = f"{base}/contacts/{contact.pk}/conversations"
    query = {
        "payload": [
            {
                "attribute_key": "status",
                "filter_operator": "equal_to",
                "values": ["open"],
                "query_operator": None,
            }
        ]
    }

    def can_reply(client) -> list[bool]:
        """``can_reply`` of the conversation in every answer that carries it."""
        listed = client.get(f"{base}/conversations").json()["data"]["payload"]
        filtered = client.post(
            f"{base}/conversations/filter", query, format="json"
        ).json()["data"]["payload"]
        return [
            client.get(url).json()["can_reply"],
            *(row["can_reply"] for row in listed),
            *(row["can_reply"] for row in client.get(contact_url).json()["payload"]),
            *(row["can_reply"] for row in filtered),
        ]

    assert can_reply(mine) == [True] * 4
    assert can_reply(theirs) == [False] * 4
    refused = theirs.post(f"{url}/messages", {"content": "Hello"})
    assert refused.status_code == 403
    assert refused.json()["capability"] == "send_message"
    mine.post(f"{url}/participants", {"user_ids": [colleague.pk]}, format="json")
    assert can_reply(theirs) == [True] * 4
    assert theirs.post(f"{url}/messages", {"content": "Hello"}).status_code == 200


def test_transfer_to_an_offline_agent_is_a_409(
    as_agent, url, account, agent, colleague, conversation
):
    """An offline receiver is refused with a 409 naming them; nothing changes."""
    assign_agent(conversation=conversation, assignee=agent)
    membership = colleague.memberships.get(account=account)
    membership.availability = "offline"
    membership.save(update_fields=["availability"])
    response = as_agent.post(
        f"{url}/transfer", {"assignee_id": colleague.pk, "note": "Yours"}
    )
    assert response.status_code == 409
    assert response.json() == {
        "error": "Anna Colleague is offline: hand it to someone online."
    }
    conversation.refresh_from_db()
    assert conversation.assignee_id == agent.pk
    assert not conversation.messages.filter(private=True).exists()
