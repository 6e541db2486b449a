from datetime import timedelta

import pytest

from django.core import signing
from django.http import Http404

from contacts.models import Contact
from tests import factories
from widget import sessions as widget_sessions
from widget.sessions import (
    get_widget_inbox,
    issue_session_token,
    session_from_token,
    start_widget_session,
)

pytestmark = pytest.mark.django_db


def test_token_resumes_its_session(contact_session):
    """A token issued for a session resumes exactly that session."""
    token = issue_session_token(contact_session)
    resumed = session_from_token(inbox=contact_session.inbox, token=token)
    assert resumed == contact_session


def test_tampered_token_is_refused(contact_session):
    """Changing any character of the payload breaks the signature."""
    token = issue_session_token(contact_session)
    other = factories.ContactInboxFactory(inbox=contact_session.inbox)
    _, _, signature = token.partition(":")
    forged_payload = signing.dumps(
        {"session": other.pk, "inbox": other.inbox_id, "source": str(other.source_id)},
        salt=widget_sessions.SALT,
    ).partition(":")[0]
    assert (
        session_from_token(
            inbox=contact_session.inbox, token=f"{forged_payload}:{signature}"
        )
        is None
    )
    assert session_from_token(inbox=contact_session.inbox, token=token[:-2]) is None


def test_token_signed_with_another_key_is_refused(contact_session):
    """A token built with a guessed key (not the server's) names no session."""
    forged = signing.dumps(
        {
            "session": contact_session.pk,
            "inbox": contact_session.inbox_id,
            "source": str(contact_session.source_id),
        },
        key="guessed-secret-key",
        salt=widget_sessions.SALT,
    )
    assert session_from_token(inbox=contact_session.inbox, token=forged) is None


def test_token_of_another_salt_is_refused(contact_session):
    """A value signed by another part of OneChat cannot pass as a widget session."""
    token = signing.dumps(
        {"session": contact_session.pk, "inbox": contact_session.inbox_id}
    )
    assert session_from_token(inbox=contact_session.inbox, token=token) is None


def test_token_of_another_inbox_is_refused(contact_session):
    """One inbox's token does not open a session in another inbox."""
    token = issue_session_token(contact_session)
    other_inbox = factories.InboxFactory(account=contact_session.inbox.account)
    assert session_from_token(inbox=other_inbox, token=token) is None


def test_token_for_a_replaced_session_id_is_refused(contact_session):
    """The token also pins the session's source id, so a reused row id fails."""
    token = issue_session_token(contact_session)
    contact_session.source_id = "renewed"
    contact_session.save()
    assert session_from_token(inbox=contact_session.inbox, token=token) is None


def test_expired_token_is_refused(contact_session, monkeypatch):
    """A token older than the maximum age starts the visitor afresh."""
    token = issue_session_token(contact_session)
    monkeypatch.setattr(widget_sessions, "MAX_AGE", timedelta(seconds=-1))
    assert session_from_token(inbox=contact_session.inbox, token=token) is None


@pytest.mark.parametrize("token", [None, "", "garbage", "a:b:c", "{}"])
def test_malformed_token_is_refused(inbox, token):
    """Anything that is not a signed token reads as "no session"."""
    assert session_from_token(inbox=inbox, token=token) is None


def test_new_session_is_an_anonymous_contact(inbox):
    """A new visitor gets a fresh contact and session in the inbox's account."""
    session = start_widget_session(inbox=inbox)
    assert session.inbox == inbox
    assert session.contact.account_id == inbox.account_id
    assert session.contact.email is None
    assert Contact.objects.filter(account=inbox.account).count() == 1


def test_widget_inbox_needs_an_enabled_website_inbox(inbox):
    """Unknown tokens, API inboxes and switched-off widgets are not found."""
    assert get_widget_inbox(website_token=inbox.website_token) == inbox
    api_inbox = factories.InboxFactory(channel_type="api")
    off = factories.InboxFactory(widget_enabled=False)
    for token in ("nope", "", api_inbox.website_token, off.website_token):
        with pytest.raises(Http404):
            get_widget_inbox(website_token=token)
