"""Data in and out of an account: contact imports, a contact's data export
and erasure, and the account's retention.

Erasure sends ``contact_updated`` (the realtime and webhook events of any
contact change) and ``contact_erased``; a data export sends
``contact_data_exported`` (both for the audit log)."""

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Account, AccountUser, User
from common.errors import DomainError
from common.tokens import new_token
from contacts import services as contact_services
from contacts.models import Contact, ContactInbox
from contacts.signals import contact_data_exported, contact_erased, contact_updated
from conversations import services as conversation_services
from conversations.models import Attachment, Conversation, Message
from privacy.imports import plan_import
from privacy.plans import ImportPlan
from privacy.transcripts import UrlOf, account_zone, message_entry

# Keys of a conversation's ``additional_attributes`` that describe the
# visitor (their browser, address, where they came from).
VISITOR_KEYS = (
    "browser",
    "browser_language",
    "referer",
    "initiated_at",
    "ip",
    "ip_address",
    "remote_ip",
    "user_agent",
    "country",
    "city",
    "location",
)
# ``content_attributes`` of messages that hold what the contact typed into a
# form or an email prompt.
SUBMITTED_KEYS = ("submitted_values", "submitted_email")
BATCH_SIZE = 200


class ImportRefused(DomainError):
    """A contact import with errors: nothing was written (a 422 listing them)."""

    status = 422
    code = "import_invalid"

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__(_("The file has errors; no contact was imported."))
        self.plan = plan

    @property
    def extra(self) -> dict:
        return {"errors": [error.as_dict() for error in self.plan.errors]}


# ### Import


def import_contacts(*, account: Account, data: bytes, by: AccountUser) -> ImportPlan:
    """Create and update the contacts of a CSV file, all or none: any error
    in the file raises ``ImportRefused`` and nothing is written. Publishes
    ``contact.created`` or ``contact.updated`` for each row."""
    plan = plan_import(account=account, data=data)
    if plan.errors:
        raise ImportRefused(plan)
    with transaction.atomic():
        for row in plan.rows:
            if row.contact is None:
                contact = contact_services.create_contact(
                    account=account,
                    custom_attributes=row.custom_attributes,
                    **row.details,
                )
            else:
                fields = dict(row.details)
                if row.custom_attributes:
                    fields["custom_attributes"] = row.custom_attributes
                contact = contact_services.update_contact(contact=row.contact, **fields)
            if row.labels:
                current = list(contact.labels.values_list("title", flat=True))
                conversation_services.set_contact_labels(
                    contact=contact, labels=[*current, *row.labels], by=by
                )
    return plan


# ### One contact's data


def contact_data(*, contact: Contact, actor: User, url_of: UrlOf) -> dict:
    """Everything the account holds on ``contact``: details, attributes,
    labels, sessions, conversations with their messages (private notes
    left out: they are the team's) and attachment URLs. Sends
    ``contact_data_exported``."""
    zone = account_zone(contact.account)
    conversations = (
        Conversation.objects.filter(contact=contact)
        .select_related("inbox")
        .order_by("id")
    )
    messages = (
        Message.objects.filter(conversation__contact=contact)
        .visible_to_contact()
        .select_related("sender_user", "sender_contact", "sender_agent_bot")
        .prefetch_related("attachments")
        .order_by("id")
    )
    by_conversation: dict[int, list[dict]] = {}
    for message in messages:
        by_conversation.setdefault(message.conversation_id, []).append(
            message_entry(message, zone=zone, url_of=url_of)
        )
    data = {
        "contact": {
            "id": contact.pk,
            "name": contact.name,
            "email": contact.email,
            "phone_number": contact.phone_number,
            "identifier": contact.identifier,
            "additional_attributes": contact.additional_attributes,
            "custom_attributes": contact.custom_attributes,
            "labels": sorted(contact.labels.values_list("title", flat=True)),
            "created_at": _local(contact.created_at, zone),
            "last_activity_at": _local(contact.last_activity_at, zone),
        },
        "contact_inboxes": [
            {"inbox": session.inbox.name, "source_id": session.source_id}
            for session in contact.contact_inboxes.select_related("inbox")
        ],
        "conversations": [
            {
                "id": conversation.display_id,
                "inbox": conversation.inbox.name,
                "status": conversation.status,
                "created_at": _local(conversation.created_at, zone),
                "additional_attributes": conversation.additional_attributes,
                "custom_attributes": conversation.custom_attributes,
                "messages": by_conversation.get(conversation.pk, []),
            }
            for conversation in conversations
        ],
        "time_zone": str(zone),
    }
    contact_data_exported.send(sender=Contact, contact=contact, actor=actor)
    return data


