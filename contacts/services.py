"""Writes on contacts and contact sessions, announced with the signals of
``contacts/signals.py`` (a contact's events follow from those, never from how
its row was written)."""

import hashlib
import hmac
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.attributes import check_values
from accounts.models import Account, CustomAttributeDefinition, Inbox
from common.changes import ATTRIBUTE_FIELDS, apply_changes
from common.errors import Conflict, DomainError
from contacts.models import Contact, ContactInbox
from contacts.signals import (
    contact_created,
    contact_deleted,
    contact_updated,
    contacts_merged,
    webwidget_triggered,
)


class IdentityVerificationError(DomainError):
    """A visitor's identity claim failed HMAC verification (a 401; its
    message is Chatwoot's English wire string, which SDKs match on)."""

    status = 401
    code = "identity_refused"


class ContactConflictError(Conflict):
    """An identifier or email belongs to another contact the caller cannot
    claim (a 409)."""

    code = "contact_conflict"


@contextmanager
def _unique_contact_details() -> Iterator[None]:
    """Turn a lost race on a unique email or identifier into a conflict error.

    Serializers check uniqueness first; this covers two requests that passed the
    check at once. The savepoint keeps the caller's transaction usable.
    """
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        raise ContactConflictError(
            "A contact with this email or identifier already exists."
        ) from error


def check_contact_attributes(
    account: Account | int, values: dict | None
) -> dict | None:
    """A contact's custom attributes checked against the account's contact
    attribute definitions (``accounts.attributes.check_values``)."""
    return check_values(
        account=account,
        attribute_model=CustomAttributeDefinition.Model.CONTACT,
        values=values or {},
    )


def create_contact(
    *,
    account: Account,
    name: str = "",
    email: str | None = None,
    phone_number: str | None = None,
    identifier: str | None = None,
    identifier_unverified: bool = False,
    additional_attributes: dict | None = None,
    custom_attributes: dict | None = None,
) -> Contact:
    """Create a contact in ``account``. Publishes ``contact.created``.

    ``identifier_unverified`` marks an identifier a visitor claimed without
    its HMAC. Raises ContactConflictError when the email or identifier is taken,
    InvalidAttributeValue when a custom attribute does not fit its definition.
    """
    custom_attributes = check_contact_attributes(account, custom_attributes)
    with _unique_contact_details():
        contact = Contact.objects.create(
            account=account,
            name=name,
            email=email,
            phone_number=phone_number,
            identifier=identifier,
            identifier_unverified=identifier_unverified,
            additional_attributes=additional_attributes or {},
            custom_attributes=custom_attributes or {},
        )
        contact_created.send(sender=Contact, contact=contact)
    return contact


def create_contact_in_inbox(
    *, account: Account, inbox: Inbox, **details: Any
) -> ContactInbox:
    """Create a contact with a session in ``inbox`` (Chatwoot's ``POST contacts``
    with ``inbox_id``). Publishes ``contact.created``.

    Raises ContactConflictError when the email or identifier is taken.
    """
    with transaction.atomic():
        contact = create_contact(account=account, **details)
        return create_contact_session(contact=contact, inbox=inbox)


def update_contact(*, contact: Contact, **fields: Any) -> Contact:
    """Change a contact, merging attribute dicts. Publishes ``contact.updated``.

    An identifier given without ``identifier_unverified`` (an agent's edit)
    counts as verified. Raises InvalidAttributeValue when a custom attribute
    does not fit its definition.
    """
    if "custom_attributes" in fields:
        fields["custom_attributes"] = check_contact_attributes(
            contact.account_id, fields["custom_attributes"]
        )
    if "identifier" in fields:
        fields.setdefault("identifier_unverified", False)
    apply_changes(contact, fields, merge=ATTRIBUTE_FIELDS)
    with _unique_contact_details():
        contact.save()
        contact_updated.send(sender=Contact, contact=contact)
    return contact


def remove_custom_attributes(*, contact: Contact, keys: Iterable[str]) -> Contact:
    """Remove these keys from the contact's custom attributes (Chatwoot's
    ``destroy_custom_attributes``; an update merges, so it cannot remove a
    key). Keys the contact has not are ignored. Publishes ``contact.updated``
    when a key went."""
    removed = set(keys)
    if removed & contact.custom_attributes.keys():
        contact.custom_attributes = {
            key: value
            for key, value in contact.custom_attributes.items()
            if key not in removed
        }
        contact.save(update_fields=["custom_attributes", "updated_at"])
    return contact


