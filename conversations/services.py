"""Writes on conversations and messages: every state change a person can cause.

Each service opens its own transaction; the events named in its docstring follow
from its writes through ``realtime/receivers.py`` once the transaction commits.
"""

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from contacts.models import Contact, ContactInbox
from contacts.services import find_or_open_session, touch_contact
from conversations.models import Attachment, Conversation, Label, Message
from conversations.selectors import session_conversations
from conversations.signals import conversation_mentioned, typing_changed
from onechat.models import Inbox, Team, User

# Mentions in private notes, as the reference's editor writes them.
MENTION = re.compile(r"mention://user/(\d+)/")


def _lock_conversation(conversation: Conversation) -> Conversation:
    """The conversation re-read under a row lock, with the relations its events
    serialise, so that building them costs no further queries."""
    return (
        Conversation.objects.select_for_update(of=("self",))
        .select_related("inbox", "contact", "contact_inbox")
        .get(pk=conversation.pk)
    )


def create_conversation(
    *,
    inbox: Inbox,
    contact_inbox: ContactInbox,
    status: str = Conversation.Status.OPEN,
    assignee: User | None = None,
    team: Team | None = None,
    additional_attributes: dict | None = None,
    custom_attributes: dict | None = None,
) -> Conversation:
    """Open a conversation for a contact session. Publishes ``conversation.created``."""
    if contact_inbox.inbox_id != inbox.pk:
        raise ValueError("The contact session belongs to another inbox.")
    with transaction.atomic():
        account = inbox.account
        return Conversation.objects.create(
            account=account,
            inbox=inbox,
            contact_id=contact_inbox.contact_id,
            contact_inbox=contact_inbox,
            status=status,
            assignee=assignee,
            team=team,
            additional_attributes=additional_attributes or {},
            custom_attributes=custom_attributes or {},
        )


def create_message(
    *,
    conversation: Conversation,
    message_type: int,
    content: str = "",
    sender: User | Contact | None = None,
    private: bool = False,
    content_type: str = Message.ContentType.TEXT,
    content_attributes: dict | None = None,
    echo_id: str = "",
    source_id: str | None = None,
    attachments: Sequence[UploadedFile] = (),
) -> Message:
    """Add a message to a conversation.

    An incoming message reopens a resolved or snoozed conversation. Publishes
    ``message.created`` (and ``conversation.status_changed`` on a reopen,
    ``first.reply.created`` on the first agent reply, ``conversation.mentioned``
    for users mentioned in a private note).
    """
    with transaction.atomic():
        conversation = _lock_conversation(conversation)
        now = timezone.now()
        is_user = isinstance(sender, User)
        message = Message.objects.create(
            account_id=conversation.account_id,
            inbox_id=conversation.inbox_id,
            conversation=conversation,
            message_type=message_type,
            content=content,
            content_type=content_type,
            content_attributes=content_attributes or {},
            private=private,
            echo_id=echo_id,
            source_id=source_id,
            sender_user=sender if is_user else None,
            sender_contact=sender if isinstance(sender, Contact) else None,
        )
        for upload in attachments:
            _attach(message=message, upload=upload)
        # Without uploads the message has no attachments: its payloads need not
        # ask the database.
        prefetch_related_objects(
            [message],
            Prefetch(
                "attachments",
                queryset=Attachment.objects.all()
                if attachments
                else Attachment.objects.none(),
            ),
        )

        changed = ["last_activity_at", "updated_at"]
        conversation.last_activity_at = now
        if message_type == Message.MessageType.INCOMING:
            if conversation.status in (
                Conversation.Status.RESOLVED,
                Conversation.Status.SNOOZED,
            ):
                conversation.status = Conversation.Status.OPEN
                conversation.snoozed_until = None
                changed += ["status", "snoozed_until"]
            if isinstance(sender, Contact):
                touch_contact(contact=sender)
        elif (
            message_type == Message.MessageType.OUTGOING
            and is_user
            and not private
            and conversation.first_reply_created_at is None
        ):
            conversation.first_reply_created_at = now
            changed.append("first_reply_created_at")
        conversation.save(update_fields=changed)

        if private:
            for user in _mentioned_users(conversation=conversation, content=content):
                conversation_mentioned.send(
                    sender=Conversation,
                    conversation=conversation,
                    user=user,
                    message=message,
                )
        return message


