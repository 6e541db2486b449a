"""Signal receivers that turn model changes into realtime events.

Each receiver only decides which registered event a change is and calls
``publish``; payloads and audiences live in ``realtime/events.py``. Connected in
``RealtimeConfig.ready()``.
"""

from typing import Any

from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)

from contacts.models import Contact
from contacts.signals import contacts_merged
from conversations.models import Conversation, Message
from conversations.signals import conversation_mentioned, typing_changed
from onechat.models import Account, AccountUser, Inbox, InboxMember, User
from realtime.events import Mention, Typing, publish, revoke_token

# A save touching only these fields is the bookkeeping of a new message, which
# clients learn from message.created (as in the reference).
MESSAGE_BOOKKEEPING = frozenset(
    {"last_activity_at", "updated_at", "first_reply_created_at"}
)

# Tracked conversation fields and the event each change publishes.
CONVERSATION_CHANGES = {
    "assignee_id": "assignee.changed",
    "team_id": "team.changed",
    "contact_last_seen_at": "conversation.read",
    "contact_id": "conversation.contact_changed",
}


def conversation_saved(
    sender: type, instance: Conversation, created: bool, update_fields: Any, **kwargs
) -> None:
    if created:
        publish("conversation.created", about=instance)
        return
    changes = instance.saved_changes
    if "status" in changes:
        publish("conversation.status_changed", "conversation.updated", about=instance)
    for field, name in CONVERSATION_CHANGES.items():
        if field in changes:
            publish(name, about=instance)
    if changes or _is_message_bookkeeping(update_fields):
        return
    publish("conversation.updated", about=instance)


def _is_message_bookkeeping(update_fields: Any) -> bool:
    return bool(update_fields) and (
        "last_activity_at" in update_fields
        and MESSAGE_BOOKKEEPING.issuperset(update_fields)
    )


def message_saved(sender: type, instance: Message, created: bool, **kwargs) -> None:
    if not created:
        publish("message.updated", about=instance)
        return
    if _is_first_reply(instance):
        publish("message.created", "first.reply.created", about=instance)
    else:
        publish("message.created", about=instance)


def _is_first_reply(message: Message) -> bool:
    # create_message stamps first_reply_created_at after creating the message.
    return (
        message.message_type == Message.MessageType.OUTGOING
        and message.sender_user_id is not None
        and not message.private
        and message.conversation.first_reply_created_at is None
    )


def contact_saved(sender: type, instance: Contact, created: bool, **kwargs) -> None:
    publish("contact.created" if created else "contact.updated", about=instance)


def contact_deleted(sender: type, instance: Contact, **kwargs) -> None:
    publish("contact.deleted", about=instance)


def contacts_were_merged(sender: type, base: Contact, mergee_id: int, **kwargs) -> None:
    publish("contact.merged", about=base)


def typing_was_changed(
    sender: type,
    conversation: Conversation,
    actor: User | Contact,
    is_typing: bool,
    is_private: bool,
    **kwargs,
) -> None:
    name = "conversation.typing_on" if is_typing else "conversation.typing_off"
    publish(name, about=Typing(conversation, actor, is_private), actor=actor)


def user_was_mentioned(
    sender: type, conversation: Conversation, user: User, **kwargs
) -> None:
    publish("conversation.mentioned", about=Mention(conversation, user))


def user_saving(sender: type, instance: User, update_fields: Any, **kwargs) -> None:
    # A new password rotates the token and a deactivated user keeps none: the
    # subscriptions holding the old token end, and the user's accounts hear
    # events on the new token (or not at all) from now on.
    if instance.pk is None or (
        update_fields and not {"pubsub_token", "is_active"} & set(update_fields)
    ):
        return
    stored = (
        User.objects.filter(pk=instance.pk)
        .values_list("pubsub_token", "is_active")
        .first()
    )
    if stored is None:
        return
    old_token, was_active = stored
    if old_token != instance.pubsub_token or was_active != instance.is_active:
        Account.change_roster(
            AccountUser.objects.filter(user_id=instance.pk).values("account_id")
        )
    if old_token != instance.pubsub_token or (was_active and not instance.is_active):
        revoke_token(old_token)


def membership_changed(
    sender: type, instance: AccountUser, update_fields: Any = None, **kwargs
) -> None:
    # Joining, leaving or changing role changes who hears the account's inboxes;
    # an agent's availability (saved alone, and often) does not.
    if update_fields and "role" not in update_fields:
        return
    Account.change_roster([instance.account_id])


def inbox_member_changed(sender: type, instance: InboxMember, **kwargs) -> None:
    Account.change_roster(
        Inbox.objects.filter(pk=instance.inbox_id).values("account_id")
    )


def inbox_members_changed(
    sender: type, instance: Inbox | User, action: str, **kwargs
) -> None:
    # ``inbox.members.add()`` and friends save no InboxMember one by one.
    if not action.startswith("post_"):
        return
    if isinstance(instance, Inbox):
        Account.change_roster([instance.account_id])
    else:
        Account.change_roster(
            AccountUser.objects.filter(user_id=instance.pk).values("account_id")
        )


def membership_removing(sender: type, instance: AccountUser, **kwargs) -> None:
    # The user's subscriptions may follow the stream of the account they leave:
    # they end, and on reconnecting that account rejects them.
    token = (
        User.objects.filter(pk=instance.user_id)
        .values_list("pubsub_token", flat=True)
        .first()
    )
    if token:
        revoke_token(token, reconnect=True)


def connect() -> None:
    """Connect every receiver (idempotent: receivers are registered by uid)."""
    post_save.connect(conversation_saved, Conversation, dispatch_uid="rt-conv")
    post_save.connect(message_saved, Message, dispatch_uid="rt-message")
    post_save.connect(contact_saved, Contact, dispatch_uid="rt-contact")
    post_delete.connect(contact_deleted, Contact, dispatch_uid="rt-contact-del")
    pre_save.connect(user_saving, User, dispatch_uid="rt-user")
    pre_delete.connect(membership_removing, AccountUser, dispatch_uid="rt-member-del")
    post_save.connect(membership_changed, AccountUser, dispatch_uid="rt-roster-1")
    post_delete.connect(membership_changed, AccountUser, dispatch_uid="rt-roster-2")
    post_save.connect(inbox_member_changed, InboxMember, dispatch_uid="rt-roster-3")
    post_delete.connect(inbox_member_changed, InboxMember, dispatch_uid="rt-roster-4")
    m2m_changed.connect(
        inbox_members_changed, Inbox.members.through, dispatch_uid="rt-roster-5"
    )
    contacts_merged.connect(contacts_were_merged, dispatch_uid="rt-merged")
    typing_changed.connect(typing_was_changed, dispatch_uid="rt-typing")
    conversation_mentioned.connect(user_was_mentioned, dispatch_uid="rt-mention")