def _local(moment: datetime | None, zone) -> str | None:
    return moment.astimezone(zone).isoformat() if moment else None


def erase_contact(*, contact: Contact, actor: User | None) -> Contact:
    """Remove the contact's personal data everywhere and keep their messages
    in place under an erased contact: details, avatar (it comes from the
    email), attributes, labels, session ids, the visitor data of their
    conversations, what they typed into forms, and the files they sent
    (deleted from storage once the transaction commits). ``actor`` None:
    the account's retention. Publishes ``contact.updated``; sends
    ``contact_erased``."""
    account = contact.account
    with transaction.atomic():
        contact = Contact.objects.select_for_update().get(pk=contact.pk)
        with translation.override(account.locale):
            contact.name = _("Erased contact")
        contact.email = contact.phone_number = contact.identifier = None
        contact.identifier_unverified = False
        contact.additional_attributes = {}
        contact.custom_attributes = {}
        contact.erased_at = timezone.now()
        contact.save()
        contact.labels.clear()
        for session in ContactInbox.objects.filter(contact=contact):
            # The browser that held the session reaches it no more.
            session.source_id = str(uuid.uuid4())
            session.pubsub_token = new_token()
            session.hmac_verified = False
            session.save(
                update_fields=[
                    "source_id",
                    "pubsub_token",
                    "hmac_verified",
                    "updated_at",
                ]
            )
        _forget_visitor(contact)
        _delete_attachments(Attachment.objects.filter(message__sender_contact=contact))
        contact_updated.send(sender=Contact, contact=contact)
        contact_erased.send(
            sender=Contact, account=account, contact_id=contact.pk, actor=actor
        )
    return contact


def _forget_visitor(contact: Contact) -> None:
    for conversation in Conversation.objects.filter(contact=contact).only(
        "additional_attributes"
    ):
        kept = {
            key: value
            for key, value in conversation.additional_attributes.items()
            if key not in VISITOR_KEYS
        }
        if kept != conversation.additional_attributes:
            Conversation.objects.filter(pk=conversation.pk).update(
                additional_attributes=kept
            )
    submitted = Q()
    for key in SUBMITTED_KEYS:
        submitted |= Q(content_attributes__has_key=key)
    for message in Message.objects.filter(conversation__contact=contact).filter(
        submitted
    ):
        message.content_attributes = {
            key: value
            for key, value in message.content_attributes.items()
            if key not in SUBMITTED_KEYS
        }
        message.save(update_fields=["content_attributes", "updated_at"])


def _delete_attachments(attachments: Iterable[Attachment]) -> int:
    """Delete these attachment rows now and their files once committed."""
    files = []
    count = 0
    for attachment in attachments:
        if attachment.file:
            files.append((attachment.file.storage, attachment.file.name))
        attachment.delete()
        count += 1

    def remove_files() -> None:
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(remove_files)
    return count


# ### Retention


def erase_inactive_contacts(*, account: Account, now: datetime) -> int:
    """Erase up to ``BATCH_SIZE`` contacts of ``account`` inactive for its
    ``contact_retention_days``, each in its own short transaction. Returns
    how many were erased (fewer than a batch: none are left)."""
    if account.contact_retention_days is None:
        return 0
    before = now - timedelta(days=account.contact_retention_days)
    due = (
        Contact.objects.filter(account=account, erased_at__isnull=True)
        .annotate(active_at=Coalesce("last_activity_at", "created_at"))
        .filter(active_at__lt=before)
        .order_by("id")[:BATCH_SIZE]
    )
    erased = 0
    for contact in due:
        erase_contact(contact=contact, actor=None)
        erased += 1
    return erased


def delete_old_attachments(*, account: Account, now: datetime) -> int:
    """Delete up to ``BATCH_SIZE`` attachments of ``account`` older than its
    ``attachment_retention_days``, with their files. Returns how many."""
    if account.attachment_retention_days is None:
        return 0
    before = now - timedelta(days=account.attachment_retention_days)
    with transaction.atomic():
        ids = list(
            Attachment.objects.filter(account=account, created_at__lt=before)
            .order_by("id")
            .values_list("id", flat=True)[:BATCH_SIZE]
        )
        return _delete_attachments(Attachment.objects.filter(pk__in=ids))
