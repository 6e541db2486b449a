"""The lines OneChat writes into a conversation: each keeps its kind and
parameters, and its content is in the account's language."""

import pytest

from collaboration import services as collaboration
from conversations import answers, lines, services
from conversations.models import Conversation, Message
from routing.services import pass_on
from tests import factories
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db

MARKUP = "<img src=x onerror=alert(1)>"


def last_line(conversation: Conversation) -> Message:
    return conversation.messages.order_by("-id").first()


def written(message: Message) -> tuple[str, dict]:
    line = message.content_attributes[lines.KEY]
    return line["kind"], line["params"]


@pytest.fixture
def bo(account, inbox):
    """A second agent of the inbox, who acts."""
    user = factories.UserFactory(name="Bo")
    factories.AccountUserFactory(account=account, user=user)
    factories.InboxMemberFactory(inbox=inbox, user=user)
    return user


@pytest.mark.parametrize(
    ("locale", "content"),
    [
        ("en", "Conversation was marked resolved by Bo"),
        ("de", "Unterhaltung wurde von Bo als gelöst markiert"),
        ("fr", "La conversation a été marquée comme résolue par Bo"),
    ],
)
def test_status_line_is_in_the_account_language(
    account, conversation, bo, locale, content
):
    """The content follows Account.locale; kind and parameters do not."""
    account.locale = locale
    account.save()
    services.change_status(conversation=conversation, status="resolved", actor=bo)
    line = last_line(conversation)
    assert line.message_type == Message.MessageType.ACTIVITY
    assert line.content == content
    assert written(line) == ("status.resolved.by", {"actor": "Bo"})
    assert line.is_visible_to_contact is False


def test_status_lines_without_an_actor(account, conversation):
    """A line with no one behind it (a snooze waking up) names no one."""
    account.locale = "de"
    account.save()
    services.change_status(conversation=conversation, status="pending")
    assert (
        last_line(conversation).content == "Unterhaltung wurde als ausstehend markiert"
    )
    assert written(last_line(conversation)) == ("status.pending", {})
    services.change_status(conversation=conversation, status="open")
    assert written(last_line(conversation)) == ("status.open", {})


def test_visitor_ending_the_chat_is_a_line_both_sides_see(
    account, conversation, contact
):
    """Named, the visitor's name is a parameter; unnamed, its own kind."""
    account.locale = "de"
    account.save()
    services.end_chat(conversation=conversation, contact=contact)
    line = last_line(conversation)
    assert line.content == "Vera Visitor hat den Chat beendet"
    assert written(line) == ("chat.ended", {"name": "Vera Visitor"})
    assert line.is_visible_to_contact is True
    services.change_status(conversation=conversation, status="open")
    contact.name = ""
    contact.save()
    services.end_chat(conversation=conversation, contact=contact)
    line = last_line(conversation)
    assert line.content == "Der Besucher hat den Chat beendet"
    assert written(line) == ("chat.ended.visitor", {})


def test_assignment_lines(account, conversation, agent, bo):
    """Assigned by someone, self-assigned, unassigned, a team and no team."""
    account.locale = "de"
    account.save()
    team = factories.TeamFactory(account=account, name="Support")
    services.assign_agent(conversation=conversation, assignee=agent, actor=bo)
    assert written(last_line(conversation)) == (
        "assignee.assigned.by",
        {"assignee": "Alex Agent", "actor": "Bo"},
    )
    assert last_line(conversation).content == "Von Bo an Alex Agent zugewiesen"
    services.assign_agent(conversation=conversation, assignee=bo, actor=bo)
    assert written(last_line(conversation)) == ("assignee.self", {"assignee": "Bo"})
    services.assign_agent(conversation=conversation, assignee=None, actor=bo)
    assert written(last_line(conversation)) == (
        "assignee.unassigned.by",
        {"actor": "Bo"},
    )
    services.assign_agent(conversation=conversation, assignee=agent)
    assert written(last_line(conversation)) == (
        "assignee.assigned",
        {"assignee": "Alex Agent"},
    )
    assert last_line(conversation).content == "Alex Agent zugewiesen"
    services.assign_team(conversation=conversation, team=team, actor=bo)
    assert written(last_line(conversation)) == (
        "team.assigned.by",
        {"team": "Support", "actor": "Bo"},
    )
    assert last_line(conversation).content == "Von Bo dem Team Support zugewiesen"
    services.assign_team(conversation=conversation, team=None)
    assert written(last_line(conversation)) == ("team.removed", {})
    assert last_line(conversation).content == "Aus dem Team entfernt"


def test_a_new_assignee_is_announced_to_the_visitor(account, conversation, agent, bo):
    """Each new assignee writes "joined the conversation" with their display
    name alone, a line the visitor sees; unassigning writes none."""
    agent.display_name = "Ana"
    agent.save()
    services.assign_agent(conversation=conversation, assignee=agent, actor=bo)
    joined = conversation.messages.get(content_attributes__i18n__kind="assignee.joined")
    assert written(joined) == ("assignee.joined", {"name": "Ana"})
    assert joined.content == "Ana joined the conversation"
    assert joined.is_visible_to_contact is True
    assert last_line(conversation).is_visible_to_contact is False
    services.assign_agent(conversation=conversation, assignee=bo, actor=bo)
    services.assign_agent(conversation=conversation, assignee=None, actor=bo)
    shown = conversation.messages.visible_to_contact()
    assert [written(line) for line in shown] == [
        ("assignee.joined", {"name": "Ana"}),
        ("assignee.joined", {"name": "Bo"}),
    ]


