"""Transcripts by email: the visitor asks from the widget (to the contact's
email), an agent from the dashboard (to any address); a job mails them,
counted against the rates; another account's conversation is a 404."""

import pytest

from django.core import mail
from django.test import Client

from conversations import services
from conversations.models import Message
from tests import factories
from tests.api.conftest import client_for
from tests.continuity.conftest import jobs, run_jobs
from widget.sessions import issue_session_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def chat(conversation, agent):
    """A conversation with the visitor's words, an answer and a private note."""
    contact = conversation.contact
    services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        content="My <b>order</b> is late",
        sender=contact,
    )
    services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content="It ships today",
        sender=agent,
    )
    services.create_message(
        conversation=conversation,
        message_type=Message.MessageType.OUTGOING,
        content="Internal remark",
        sender=agent,
        private=True,
    )
    return conversation


def widget_post(conversation, data=None, locale=""):
    session = conversation.contact_inbox
    url = (
        "/api/v1/widget/conversations/transcript"
        f"?website_token={session.inbox.website_token}&locale={locale}"
    )
    return Client().post(
        url,
        data or {},
        content_type="application/json",
        headers={"X-Widget-Session": issue_session_token(session)},
    )


def test_the_visitor_gets_the_transcript_at_their_email(chat):
    """The widget's call answers 200 at once; the job mails the contact the
    public messages, the private note left out, markup shown as text."""
    response = widget_post(chat, locale="de")
    assert response.status_code == 200, response.content
    assert mail.outbox == []
    assert len(jobs("mail_transcript")) == 1
    run_jobs()
    [email] = mail.outbox
    assert email.to == ["vera@example.org"]
    assert "My <b>order</b> is late" in email.body
    assert "It ships today" in email.body
    assert "Internal remark" not in email.body
    [(html, _kind)] = email.alternatives
    assert "&lt;b&gt;order&lt;/b&gt;" in html
    assert '<html lang="de">' in html


def test_the_visitor_cannot_mail_another_address(chat):
    """An email other than the contact's is refused (400), none without one
    (422); nothing is queued."""
    assert widget_post(chat, {"email": "else@example.org"}).status_code == 400
    chat.contact.email = ""
    chat.contact.save()
    response = widget_post(chat)
    assert response.status_code == 422
    assert "error" in response.json()
    assert jobs("mail_transcript") == []


def test_transcripts_are_rate_limited(chat, settings):
    """Past the rate per conversation: 429 as JSON."""
    settings.ONECHAT_TRANSCRIPT_EMAIL_RATES = {
        "conversation": "2/hour",
        "account": "100/hour",
    }
    assert widget_post(chat).status_code == 200
    assert widget_post(chat).status_code == 200
    response = widget_post(chat)
    assert response.status_code == 429
    assert "error" in response.json()
    assert len(jobs("mail_transcript")) == 2


def test_an_agent_sends_the_transcript_to_an_address(chat, agent):
    """The dashboard's call mails the address given."""
    url = (
        f"/api/v1/accounts/{chat.account_id}/conversations/{chat.display_id}/transcript"
    )
    response = client_for(agent).post(url, {"email": "boss@example.org"})
    assert response.status_code == 200, response.content
    run_jobs()
    [email] = mail.outbox
    assert email.to == ["boss@example.org"]
    assert "It ships today" in email.body


def test_dashboard_transcript_refuses_bad_input_and_strangers(
    chat, agent, other_account_conversation
):
    """A bad address is a 400; another account's conversation, or this
    one's under another account's id, a JSON 404; without a token a 401."""
    client = client_for(agent)
    base = f"/api/v1/accounts/{chat.account_id}/conversations"
    bad = client.post(f"{base}/{chat.display_id}/transcript", {"email": "nope"})
    assert bad.status_code == 400 and "error" in bad.json()
    other = other_account_conversation
    for url in (
        f"{base}/{other.display_id + 1000}/transcript",
        f"/api/v1/accounts/{other.account_id}/conversations/"
        f"{other.display_id}/transcript",
    ):
        response = client.post(url, {"email": "boss@example.org"})
        assert response.status_code == 404, (url, response.status_code)
        assert "error" in response.json()
    anonymous = Client().post(
        f"{base}/{chat.display_id}/transcript", {"email": "boss@example.org"}
    )
    assert anonymous.status_code == 401
    assert jobs("mail_transcript") == []


def test_an_agent_outside_the_inbox_gets_a_404(chat, account):
    """An agent of the account who does not work the inbox cannot reach
    the conversation's transcript."""
    outsider = factories.UserFactory(name="Olga Outsider")
    factories.AccountUserFactory(account=account, user=outsider)
    url = f"/api/v1/accounts/{account.pk}/conversations/{chat.display_id}/transcript"
    response = client_for(outsider).post(url, {"email": "boss@example.org"})
    assert response.status_code == 404
    assert jobs("mail_transcript") == []


def test_the_inbox_setting_is_read_and_changed_by_the_api(inbox, administrator):
    """``continuity_via_email`` is on by default (as Chatwoot's web widget),
    shown by the inbox API and changed by an administrator's PATCH, also
    nested under ``channel`` as Chatwoot's clients send it."""
    client = client_for(administrator)
    url = f"/api/v1/accounts/{inbox.account_id}/inboxes/{inbox.pk}"
    assert client.get(url).json()["continuity_via_email"] is True
    response = client.patch(
        url, {"channel": {"continuity_via_email": False}}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["continuity_via_email"] is False
    inbox.refresh_from_db()
    assert inbox.continuity_via_email is False
