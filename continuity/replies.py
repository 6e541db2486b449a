"""Agents' replies mailed to a visitor who left: the first reply not yet
handled schedules one mailing ``ONECHAT_CONTINUITY_EMAIL_DELAY_SECONDS``
later; the replies written meanwhile join it. When it runs, the replies the
visitor has not read on the page go in one mail, and every reply up to then
counts as handled, so none is mailed twice. A visitor back on the page gets
nothing mailed; leaving again schedules the mailing of what is still unread."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from continuity import mails
from continuity.models import ConversationMail, ReplyQueue
from conversations.models import Conversation, Message
from realtime.presence import present_contact_ids


def mails_replies(conversation: Conversation) -> bool:
    """Whether the conversation's replies may be mailed at all: its inbox
    continues by email and its contact has an email."""
    return conversation.inbox.continuity_via_email and bool(conversation.contact.email)


def visitor_is_present(conversation: Conversation) -> bool:
    """Whether the contact has the widget's page in front of them now."""
    return conversation.contact_id in present_contact_ids(conversation.account_id)


def _unhandled(conversation: Conversation, after: int) -> QuerySet[Message]:
    return conversation.messages.filter(
        pk__gt=after,
        message_type=Message.MessageType.OUTGOING,
        private=False,
        sender_user__isnull=False,
    ).order_by("pk")


def _locked_queue(conversation: Conversation) -> ReplyQueue:
    queue, _ = ReplyQueue.objects.get_or_create(conversation=conversation)
    return ReplyQueue.objects.select_for_update().get(pk=queue.pk)


def schedule(*, conversation: Conversation) -> datetime | None:
    """Note the mailing of the conversation's unhandled replies as due after
    the delay, unless one is already due: the time its job must run at (the
    caller enqueues it in this transaction), or None."""
    if not mails_replies(conversation):
        return None
    with transaction.atomic():
        queue = _locked_queue(conversation)
        if queue.due_at is not None:
            return None
        if not _unhandled(conversation, queue.last_message_id).exists():
            return None
        delay = timedelta(seconds=settings.ONECHAT_CONTINUITY_EMAIL_DELAY_SECONDS)
        queue.due_at = timezone.now() + delay
        queue.save(update_fields=["due_at"])
    return queue.due_at


def mail_replies(*, conversation_id: int) -> ConversationMail | None:
    """Mail the contact, in one mail, the replies they have not read, unless
    they are on the page; the mail sent, or None."""
    conversation = (
        Conversation.objects.select_related("account", "inbox", "contact")
        .filter(pk=conversation_id)
        .first()
    )
    if conversation is None:
        return None
    with transaction.atomic():
        queue = _locked_queue(conversation)
        queue.due_at = None
        if not mails_replies(conversation) or visitor_is_present(conversation):
            queue.save(update_fields=["due_at"])
            return None
        replies = list(
            _unhandled(conversation, queue.last_message_id)
            .select_related("sender_user", "conversation__inbox")
            .prefetch_related("attachments")
        )
        if replies:
            queue.last_message_id = replies[-1].pk
        queue.save(update_fields=["due_at", "last_message_id"])
        seen = Conversation.objects.values_list("contact_last_seen_at", flat=True).get(
            pk=conversation.pk
        )
        unread = [
            reply
            for reply in replies
            if (seen is None or reply.created_at > seen)
            and not reply.content_attributes.get("deleted")
        ]
        if not unread:
            return None
        return mails.send(
            conversation=conversation,
            kind=ConversationMail.Kind.REPLIES,
            to_email=conversation.contact.email,
            messages=unread,
        )
