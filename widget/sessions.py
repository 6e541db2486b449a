"""The website widget's visitor session, carried in a signed token.

The widget keeps the token in its own storage on OneChat's origin and sends it
with every call, so a reload or another page of the same site continues the same
contact session. The token names the session by id and ``source_id`` and is
signed with the server's secret key: a visitor can neither forge one nor turn it
into somebody else's session, and a token of one inbox is refused by another.
"""

from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.http import Http404

from accounts.models import Inbox
from contacts.models import ContactInbox
from contacts.services import create_contact, create_contact_session

SALT = "onechat.widget-session"
# A visitor who has not come back for this long starts afresh.
MAX_AGE = timedelta(days=365)


def get_widget_inbox(*, website_token: str) -> Inbox:
    """The website inbox a widget token names, if its widget is switched on; 404
    otherwise."""
    if not website_token or "\x00" in website_token:
        raise Http404("Unknown or disabled website token")
    inbox = (
        Inbox.objects.select_related("account")
        .filter(
            website_token=website_token,
            channel_type=Inbox.ChannelType.WEBSITE,
            widget_enabled=True,
        )
        .first()
    )
    if inbox is None:
        raise Http404("Unknown or disabled website token")
    return inbox


def issue_session_token(session: ContactInbox) -> str:
    """A signed token that resumes ``session`` in its inbox's widget."""
    return signing.dumps(
        {
            "session": session.pk,
            "inbox": session.inbox_id,
            "source": str(session.source_id),
        },
        salt=SALT,
    )


def session_from_token(*, inbox: Inbox, token: str | None) -> ContactInbox | None:
    """The session a widget token resumes in ``inbox``; None for a missing,
    tampered, expired or other-inbox token."""
    if not token:
        return None
    try:
        claims = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(claims, dict) or claims.get("inbox") != inbox.pk:
        return None
    return (
        ContactInbox.objects.select_related("contact", "inbox__account")
        .filter(
            pk=claims.get("session"), inbox=inbox, source_id=str(claims.get("source"))
        )
        .first()
    )


def start_widget_session(*, inbox: Inbox) -> ContactInbox:
    """Open a session for a new anonymous visitor of ``inbox``'s widget.

    Publishes ``contact.created``.
    """
    with transaction.atomic():
        contact = create_contact(account=inbox.account)
        return create_contact_session(contact=contact, inbox=inbox)
