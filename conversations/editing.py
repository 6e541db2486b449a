"""Editing and deleting messages: who may, and the audit trail each change leaves.

``change_refusal`` is the one rule every API asks: an agent edits and deletes
their own messages and notes, an administrator deletes any message, nobody
changes an activity line or a deleted message. Each change keeps the message as
it was in a ``MessageRevision`` for administrators.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import AccountUser
from common.errors import Forbidden
from conversations import rich
from conversations.models import Message, MessageRevision
from conversations.signals import message_revised, message_updated

EDIT = MessageRevision.Action.EDIT
DELETE = MessageRevision.Action.DELETE

# Chatwoot's wording: its clients match on it.
DELETED_CONTENT = "This message was deleted"


class MessageChangeRefused(Forbidden):
    """The member may not edit or delete this message (a 403 on every API)."""

    code = "message_change_refused"


def change_refusal(*, message: Message, membership: AccountUser, action: str) -> str:
    """Why ``membership`` may not ``action`` (edit or delete) ``message``, or "".

    The caller has already found the message in a conversation the member sees,
    in the member's own account.
    """
    if message.message_type == Message.MessageType.ACTIVITY:
        return gettext("Activity lines cannot be edited or deleted.")
    if message.content_attributes.get("deleted"):
        return gettext("This message was already deleted.")
    own = (
        message.message_type == Message.MessageType.OUTGOING
        and message.sender_user_id == membership.user_id
    )
    if action == EDIT:
        if not own:
            return gettext("You can edit only your own messages.")
        if message.content_type != Message.ContentType.TEXT:
            return gettext("Only text messages can be edited.")
        return ""
    if not own and not membership.is_administrator:
        return gettext(
            "You can delete only your own messages; administrators can delete any."
        )
    return ""


def _check(*, message: Message, membership: AccountUser, action: str) -> None:
    refusal = change_refusal(message=message, membership=membership, action=action)
    if refusal:
        raise MessageChangeRefused(refusal)


def _locked(message: Message) -> Message:
    """The message re-read under a row lock, so two changes apply one by one."""
    return (
        Message.objects.select_for_update(of=("self",))
        .select_related("conversation__contact_inbox", "sender_user")
        .get(pk=message.pk)
    )


def _record(*, message: Message, action: str, actor_id: int) -> MessageRevision:
    return MessageRevision.objects.create(
        account_id=message.account_id,
        message=message,
        action=action,
        content=message.content,
        content_attributes=message.content_attributes,
        attachments=[
            {
                "id": attachment.pk,
                "file_type": attachment.file_type,
                "file": attachment.file.name,
                "file_size": attachment.file_size,
                "extension": attachment.extension,
                "external_url": attachment.external_url,
                "fallback_title": attachment.fallback_title,
            }
            for attachment in message.attachments.all()
        ],
        actor_id=actor_id,
    )


def edit_message(*, message: Message, membership: AccountUser, content: str) -> Message:
    """Replace the text of the member's own message, keeping the old one.

    Sets ``content_attributes.edited_at`` (epoch seconds). Raises
    ``MessageChangeRefused``. Publishes ``message.updated``; sends ``message_revised``.
    """
    with transaction.atomic():
        message = _locked(message)
        _check(message=message, membership=membership, action=EDIT)
        revision = _record(message=message, action=EDIT, actor_id=membership.user_id)
        message.content = content
        message.content_attributes = {
            **message.content_attributes,
            "edited_at": int(timezone.now().timestamp()),
        }
        message.save(update_fields=["content", "content_attributes", "updated_at"])
        message_revised.send(sender=Message, message=message, revision=revision)
        message_updated.send(sender=Message, message=message)
    return message


def delete_message(*, message: Message, membership: AccountUser) -> Message:
    """Soft-delete a message as Chatwoot does: content replaced, attachments
    removed, ``content_attributes.deleted`` set; the original kept.

    A deleted reaction leaves its target's ``reactions``. Raises
    ``MessageChangeRefused``. Publishes ``message.updated`` (to the contact
    too, unless the message never reached them; and for a reaction's target).
    """
    with transaction.atomic():
        message = _locked(message)
        _check(message=message, membership=membership, action=DELETE)
        revision = _record(message=message, action=DELETE, actor_id=membership.user_id)
        rich.withdraw_reaction(reaction=message)
        message.attachments.all().delete()
        message.content = DELETED_CONTENT
        message.content_attributes = {**message.content_attributes, "deleted": True}
        message.save(update_fields=["content", "content_attributes", "updated_at"])
        message_revised.send(sender=Message, message=message, revision=revision)
        message_updated.send(sender=Message, message=message)
    return message
