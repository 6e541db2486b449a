"""The survey a resolve sends, the response its answer makes, and the link
emailed to a contact who left."""

import pytest

from django.core import mail
from django.utils import translation

from conversations import answers, services
from conversations.models import Conversation, Message
from csat import selectors
from csat.models import CsatSurveyResponse
from tests import factories
from tests.csat.conftest import csat_jobs, run_csat_jobs

pytestmark = pytest.mark.django_db

RATING = {"csat_survey_response": {"rating": 4, "feedback_message": "Quick!"}}


@pytest.fixture(autouse=True)
def locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.FRONTEND_URL = "https://chat.example.com"


def surveys(conversation) -> list[Message]:
    return list(
        conversation.messages.filter(content_type=Message.ContentType.INPUT_CSAT)
    )


def test_resolve_sends_the_survey_once(conversation, agent, resolve):
    """Resolving posts one input_csat template message with the inbox's
    display type and the agent assigned; resolving again asks nothing more."""
    services.assign_agent(conversation=conversation, assignee=agent)
    resolve(conversation, agent)
    [survey] = surveys(conversation)
    assert survey.message_type == Message.MessageType.TEMPLATE
    assert survey.content_attributes["display_type"] == "star"
    assert survey.content_attributes["assigned_agent_id"] == agent.pk
    assert survey.content == "Please rate the conversation"
    services.change_status(conversation=conversation, status="open")
    resolve(conversation)
    assert len(surveys(conversation)) == 1


def test_inbox_question_and_switch(conversation, inbox, resolve):
    """The inbox's own question is asked; an inbox with surveys off asks none."""
    inbox.csat_question = "<b>How did we do?</b>"
    inbox.save()
    resolve(conversation)
    assert surveys(conversation)[0].content == "<b>How did we do?</b>"
    other = factories.ConversationFactory(
        contact_inbox=factories.ContactInboxFactory(
            inbox=factories.InboxFactory(account=inbox.account)
        )
    )
    resolve(other)
    assert surveys(other) == []


def test_widget_answer_makes_one_response(conversation, agent, resolve):
    """The visitor's answer (the widget's path) makes the conversation's
    response, crediting the agent of the survey; it does not reopen the
    conversation, and a second answer is refused without a second row."""
    services.assign_agent(conversation=conversation, assignee=agent)
    resolve(conversation)
    survey = surveys(conversation)[0]
    services.assign_agent(conversation=conversation, assignee=None)
    answers.answer_question(
        question=survey, contact=conversation.contact, submitted_values=RATING
    )
    response = CsatSurveyResponse.objects.get()
    assert (response.rating, response.feedback_message) == (4, "Quick!")
    assert response.assigned_agent == agent
    assert response.message == survey and response.contact == conversation.contact
    assert response.account == conversation.account
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.RESOLVED
    with pytest.raises(answers.AlreadyAnswered):
        answers.answer_question(
            question=survey, contact=conversation.contact, submitted_values=RATING
        )
    assert CsatSurveyResponse.objects.count() == 1


def test_link_emailed_to_a_contact_who_left(conversation, resolve, monkeypatch):
    """A contact with an email and no live widget gets the survey link from a
    job (none in the request), in a mail whose markup is escaped."""
    conversation.contact.email = "vera@example.com"
    conversation.contact.name = "<script>x</script>"
    conversation.contact.save()
    monkeypatch.setattr("csat.receivers.present_contact_ids", lambda account_id: set())
    resolve(conversation)
    assert mail.outbox == []
    assert len(csat_jobs()) == 1
    assert run_csat_jobs() == 1
    [sent] = mail.outbox
    link = f"https://chat.example.com/survey/responses/{conversation.uuid}"
    assert sent.to == ["vera@example.com"] and link in sent.body
    html = sent.alternatives[0][0]
    assert link in html and "<script>" not in html and "&lt;script&gt;" in html


def test_no_mail_while_on_the_page_or_without_email(conversation, resolve, monkeypatch):
    """A contact still on the widget's page, or without an email, gets no mail."""
    conversation.contact.email = "vera@example.com"
    conversation.contact.save()
    monkeypatch.setattr(
        "csat.receivers.present_contact_ids",
        lambda account_id: {conversation.contact_id},
    )
    resolve(conversation)
    assert csat_jobs() == []
    other = factories.ConversationFactory(
        contact_inbox=factories.ContactInboxFactory(inbox=conversation.inbox)
    )
    monkeypatch.setattr("csat.receivers.present_contact_ids", lambda account_id: set())
    resolve(other)
    assert csat_jobs() == [] and mail.outbox == []


def test_answered_before_the_job_runs_sends_no_mail(conversation, resolve, monkeypatch):
    """A contact who rated before the job ran is not asked again by mail."""
    conversation.contact.email = "vera@example.com"
    conversation.contact.save()
    monkeypatch.setattr("csat.receivers.present_contact_ids", lambda account_id: set())
    resolve(conversation)
    answers.answer_question(
        question=selectors.survey_message_of(conversation=conversation),
        contact=conversation.contact,
        submitted_values=RATING,
    )
    run_csat_jobs()
    assert mail.outbox == []


def test_question_in_the_inbox_language(conversation, inbox, resolve, settings):
    """OneChat's own question is asked in the inbox's language, whatever the
    resolving agent reads."""
    inbox.locale = "fr"
    inbox.save()
    with translation.override("de"):
        resolve(conversation)
    [survey] = surveys(conversation)
    with translation.override("fr"):
        assert survey.content == translation.gettext("Please rate the conversation")


def test_a_failed_survey_leaves_the_resolve_alone(conversation, resolve, monkeypatch):
    """A survey that cannot be sent is logged; the resolve stands."""

    def broken(**kwargs):
        raise RuntimeError("mail server on fire")

    monkeypatch.setattr("csat.services.send_survey", broken)
    resolve(conversation)
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.RESOLVED
    assert surveys(conversation) == []


def test_link_emailed_once_when_the_visitor_leaves_later(
    conversation, resolve, monkeypatch
):
    """A visitor on the page at resolve who leaves without rating gets the
    link when they leave, once however often they come and go; a rated
    survey is not mailed."""
    conversation.contact.email = "vera@example.com"
    conversation.contact.save()
    monkeypatch.setattr(
        "csat.receivers.present_contact_ids",
        lambda account_id: {conversation.contact_id},
    )
    resolve(conversation)
    assert csat_jobs() == []
    for _ in range(2):
        services.note_visitor_page(
            contact_id=conversation.contact_id,
            inbox_id=conversation.inbox_id,
            present=False,
        )
    assert run_csat_jobs() == 1
    assert len(mail.outbox) == 1
    other = factories.ConversationFactory(contact_inbox=conversation.contact_inbox)
    resolve(other)
    answers.answer_question(
        question=selectors.survey_message_of(conversation=other),
        contact=other.contact,
        submitted_values=RATING,
    )
    services.note_visitor_page(
        contact_id=conversation.contact_id,
        inbox_id=conversation.inbox_id,
        present=False,
    )
    assert csat_jobs() == []