def test_participant_lines(account, conversation, agent, bo):
    """Joined and left are seen by the visitor; a consultant only by agents."""
    account.locale = "de"
    account.save()
    collaboration.invite_agents(conversation=conversation, users=[agent], actor=bo)
    joined = last_line(conversation)
    assert joined.content == "Alex Agent ist dem Chat beigetreten"
    assert written(joined) == ("participant.joined", {"name": "Alex Agent"})
    assert joined.is_visible_to_contact is True
    collaboration.remove_participants(conversation=conversation, users=[agent])
    left = last_line(conversation)
    assert left.content == "Alex Agent hat den Chat verlassen"
    assert written(left) == ("participant.left", {"name": "Alex Agent"})
    assert left.is_visible_to_contact is True
    collaboration.consult_agent(conversation=conversation, user=agent, actor=bo)
    asked = last_line(conversation)
    assert asked.content == "Alex Agent wurde von Bo um Rat gefragt"
    assert written(asked) == (
        "participant.consulting.by",
        {"name": "Alex Agent", "actor": "Bo"},
    )
    assert asked.is_visible_to_contact is False


def test_assignee_leaving_is_a_line_both_sides_see(account, conversation, agent):
    """Routing's "left the chat" when the assignee leaves."""
    account.locale = "fr"
    account.save()
    services.assign_agent(conversation=conversation, assignee=agent)
    pass_on(conversation=conversation, leaving=agent)
    left = conversation.messages.get(content_attributes__i18n__kind="participant.left")
    assert left.content == "Alex Agent a quitté le chat"
    assert left.is_visible_to_contact is True


@pytest.mark.parametrize(
    ("response", "content", "kind", "params"),
    [
        ({"rating": 4}, "Bewertung: 4/5", "csat.rating", {"rating": 4}),
        (
            {"rating": 2, "feedback_message": "Zu langsam"},
            "Bewertung: 2/5\nZu langsam",
            "csat.rating.feedback",
            {"rating": 2, "feedback": "Zu langsam"},
        ),
    ],
)
def test_rating_answer_is_a_written_line(
    account, conversation, contact, response, content, kind, params
):
    """The contact's rating reads in the account's language; their feedback is
    a parameter, as they wrote it."""
    account.locale = "de"
    account.save()
    question = factories.MessageFactory(
        conversation=conversation,
        message_type=Message.MessageType.TEMPLATE,
        content_type=Message.ContentType.INPUT_CSAT,
        content="Rate us",
    )
    answers.answer_question(
        question=question,
        contact=contact,
        submitted_values={"csat_survey_response": response},
    )
    answer = last_line(conversation)
    assert answer.message_type == Message.MessageType.INCOMING
    assert answer.content == content
    assert written(answer) == (kind, params)
    assert answer.content_attributes["in_reply_to"] == question.pk


def test_form_answer_keeps_the_forms_own_words(account, conversation, contact):
    """A form's labels are the administrator's words: no written line."""
    account.locale = "de"
    account.save()
    question = factories.MessageFactory(
        conversation=conversation,
        message_type=Message.MessageType.TEMPLATE,
        content_type=Message.ContentType.FORM,
        content="Tell us",
        content_attributes={
            "items": [{"name": "size", "label": "Size", "type": "text"}]
        },
    )
    answers.answer_question(
        question=question,
        contact=contact,
        submitted_values=[{"name": "size", "value": "XL"}],
    )
    answer = last_line(conversation)
    assert answer.content == "Size: XL"
    assert lines.KEY not in answer.content_attributes


def test_every_kind_renders_in_every_language(settings):
    """Each template fills in its parameters in each of settings.LANGUAGES."""
    params = {
        "actor": "Bo",
        "assignee": "Ana",
        "name": "Ana",
        "team": "Support",
        "minutes": 5,
        "rating": 4,
        "feedback": "ok",
        "duration": "1:05",
    }
    for code, _ in settings.LANGUAGES:
        for kind in lines.TEMPLATES:
            content, _attributes = lines.written(kind=kind, params=params, locale=code)
            assert "%(" not in content, (code, kind)
            assert content.strip(), (code, kind)


def test_markup_in_a_name_is_kept_as_written(account, conversation, bo):
    """A name is a parameter, stored as given: the front ends draw it as text."""
    bo.name = MARKUP
    bo.save()
    services.change_status(conversation=conversation, status="resolved", actor=bo)
    line = last_line(conversation)
    assert line.content == f"Conversation was marked resolved by {MARKUP}"
    assert written(line) == ("status.resolved.by", {"actor": MARKUP})


def test_a_client_cannot_write_a_line_of_its_own(account, conversation, agent):
    """``content_attributes.i18n`` is the server's: an agent's message carrying
    it is refused, so nobody draws a spoofed line."""
    response = client_for(agent).post(
        f"/api/v1/accounts/{account.pk}/conversations/"
        f"{conversation.display_id}/messages",
        {
            "content": "hi",
            "content_type": "input_text",
            "content_attributes": {
                "i18n": {"kind": "status.resolved.by", "params": {"actor": "CEO"}}
            },
        },
        format="json",
    )
    assert response.status_code == 400
    assert "i18n" in response.json()["error"]
    assert not conversation.messages.filter(
        content_attributes__has_key=lines.KEY
    ).exists()