def _attach(*, message: Message, upload: UploadedFile) -> Attachment:
    content_type = (upload.content_type or "").split("/")[0]
    file_type = {
        "image": Attachment.FileType.IMAGE,
        "audio": Attachment.FileType.AUDIO,
        "video": Attachment.FileType.VIDEO,
    }.get(content_type, Attachment.FileType.FILE)
    return Attachment.objects.create(
        account_id=message.account_id,
        message=message,
        file_type=file_type,
        file=upload,
        file_size=upload.size or 0,
        extension=PurePath(upload.name or "").suffix.lstrip(".").lower()[:16],
    )


def _mentioned_users(*, conversation: Conversation, content: str) -> Iterable[User]:
    ids = {int(match) for match in MENTION.findall(content or "")}
    if not ids:
        return []
    return User.objects.filter(
        pk__in=ids, memberships__account_id=conversation.account_id
    )


def _record_activity(*, conversation: Conversation, content: str) -> Message:
    return Message.objects.create(
        account_id=conversation.account_id,
        inbox_id=conversation.inbox_id,
        conversation=conversation,
        message_type=Message.MessageType.ACTIVITY,
        content=content,
    )


def change_status(
    *,
    conversation: Conversation,
    status: str | None = None,
    snoozed_until: datetime | None = None,
    actor: User | Contact | None = None,
) -> Conversation:
    """Set a conversation's status; without one, toggle between open and resolved.

    Publishes ``conversation.status_changed`` and ``conversation.updated`` (and
    ``message.created`` for the activity line) when the status moves.
    """
    with transaction.atomic():
        conversation = _lock_conversation(conversation)
        if status is None:
            status = (
                Conversation.Status.OPEN
                if conversation.status == Conversation.Status.RESOLVED
                else Conversation.Status.RESOLVED
            )
        if (
            status == conversation.status
            and snoozed_until == conversation.snoozed_until
        ):
            return conversation
        conversation.status = status
        conversation.snoozed_until = (
            snoozed_until if status == Conversation.Status.SNOOZED else None
        )
        conversation.save(update_fields=["status", "snoozed_until", "updated_at"])
        who = f" by {_name_of(actor)}" if actor else ""
        _record_activity(
            conversation=conversation,
            content=_STATUS_ACTIVITY[status].format(who=who),
        )
        return conversation


_STATUS_ACTIVITY = {
    Conversation.Status.OPEN: "Conversation was reopened{who}",
    Conversation.Status.RESOLVED: "Conversation was marked resolved{who}",
    Conversation.Status.PENDING: "Conversation was marked pending{who}",
    Conversation.Status.SNOOZED: "Conversation was snoozed{who}",
}


def _name_of(person: User | Contact) -> str:
    return person.available_name if isinstance(person, User) else str(person)


def assign_agent(
    *, conversation: Conversation, assignee: User | None, actor: User | None = None
) -> Conversation:
    """Assign a conversation to an agent, or unassign it with None.

    Publishes ``assignee.changed`` and ``message.created`` for the activity line.
    """
    with transaction.atomic():
        conversation = _lock_conversation(conversation)
        if conversation.assignee_id == (assignee.pk if assignee else None):
            return conversation
        conversation.assignee = assignee
        conversation.save(update_fields=["assignee", "updated_at"])
        if assignee is None:
            content = "Conversation was unassigned"
        elif actor is not None and actor.pk == assignee.pk:
            content = f"{assignee.available_name} self-assigned this conversation"
        else:
            content = f"Assigned to {assignee.available_name}"
        who = f" by {actor.available_name}" if actor and actor != assignee else ""
        _record_activity(conversation=conversation, content=content + who)
        return conversation