def delete_contact(*, contact: Contact) -> None:
    """Delete a contact and its conversations. Publishes ``contact.deleted``."""
    with transaction.atomic():
        # Told before the row goes: the event carries the contact's id.
        contact_deleted.send(sender=Contact, contact=contact)
        contact.delete()


def touch_contact(*, contact: Contact) -> None:
    """Record the contact's activity now. Publishes nothing: a contact's
    activity is bookkeeping of its messages, which carry their own events."""
    now = timezone.now()
    Contact.objects.filter(pk=contact.pk).update(last_activity_at=now)
    contact.last_activity_at = now


def create_contact_session(
    *,
    contact: Contact,
    inbox: Inbox,
    source_id: str | None = None,
    hmac_verified: bool = False,
) -> ContactInbox:
    """Open a session for ``contact`` in ``inbox`` (a widget or API client handle)."""
    fields: dict[str, Any] = {
        "contact": contact,
        "inbox": inbox,
        "hmac_verified": hmac_verified,
    }
    if source_id:
        fields["source_id"] = source_id
    return ContactInbox.objects.create(**fields)


def trigger_widget_event(*, contact_inbox: ContactInbox, event_info: dict) -> None:
    """The visitor opened the website widget of ``contact_inbox``'s inbox.

    Publishes ``webwidget_triggered`` with ``event_info`` (what the widget and
    its browser said about the visit); its webhook and bot deliveries are
    written in the same transaction as any other event's.
    """
    with transaction.atomic():
        webwidget_triggered.send(
            sender=ContactInbox, contact_inbox=contact_inbox, event_info=event_info
        )


def identifier_hash(*, inbox: Inbox, identifier: str) -> str:
    """Lowercase hex HMAC-SHA256 of ``identifier`` keyed by the inbox's hmac token."""
    return hmac.new(
        inbox.hmac_token.encode(), identifier.encode(), hashlib.sha256
    ).hexdigest()


def verify_identifier_hash(*, inbox: Inbox, identifier: str, claimed_hash: str) -> bool:
    """Whether ``claimed_hash`` is the inbox's HMAC of ``identifier``."""
    expected = identifier_hash(inbox=inbox, identifier=identifier)
    # Bytes, as compare_digest refuses str with non-ASCII characters.
    claimed = (claimed_hash or "").strip().lower().encode()
    return hmac.compare_digest(expected.encode(), claimed)


@transaction.atomic
def merge_contacts(*, base: Contact, mergee: Contact) -> Contact:
    """Fold ``mergee`` into ``base``: sessions, conversations, missing details.

    Publishes ``contact.merged`` for ``base``, ``conversation.contact_changed`` for each
    moved conversation and ``contact.deleted`` for ``mergee``.
    """
    if base.account_id != mergee.account_id or base.pk == mergee.pk:
        raise ValueError("Only two different contacts of one account can be merged.")
    mergee_id = mergee.pk
    for name in ("email", "phone_number", "identifier"):
        if not getattr(base, name) and getattr(mergee, name):
            setattr(base, name, getattr(mergee, name))
            setattr(mergee, name, None)
    mergee.save()
    contact_updated.send(sender=Contact, contact=mergee)
    base.additional_attributes = {
        **mergee.additional_attributes,
        **base.additional_attributes,
    }
    base.custom_attributes = {**mergee.custom_attributes, **base.custom_attributes}
    ContactInbox.objects.filter(contact=mergee).update(contact=base)
    # Locked: each moved conversation's event carries its current state.
    moved = list(mergee.conversations.select_for_update(of=("self",)))
    for conversation in moved:
        conversation.contact = base
        conversation.save(update_fields=["contact", "updated_at"])
    base.save()
    contact_updated.send(sender=Contact, contact=base)
    contact_deleted.send(sender=Contact, contact=mergee)
    mergee.delete()
    contacts_merged.send(sender=Contact, base=base, mergee_id=mergee_id, moved=moved)
    return base


def check_identity(*, inbox: Inbox, identifier: str, claimed_hash: str | None) -> bool:
    """Whether an identity claim is HMAC-verified; raise when it must be and is not.

    A wrong hash always fails; no hash fails on an ``hmac_mandatory`` inbox and
    otherwise gives an unverified claim.
    """
    if claimed_hash:
        if not verify_identifier_hash(
            inbox=inbox, identifier=identifier, claimed_hash=claimed_hash
        ):
            raise IdentityVerificationError(
                "HMAC failed: Invalid Identifier Hash Provided"
            )
        return True
    if inbox.hmac_mandatory:
        raise IdentityVerificationError("HMAC failed: Identifier Hash is required")
    return False


