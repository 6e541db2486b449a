"""Account-scoped reads of contacts and contact sessions."""

import uuid

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404

from accounts.models import Account, Inbox
from contacts.models import Contact, ContactInbox

CONTACTS_PER_PAGE = 15
# ``sort`` values of ``GET contacts`` and the ordering each stands for.
CONTACT_ORDERINGS = {
    "name": [F("name").asc(), "id"],
    "-name": [F("name").desc(), "-id"],
    "email": [F("email").asc(nulls_last=True), "id"],
    "-email": [F("email").desc(nulls_last=True), "-id"],
    "last_activity_at": [F("last_activity_at").asc(nulls_first=True), "id"],
    "-last_activity_at": [F("last_activity_at").desc(nulls_last=True), "-id"],
    "created_at": ["created_at", "id"],
    "-created_at": ["-created_at", "-id"],
}


# A contact's sessions with their inboxes, as contact shapes list them.
SESSIONS = Prefetch(
    "contact_inboxes", queryset=ContactInbox.objects.select_related("inbox")
)


def account_contacts(
    *, account: Account, sort: str = "-last_activity_at"
) -> QuerySet[Contact]:
    """The account's contacts in a ``CONTACT_ORDERINGS`` order, sessions loaded."""
    return (
        Contact.objects.filter(account=account)
        .prefetch_related(SESSIONS)
        .order_by(*CONTACT_ORDERINGS[sort])
    )


def search_contacts(
    *, account: Account, query: str, sort: str = "-last_activity_at"
) -> QuerySet[Contact]:
    """Contacts whose name, email, phone number or identifier contain ``query``."""
    return account_contacts(account=account, sort=sort).filter(
        Q(name__icontains=query)
        | Q(email__icontains=query)
        | Q(phone_number__icontains=query)
        | Q(identifier__icontains=query)
    )


def contact_page(contacts: QuerySet[Contact], *, page: int) -> QuerySet[Contact]:
    """Page ``page`` (from 1) of a contact list."""
    start = (page - 1) * CONTACTS_PER_PAGE
    return contacts[start : start + CONTACTS_PER_PAGE]


def get_contact(*, account: Account, contact_id: int) -> Contact:
    """One contact of the account, sessions loaded; 404 otherwise."""
    contact = (
        Contact.objects.filter(account=account, pk=contact_id)
        .prefetch_related(SESSIONS)
        .first()
    )
    if contact is None:
        raise Http404("Contact not found")
    return contact


def get_contact_session(*, inbox: Inbox, source_id: str) -> ContactInbox:
    """The contact session a public client addresses by ``source_id``; 404 if none."""
    if "\x00" in source_id:
        # A NUL from a percent-encoded path cannot be sent to PostgreSQL.
        raise Http404("Contact not found")
    session = (
        ContactInbox.objects.select_related("contact", "inbox__account")
        .filter(inbox=inbox, source_id=source_id)
        .first()
    )
    if session is None:
        raise Http404("Contact not found")
    return session


def contact_with_field(
    *, account: Account, field: str, value: str, exclude: Contact | None = None
) -> Contact | None:
    """Another contact of the account holding ``value`` in a unique field."""
    if field == "email":
        value = value.lower()
    contacts = Contact.objects.filter(account=account, **{field: value})
    if exclude is not None:
        contacts = contacts.exclude(pk=exclude.pk)
    return contacts.first()


def contactable_sessions(
    *, contact: Contact, inboxes: QuerySet[Inbox]
) -> list[ContactInbox]:
    """Where agents can reach ``contact``: per inbox, the contact's latest
    session there; in an API inbox without one, an unsaved session with a fresh
    ``source_id`` (to open with ``POST contact_inboxes``). A website inbox
    without a session is left out: only the visitor opens those."""
    latest: dict[int, ContactInbox] = {}
    for session in contact.contact_inboxes.filter(inbox__in=inboxes).order_by("id"):
        latest[session.inbox_id] = session
    sessions = []
    for inbox in inboxes.order_by("id"):
        session = latest.get(inbox.pk)
        if session is None and not inbox.is_website:
            session = ContactInbox(contact=contact, source_id=str(uuid.uuid4()))
        if session is not None:
            session.inbox = inbox
            sessions.append(session)
    return sessions