def assign_team(
    *, conversation: Conversation, team: Team | None, actor: User | None = None
) -> Conversation:
    """Hand a conversation to a team, or take it from its team with None.

    Publishes ``team.changed`` and ``message.created`` for the activity line.
    """
    with transaction.atomic():
        conversation = _lock_conversation(conversation)
        if conversation.team_id == (team.pk if team else None):
            return conversation
        conversation.team = team
        conversation.save(update_fields=["team", "updated_at"])
        who = f" by {actor.available_name}" if actor else ""
        content = f"Assigned to team {team.name}" if team else "Removed from team"
        _record_activity(conversation=conversation, content=content + who)
        return conversation


def set_labels(*, conversation: Conversation, labels: Iterable[str]) -> list[str]:
    """Replace a conversation's labels by title, creating unknown ones.

    Publishes ``conversation.updated``.
    """
    titles = sorted({title.strip() for title in labels if title and title.strip()})
    with transaction.atomic():
        found = [
            Label.objects.get_or_create(
                account_id=conversation.account_id, title=title
            )[0]
            for title in titles
        ]
        conversation.labels.set(found)
        conversation.save(update_fields=["updated_at"])
    return titles


def update_conversation(*, conversation: Conversation, **fields: Any) -> Conversation:
    """Change priority or attributes. Publishes ``conversation.updated``."""
    for name in ("additional_attributes", "custom_attributes"):
        if fields.get(name) is not None:
            fields[name] = {**getattr(conversation, name), **fields[name]}
    for name, value in fields.items():
        setattr(conversation, name, value)
    conversation.save(update_fields=[*fields, "updated_at"])
    return conversation


def mark_seen_by_agent(*, conversation: Conversation, user: User) -> Conversation:
    """Record that an agent read the conversation up to now (clears its unread count).

    Publishes ``conversation.updated``.
    """
    now = timezone.now()
    conversation.agent_last_seen_at = now
    changed = ["agent_last_seen_at", "updated_at"]
    if conversation.assignee_id == user.pk:
        conversation.assignee_last_seen_at = now
        changed.append("assignee_last_seen_at")
    conversation.save(update_fields=changed)
    return conversation


def mark_seen_by_contact(*, conversation: Conversation) -> Conversation:
    """Record that the contact read up to now. Publishes ``conversation.read``."""
    conversation.contact_last_seen_at = timezone.now()
    conversation.save(update_fields=["contact_last_seen_at", "updated_at"])
    return conversation


def set_typing(
    *,
    conversation: Conversation,
    actor: User | Contact,
    is_typing: bool,
    is_private: bool = False,
) -> None:
    """Tell the others in a conversation that ``actor`` started or stopped typing.

    Publishes ``conversation.typing_on`` or ``conversation.typing_off``.
    """
    typing_changed.send(
        sender=Conversation,
        conversation=conversation,
        actor=actor,
        is_typing=is_typing,
        is_private=is_private,
    )


def delete_message(*, message: Message) -> Message:
    """Soft-delete a message: content replaced, attachments removed, flagged deleted.

    Publishes ``message.updated``.
    """
    with transaction.atomic():
        message.attachments.all().delete()
        message.content = "This message was deleted"
        message.content_attributes = {**message.content_attributes, "deleted": True}
        message.save(update_fields=["content", "content_attributes", "updated_at"])
    return message


def submit_email(*, message: Message, email: str) -> Message:
    """Store the email a visitor typed into an ``input_email`` prompt.

    The contact takes the email when it has none. Publishes ``message.updated``
    (and ``contact.updated`` when the contact changes).
    """
    with transaction.atomic():
        message.content_attributes = {
            **message.content_attributes,
            "submitted_email": email,
        }
        message.save(update_fields=["content_attributes", "updated_at"])
        contact = message.conversation.contact
        if (
            not contact.email
            and not contact.account.contacts.filter(email=email).exists()
        ):
            contact.email = email
            contact.save()
    return message


def request_email(*, conversation: Conversation) -> Message:
    """Ask the visitor for an email address. Publishes ``message.created``."""
    return create_message(
        conversation=conversation,
        message_type=Message.MessageType.TEMPLATE,
        content="Get notified by email",
        content_type=Message.ContentType.INPUT_EMAIL,
    )