def _verified_holder(
    *, account_id: int, identifier: str, verified: bool
) -> Contact | None:
    """The contact holding ``identifier``, for a claim verified or not.

    A verified claim never joins a contact whose identifier was itself only
    claimed without HMAC: that contact loses the identifier (publishing
    ``contact.updated``), so a visitor who squatted it reads nothing of the
    real person's.
    """
    holder = Contact.objects.filter(
        account_id=account_id, identifier=identifier
    ).first()
    if holder is not None and verified and holder.identifier_unverified:
        update_contact(contact=holder, identifier=None, identifier_unverified=False)
        return None
    return holder


def _check_free(*, account: Account, contact: Contact | None, details: dict) -> None:
    if details.get("email"):
        holder = (
            Contact.objects.filter(account=account, email=details["email"].lower())
            .exclude(pk=contact.pk if contact else None)
            .exists()
        )
        if holder:
            raise ContactConflictError(_("This email belongs to another contact."))


@transaction.atomic
def open_public_session(
    *,
    inbox: Inbox,
    identifier: str | None = None,
    identifier_hash: str | None = None,
    **details: Any,
) -> ContactInbox:
    """Start a public client session: a new visitor, or an identified contact.

    With a verified ``identifier`` the session joins the contact that holds it
    (created when new) and is marked ``hmac_verified``; an unverified one may
    only name a new contact. Publishes ``contact.created`` or ``contact.updated``.
    """
    account = inbox.account
    verified = False
    contact = None
    if identifier:
        verified = check_identity(
            inbox=inbox, identifier=identifier, claimed_hash=identifier_hash
        )
        contact = _verified_holder(
            account_id=account.pk, identifier=identifier, verified=verified
        )
        if contact is not None and not verified:
            raise ContactConflictError(
                "This identifier belongs to a contact; send its identifier_hash."
            )
    _check_free(account=account, contact=contact, details=details)
    if contact is None:
        contact = create_contact(
            account=account,
            identifier=identifier,
            identifier_unverified=bool(identifier) and not verified,
            **details,
        )
    elif details:
        contact = update_contact(contact=contact, **details)
    return create_contact_session(contact=contact, inbox=inbox, hmac_verified=verified)


@transaction.atomic
def identify_public_session(
    *,
    session: ContactInbox,
    identifier: str | None = None,
    identifier_hash: str | None = None,
    **details: Any,
) -> ContactInbox:
    """Update a session's contact, or attach the session to a verified identity.

    An anonymous contact claiming a verified identifier held by another contact
    is merged into it (its conversations follow). A contact already known by
    another identifier keeps its session; the new identity gets a new session,
    returned instead, so one person never sees another's conversations.
    Publishes ``contact.updated`` (or ``contact.merged``, ``contact.created``).
    """
    contact = session.contact
    if identifier and contact.identifier and identifier != contact.identifier:
        return open_public_session(
            inbox=session.inbox,
            identifier=identifier,
            identifier_hash=identifier_hash,
            **details,
        )
    if identifier:
        verified = check_identity(
            inbox=session.inbox, identifier=identifier, claimed_hash=identifier_hash
        )
        holder = _verified_holder(
            account_id=contact.account_id, identifier=identifier, verified=verified
        )
        if holder is not None and holder.pk != contact.pk:
            if not verified:
                raise ContactConflictError(
                    "This identifier belongs to a contact; send its identifier_hash."
                )
            contact = merge_contacts(base=holder, mergee=contact)
        elif holder is None:
            details["identifier"] = identifier
            details["identifier_unverified"] = not verified
        elif verified:
            details["identifier_unverified"] = False
        if verified:
            ContactInbox.objects.filter(pk=session.pk).update(hmac_verified=True)
        session.refresh_from_db()
    _check_free(account=contact.account, contact=contact, details=details)
    if details:
        update_contact(contact=contact, **details)
    session.contact = contact
    return session


def find_or_open_session(
    *, contact: Contact, inbox: Inbox, source_id: str | None = None
) -> ContactInbox:
    """The contact's session in ``inbox`` (by ``source_id`` when given), opened
    when missing."""
    sessions = ContactInbox.objects.filter(inbox=inbox)
    if source_id:
        session = sessions.filter(source_id=source_id).first()
        if session is not None and session.contact_id != contact.pk:
            raise ContactConflictError(
                _("This source_id is another contact's session.")
            )
    else:
        session = sessions.filter(contact=contact).order_by("-id").first()
    return session or create_contact_session(
        contact=contact, inbox=inbox, source_id=source_id
    )
