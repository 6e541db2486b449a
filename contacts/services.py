"""Writes on contacts and contact sessions."""

import hashlib
import hmac
from typing import Any

from django.db import transaction
from django.utils import timezone

from contacts.models import Contact, ContactInbox
from contacts.signals import contacts_merged
from onechat.models import Account, Inbox


def create_contact(
    *,
    account: Account,
    name: str = "",
    email: str | None = None,
    phone_number: str | None = None,
    identifier: str | None = None,
    additional_attributes: dict | None = None,
    custom_attributes: dict | None = None,
) -> Contact:
    """Create a contact in ``account``. Publishes ``contact.created``."""
    return Contact.objects.create(
        account=account,
        name=name,
        email=email,
        phone_number=phone_number,
        identifier=identifier,
        additional_attributes=additional_attributes or {},
        custom_attributes=custom_attributes or {},
    )


def update_contact(*, contact: Contact, **fields: Any) -> Contact:
    """Change a contact, merging attribute dicts. Publishes ``contact.updated``."""
    for name in ("additional_attributes", "custom_attributes"):
        if fields.get(name) is not None:
            fields[name] = {**getattr(contact, name), **fields[name]}
    for name, value in fields.items():
        setattr(contact, name, value)
    contact.save()
    return contact


def delete_contact(*, contact: Contact) -> None:
    """Delete a contact and its conversations. Publishes ``contact.deleted``."""
    contact.delete()


def touch_contact(*, contact: Contact) -> None:
    """Record the contact's activity now, without a ``contact.updated`` event."""
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


def identifier_hash(*, inbox: Inbox, identifier: str) -> str:
    """Lowercase hex HMAC-SHA256 of ``identifier`` keyed by the inbox's hmac token."""
    return hmac.new(
        inbox.hmac_token.encode(), identifier.encode(), hashlib.sha256
    ).hexdigest()


def verify_identifier_hash(*, inbox: Inbox, identifier: str, claimed_hash: str) -> bool:
    """Whether ``claimed_hash`` is the inbox's HMAC of ``identifier``."""
    expected = identifier_hash(inbox=inbox, identifier=identifier)
    return hmac.compare_digest(expected, (claimed_hash or "").strip().lower())


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
    base.additional_attributes = {
        **mergee.additional_attributes,
        **base.additional_attributes,
    }
    base.custom_attributes = {**mergee.custom_attributes, **base.custom_attributes}
    ContactInbox.objects.filter(contact=mergee).update(contact=base)
    for conversation in mergee.conversations.all():
        conversation.contact = base
        conversation.save(update_fields=["contact", "updated_at"])
    base.save()
    mergee.delete()
    contacts_merged.send(sender=Contact, base=base, mergee_id=mergee_id)
    return base
