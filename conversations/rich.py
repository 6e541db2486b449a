"""The conversation's rules for replies and reactions: which message a new
message may quote or react to, and the reactions aggregate on the target.

Called by ``services.create_message`` under the conversation's row lock, only
for messages that name ``in_reply_to`` (plain messages pay nothing). A refusal
is a ``ValidationError`` naming ``content_attributes.in_reply_to``, and never
tells a contact whether another conversation's message or a note exists.
"""

from django.utils.translation import gettext
from rest_framework import serializers

from accounts.models import User
from contacts.models import Contact
from conversations.models import Conversation, Message
from conversations.signals import message_updated


def _refused(message: str) -> serializers.ValidationError:
    return serializers.ValidationError(
        {"content_attributes": {"in_reply_to": [message]}}
    )


def _no_such_message() -> serializers.ValidationError:
    return _refused(gettext("No such message in this conversation."))


def reply_target(
    *, conversation: Conversation, message_id: int, public: bool, by_contact: bool
) -> Message:
    """The message of ``conversation`` a new message replies to.

    A public message (every contact's message, an agent's reply) quotes only
    what the contact sees: never a private note or an agents' activity line.
    """
    target = (
        Message.objects.select_related(
            "sender_user", "sender_contact", "sender_agent_bot"
        )
        .filter(conversation=conversation, pk=message_id)
        .first()
    )
    if target is None or (by_contact and not target.is_visible_to_contact):
        raise _no_such_message()
    if public and not target.is_visible_to_contact:
        raise _refused(
            gettext("A public reply cannot quote a private note or an activity line.")
        )
    return target


def reaction_target(
    *, conversation: Conversation, message_id: int, by_contact: bool
) -> Message:
    """The message of ``conversation`` a reaction is about, locked until the
    transaction ends: a contact reacts only to what it sees, nobody to an
    activity line, a reaction or a deleted message."""
    target = (
        Message.objects.select_for_update(of=("self",))
        .select_related("sender_user", "sender_contact")
        .filter(conversation=conversation, pk=message_id)
        .first()
    )
    if target is None or (by_contact and not target.is_visible_to_contact):
        raise _no_such_message()
    if (
        target.message_type == Message.MessageType.ACTIVITY
        or target.content_type == Message.ContentType.REACTION
        or target.content_attributes.get("deleted")
    ):
        raise _refused(gettext("This message cannot take reactions."))
    return target


def apply_reaction(
    *, target: Message, sender: User | Contact | None, emoji: str
) -> Message:
    """Put ``sender``'s reaction in ``target``'s ``content_attributes.reactions``
    (one per sender: a new emoji replaces theirs, "" takes it back).

    The caller holds ``target``'s row lock (``reaction_target``). Publishes
    ``message.updated`` for the target.
    """
    sender_type = "contact" if isinstance(sender, Contact) else "user"
    sender_id = sender.pk if sender is not None else None
    reactions = [
        reaction
        for reaction in target.content_attributes.get("reactions", [])
        if (reaction.get("sender_type"), reaction.get("sender_id"))
        != (sender_type, sender_id)
    ]
    if emoji:
        reactions.append(
            {"emoji": emoji, "sender_type": sender_type, "sender_id": sender_id}
        )
    target.content_attributes = {**target.content_attributes, "reactions": reactions}
    target.save(update_fields=["content_attributes", "updated_at"])
    message_updated.send(sender=Message, message=target)
    return target


def withdraw_reaction(*, reaction: Message) -> None:
    """Take a reaction message that is being deleted off its target's
    ``reactions``, when its sender's entry there is still this emoji.

    Call inside the deleting transaction. Publishes ``message.updated`` for
    the target when it changes.
    """
    if (
        reaction.content_type != Message.ContentType.REACTION
        or not reaction.reply_to_id
    ):
        return
    target = (
        Message.objects.select_for_update(of=("self",))
        .select_related("conversation__contact_inbox")
        .filter(pk=reaction.reply_to_id)
        .first()
    )
    if target is None:
        return
    sender = reaction.sender
    entry = {
        "emoji": reaction.content,
        "sender_type": "contact" if isinstance(sender, Contact) else "user",
        "sender_id": sender.pk if sender is not None else None,
    }
    if entry in target.content_attributes.get("reactions", []):
        apply_reaction(target=target, sender=sender, emoji="")