def create_contact_message(
    *,
    contact_inbox: ContactInbox,
    content: str = "",
    echo_id: str = "",
    attachments: Sequence[UploadedFile] = (),
) -> Message:
    """Add a contact's message to its session's conversation, opening the
    conversation with the first message (so a page view alone creates none).

    Publishes ``conversation.created`` for a new conversation, then
    ``message.created`` (see ``send_contact_message``).
    """
    with transaction.atomic():
        # The session row lock makes two first messages share one conversation.
        ContactInbox.objects.select_for_update().filter(pk=contact_inbox.pk).first()
        conversation = session_conversations(session=contact_inbox).first()
        if conversation is None:
            conversation = create_conversation(
                inbox=contact_inbox.inbox, contact_inbox=contact_inbox
            )
        return send_contact_message(
            conversation=conversation,
            content=content,
            echo_id=echo_id,
            attachments=attachments,
        )


def request_email_when_unanswered(*, conversation: Conversation) -> Message | None:
    """Ask for the visitor's email once no agent has answered for a while.

    Only when the inbox collects emails, the contact has none, no agent has
    replied, the conversation is older than ``ONECHAT_EMAIL_COLLECT_DELAY_SECONDS``
    and no prompt was sent yet; otherwise returns None. Publishes
    ``message.created`` for the prompt.
    """
    delay = timedelta(seconds=settings.ONECHAT_EMAIL_COLLECT_DELAY_SECONDS)
    with transaction.atomic():
        conversation = _lock_conversation(conversation)
        if (
            not conversation.inbox.email_collect_enabled
            or conversation.contact.email
            or conversation.first_reply_created_at is not None
            or conversation.created_at > timezone.now() - delay
            or conversation.messages.filter(
                content_type=Message.ContentType.INPUT_EMAIL
            ).exists()
        ):
            return None
        return request_email(conversation=conversation)


def start_conversation(
    *,
    inbox: Inbox,
    contact: Contact,
    source_id: str | None = None,
    status: str = Conversation.Status.OPEN,
    assignee: User | None = None,
    team: Team | None = None,
    additional_attributes: dict | None = None,
    custom_attributes: dict | None = None,
    message: dict | None = None,
    sender: User | None = None,
) -> Conversation:
    """Open a conversation with a contact from the agents' side, in the contact's
    session (found or opened), with an optional first outgoing message.

    Publishes ``conversation.created`` (and ``message.created``).
    """
    with transaction.atomic():
        session = find_or_open_session(
            contact=contact, inbox=inbox, source_id=source_id
        )
        conversation = create_conversation(
            inbox=inbox,
            contact_inbox=session,
            status=status,
            assignee=assignee,
            team=team,
            additional_attributes=additional_attributes,
            custom_attributes=custom_attributes,
        )
        if message:
            create_message(
                conversation=conversation,
                message_type=Message.MessageType.OUTGOING,
                sender=sender,
                **message,
            )
        return conversation


def start_contact_conversation(
    *,
    contact_inbox: ContactInbox,
    custom_attributes: dict | None = None,
    message: dict | None = None,
) -> Conversation:
    """Open a conversation from the contact's side (public API, widget), with an
    optional first message. Publishes ``conversation.created`` (and
    ``message.created``)."""
    with transaction.atomic():
        conversation = create_conversation(
            inbox=contact_inbox.inbox,
            contact_inbox=contact_inbox,
            custom_attributes=custom_attributes,
        )
        if message:
            send_contact_message(conversation=conversation, **message)
        return conversation


def send_contact_message(
    *,
    conversation: Conversation,
    content: str = "",
    echo_id: str = "",
    attachments: Sequence[UploadedFile] = (),
) -> Message:
    """Add the contact's incoming message (reopens a resolved conversation).

    Publishes ``message.created``.
    """
    return create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        content=content,
        sender=conversation.contact,
        echo_id=echo_id,
        attachments=attachments,
    )
