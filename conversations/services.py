"""Writes on conversations and messages: every state change a person can cause.

Each service opens its own transaction and announces its writes with the
signals of ``conversations/signals.py``; the events named in its docstring follow
from them through ``realtime/receivers.py`` once the transaction commits.
"""

import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.attributes import check_values
from accounts.models import (
    Account,
    AccountUser,
    CustomAttributeDefinition,
    Inbox,
    Team,
    User,
)
from agentbots.models import AgentBot
from agentbots.selectors import bot_of_inbox
from common.changes import ATTRIBUTE_FIELDS, apply_changes
from common.errors import Conflict, DomainError
from contacts.models import Contact, ContactInbox
from contacts.services import find_or_open_session, touch_contact, update_contact
from contacts.signals import contact_updated
from conversations import delivery, lines, rich
from conversations.attachments import file_type_of
from conversations.models import Attachment, Conversation, Label, Message
from conversations.selectors import (
    conversation_readers,
    session_conversations,
    stays_quiet,
)
from conversations.signals import (
    conversation_assigned,
    conversation_changed,
    conversation_created,
    conversation_mentioned,
    conversation_snoozed,
    message_created,
    message_updated,
    typing_changed,
    visitor_left,
    visitor_page_changed,
)

logger = logging.getLogger(__name__)

# Mentions in private notes, as the reference's editor writes them.
# Chatwoot's mention markup in a private note: ``[@Name](mention://user/<id>/Name)``
# or a team's, ``mention://team/<id>/Name``.
MENTION = re.compile(r"mention://(user|team)/(\d+)/")


class RaceLost(Conflict):
    """Someone else changed the conversation between reading and acting on it
    (a 409)."""

    code = "race_lost"


class _Unchecked:
    """No assignee was seen: act on whoever holds the conversation now."""


UNCHECKED = _Unchecked()


def _lock_conversation(conversation: Conversation) -> Conversation:
    """The conversation re-read under a row lock, with the relations its events
    serialise, so that building them costs no further queries."""
    return (
        Conversation.objects.select_for_update(of=("self",))
        .select_related("inbox", "contact", "contact_inbox")
        .get(pk=conversation.pk)
    )


def lock_as_seen(
    *, conversation: Conversation, seen_assignee_id: int | _Unchecked | None
) -> Conversation:
    """The conversation under a row lock (``_lock_conversation``), provided its
    assignee is still the one the caller decided on (``seen_assignee_id``);
    raises ``RaceLost`` naming who took it otherwise."""
    current = _lock_conversation(conversation)
    _check_seen(current, seen_assignee_id)
    return current


def _check_seen(
    current: Conversation, seen_assignee_id: int | _Unchecked | None
) -> None:
    if seen_assignee_id is not UNCHECKED and current.assignee_id != seen_assignee_id:
        if current.assignee is None:
            raise RaceLost(_("The conversation was unassigned meanwhile."))
        raise RaceLost(
            _("The conversation was assigned to %(name)s meanwhile.")
            % {"name": current.assignee.available_name}
        )


def check_conversation_attributes(account: Account | int, values: dict | None) -> dict:
    """A conversation's custom attributes checked against the account's
    conversation attribute definitions (``accounts.attributes.check_values``)."""
    return check_values(
        account=account,
        attribute_model=CustomAttributeDefinition.Model.CONVERSATION,
        values=values or {},
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
    """Open a conversation for a contact session. Publishes ``conversation.created``.

    In an inbox with an active agent bot an open, unassigned conversation
    starts ``pending``: the bot answers it first, and routing leaves it
    alone until it is opened (the bot's hand-off).
    """
    if contact_inbox.inbox_id != inbox.pk:
        raise ValueError("The contact session belongs to another inbox.")
    custom_attributes = check_conversation_attributes(
        inbox.account_id, custom_attributes
    )
    if (
        status == Conversation.Status.OPEN
        and assignee is None
        and bot_of_inbox(inbox_id=inbox.pk) is not None
    ):
        status = Conversation.Status.PENDING
    with transaction.atomic():
        account = inbox.account
        conversation = Conversation.objects.create(
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
        conversation_created.send(sender=Conversation, conversation=conversation)
        return conversation


def save_conversation(*, conversation: Conversation, fields: list[str]) -> None:
    """Save ``fields`` of the conversation and announce what changed
    (``conversation_changed``). The services write conversations through
    here (a contact merge announces the conversations it moves itself), so
    their events never depend on how a row was written."""
    conversation.save(update_fields=fields)
    conversation_changed.send(
        sender=Conversation,
        conversation=conversation,
        changes=conversation.saved_changes,
        fields=tuple(fields),
    )


def create_message(
    *,
    conversation: Conversation,
    message_type: int,
    content: str = "",
    sender: User | Contact | AgentBot | None = None,
    private: bool = False,
    content_type: str = Message.ContentType.TEXT,
    content_attributes: dict | None = None,
    echo_id: str = "",
    source_id: str | None = None,
    attachments: Sequence[UploadedFile] = (),
    may_reopen: bool = True,
) -> Message:
    """Add a message to a conversation.

    ``content_attributes.in_reply_to`` names the message replied to (see
    ``conversations.rich`` for which); a ``reaction`` updates its target's
    reactions, takes the target's privacy and reopens nothing. An incoming
    message reopens a resolved or snoozed conversation (``reopens``); with
    ``may_reopen`` False (a caller who may not change the status, and saw it
    open) such a message raises ``RaceLost`` instead. Publishes
    ``message.created`` (and ``message.updated`` for a reaction's target,
    ``conversation.status_changed`` on a reopen, ``first.reply.created`` on
    the first agent reply, ``conversation.mentioned`` for users mentioned in
    a private note; ``conversation.typing_off`` for an agent bot, whose
    answer ends its typing).
    """
    with transaction.atomic():
        conversation = _lock_conversation(conversation)
        reopening = reopens(
            conversation=conversation,
            message_type=message_type,
            content_type=content_type,
            response_to=(content_attributes or {}).get("response_to"),
        )
        if reopening and not may_reopen:
            raise RaceLost(_("The conversation was resolved or snoozed meanwhile."))
        now = timezone.now()
        is_user = isinstance(sender, User)
        by_contact = isinstance(sender, Contact)
        attributes = dict(content_attributes or {})
        is_reaction = content_type == Message.ContentType.REACTION
        reply_to = None
        if is_reaction:
            reply_to = rich.reaction_target(
                conversation=conversation,
                message_id=attributes.get("in_reply_to"),
                by_contact=by_contact,
            )
            # A reaction is seen by whoever sees what it is about.
            private = reply_to.private
            attributes["is_reaction"] = True
        elif attributes.get("in_reply_to"):
            reply_to = rich.reply_target(
                conversation=conversation,
                message_id=attributes["in_reply_to"],
                public=not private,
                by_contact=by_contact,
            )
        message = Message.objects.create(
            account_id=conversation.account_id,
            inbox_id=conversation.inbox_id,
            conversation=conversation,
            message_type=message_type,
            content=content,
            content_type=content_type,
            content_attributes=attributes,
            private=private,
            echo_id=echo_id,
            source_id=source_id,
            sender_user=sender if is_user else None,
            sender_contact=sender if by_contact else None,
            sender_agent_bot=sender if isinstance(sender, AgentBot) else None,
            reply_to=reply_to,
        )
        first_reply = is_first_reply(conversation=conversation, message=message)
        message_created.send(sender=Message, message=message, first_reply=first_reply)
        if is_reaction:
            reply_to.conversation = conversation
            rich.apply_reaction(target=reply_to, sender=sender, emoji=content)
        unstored = _attach_all(message=message, uploads=attachments)
        if unstored:
            delivery.mark_failed(
                message=message,
                reason="Could not store the attachment: " + ", ".join(unstored),
            )
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
            if reopening:
                conversation.status = Conversation.Status.OPEN
                conversation.snoozed_until = None
                changed += ["status", "snoozed_until"]
            if isinstance(sender, Contact):
                touch_contact(contact=sender)
        elif first_reply:
            conversation.first_reply_created_at = now
            changed.append("first_reply_created_at")
        save_conversation(conversation=conversation, fields=changed)

        if isinstance(sender, AgentBot):
            # A bot's answer ends its typing, whether or not the bot says so
            # (the contact must not see "typing" beside the answer).
            set_typing(conversation=conversation, actor=sender, is_typing=False)
        if private:
            for user in mentioned_users(conversation=conversation, content=content):
                conversation_mentioned.send(
                    sender=Conversation,
                    conversation=conversation,
                    user=user,
                    message=message,
                )
        return message


def reopens(
    *,
    conversation: Conversation,
    message_type: int,
    content_type: str,
    response_to: str | None = None,
) -> bool:
    """Whether a new message of this type reopens the conversation: the
    contact's words (a reaction, or the answer to a satisfaction survey,
    ``response_to`` "input_csat", excepted) in a resolved or snoozed one
    that is not muted (``selectors.stays_quiet``)."""
    return (
        message_type == Message.MessageType.INCOMING
        and content_type != Message.ContentType.REACTION
        and response_to != Message.ContentType.INPUT_CSAT
        and conversation.status
        in (Conversation.Status.RESOLVED, Conversation.Status.SNOOZED)
        and not stays_quiet(conversation=conversation, message_type=message_type)
    )


def is_first_reply(*, conversation: Conversation, message: Message) -> bool:
    """Whether ``message``, just created, is the conversation's first agent
    reply: an answer the contact sees (not a reaction) while none is stamped."""
    return (
        message.is_agent_reply
        and message.content_type != Message.ContentType.REACTION
        and conversation.first_reply_created_at is None
    )


def _attach_all(*, message: Message, uploads: Sequence[UploadedFile]) -> list[str]:
    """Store each upload on the message; the names of those the storage refused
    (a full or read-only disk), which the message goes without."""
    unstored = []
    for upload in uploads:
        try:
            with transaction.atomic():
                _attach(message=message, upload=upload)
        except OSError:
            logger.exception("storing attachment %r failed", upload.name)
            unstored.append(PurePath(upload.name or "file").name)
    return unstored


def _attach(*, message: Message, upload: UploadedFile) -> Attachment:
    return Attachment.objects.create(
        account_id=message.account_id,
        message=message,
        file_type=file_type_of(upload),
        file=upload,
        file_size=upload.size or 0,
        extension=PurePath(upload.name or "").suffix.lstrip(".").lower()[:16],
        file_name=original_file_name(upload.name),
    )


def original_file_name(name: str | None) -> str:
    """The name a file was uploaded with, safe to show: its last path part
    (either slash), no control or format characters, at most 255 characters."""
    last = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    shown = "".join(
        character
        for character in last
        if unicodedata.category(character) not in ("Cc", "Cf")
    ).strip()
    return "" if shown in ("", ".", "..") else shown[-255:]


def mentioned_users(*, conversation: Conversation, content: str) -> Iterable[User]:
    """The users a note's mentions name, each once: those mentioned by id and
    the members of the account's teams mentioned. Only those who may read the
    conversation: a mention shows it to them."""
    # Up to 18 digits: a longer number is no id a database holds.
    ids: dict[str, set[int]] = {"user": set(), "team": set()}
    for kind, found in MENTION.findall(content or ""):
        if len(found) < 19:
            ids[kind].add(int(found))
    if not ids["user"] and not ids["team"]:
        return []
    named = Q(pk__in=ids["user"]) | Q(
        teams__in=Team.objects.filter(
            account_id=conversation.account_id, pk__in=ids["team"]
        )
    )
    readers = conversation_readers(conversation=conversation)
    return readers.filter(pk__in=User.objects.filter(named).values("pk"))


def record_activity(
    *,
    conversation: Conversation,
    kind: str,
    params: dict[str, Any] | None = None,
    visible_to_contact: bool = False,
    attributes: dict[str, Any] | None = None,
) -> Message:
    """Add an activity line of ``kind`` (``conversations.lines``), in the
    account's language, for agents only unless ``visible_to_contact``;
    ``attributes`` adds to its ``content_attributes`` (a call's step).

    Publishes ``message.created``.
    """
    content, written = lines.written(
        kind=kind, params=params or {}, locale=account_locale(conversation)
    )
    written = {**(attributes or {}), **written}
    if visible_to_contact:
        written["visibility"] = Message.VISIBLE_TO_ALL
    message = Message.objects.create(
        account_id=conversation.account_id,
        inbox_id=conversation.inbox_id,
        conversation=conversation,
        message_type=Message.MessageType.ACTIVITY,
        content=content,
        content_attributes=written,
    )
    message_created.send(sender=Message, message=message, first_reply=False)
    return message


def note_visitor_page(*, contact_id: int, inbox_id: int, present: bool) -> None:
    """The contact left the widget's page (``present`` False: hidden or closed
    long enough) or came back to it: their conversations of the inbox not
    resolved tell their agents. Publishes ``conversation.contact_presence``;
    a visitor leaving also sends ``visitor_left``."""
    with transaction.atomic():
        conversations = Conversation.objects.filter(
            contact_id=contact_id, inbox_id=inbox_id
        ).exclude(status=Conversation.Status.RESOLVED)
        for conversation in conversations:
            visitor_page_changed.send(
                sender=Conversation, conversation=conversation, present=present
            )
        if not present:
            visitor_left.send(
                sender=Conversation, contact_id=contact_id, inbox_id=inbox_id
            )


def account_locale(conversation: Conversation) -> str:
    """The language of the lines OneChat writes into the conversation."""
    return Account.objects.values_list("locale", flat=True).get(
        pk=conversation.account_id
    )


def change_status(
    *,
    conversation: Conversation,
    status: str | None = None,
    snoozed_until: datetime | None = None,
    actor: User | Contact | AgentBot | None = None,
    announcement: tuple[str, dict[str, Any]] | None = None,
) -> Conversation:
    """Set a conversation's status; without one, toggle between open and resolved.

    The activity line is for agents, unless an ``announcement`` (a line's kind
    and parameters, ``conversations.lines``) is given: that line replaces it
    and the contact sees it too. Publishes ``conversation.status_changed`` and
    ``conversation.updated`` (and ``message.created`` for the activity line)
    when the status moves.
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
        if status != Conversation.Status.OPEN:
            # Only open conversations wait for an agent.
            conversation.waiting_since = None
        save_conversation(
            conversation=conversation,
            fields=["status", "snoozed_until", "waiting_since", "updated_at"],
        )
        if conversation.snoozed_until is not None:
            conversation_snoozed.send(sender=Conversation, conversation=conversation)
        kind, params = announcement or lines.by(
            f"status.{status}", _name_of(actor) if actor else None, {}
        )
        record_activity(
            conversation=conversation,
            kind=kind,
            params=params,
            visible_to_contact=announcement is not None,
        )
        return conversation


def mute_conversation(*, conversation: Conversation, by: User | None) -> Conversation:
    """Mute the conversation as Chatwoot does: it is resolved too, and the
    contact's later messages leave it resolved and tell nobody
    (``selectors.stays_quiet``). Muting a muted conversation changes nothing.

    Publishes ``conversation.updated`` (and what ``change_status`` publishes
    when it was not resolved), and an activity line naming ``by``.
    """
    return _set_muted(conversation=conversation, muted=True, by=by)


def unmute_conversation(*, conversation: Conversation, by: User | None) -> Conversation:
    """Unmute the conversation: its status stays as it is, the contact's next
    message reopens and notifies again. Publishes ``conversation.updated``
    and an activity line naming ``by``."""
    return _set_muted(conversation=conversation, muted=False, by=by)


def _set_muted(
    *, conversation: Conversation, muted: bool, by: User | None
) -> Conversation:
    with transaction.atomic():
        conversation = _lock_conversation(conversation)
        if conversation.muted == muted:
            return conversation
        if muted and conversation.status != Conversation.Status.RESOLVED:
            conversation = change_status(
                conversation=conversation,
                status=Conversation.Status.RESOLVED,
                actor=by,
            )
        conversation.muted = muted
        save_conversation(conversation=conversation, fields=["muted", "updated_at"])
        kind, params = lines.by(
            "conversation.muted" if muted else "conversation.unmuted",
            _name_of(by) if by else None,
            {},
        )
        record_activity(conversation=conversation, kind=kind, params=params)
        return conversation


def end_chat(*, conversation: Conversation, contact: Contact) -> Conversation:
    """The visitor ends the chat: the conversation is resolved, and an activity
    line the visitor sees too says so. Ending an ended chat changes nothing.

    Publishes what ``change_status`` publishes, its activity line to both sides.
    """
    return change_status(
        conversation=conversation,
        status=Conversation.Status.RESOLVED,
        actor=contact,
        announcement=(
            ("chat.ended", {"name": contact.name})
            if contact.name
            else ("chat.ended.visitor", {})
        ),
    )


def wake_conversation(*, conversation_id: int) -> Conversation | None:
    """Reopen a conversation whose snooze has run out; None when it is gone, no
    longer snoozed, or snoozed again to a later time (that snooze has a job of
    its own). Publishes what ``change_status`` publishes."""
    with transaction.atomic():
        conversation = (
            Conversation.objects.select_for_update()
            .filter(
                pk=conversation_id,
                status=Conversation.Status.SNOOZED,
                snoozed_until__lte=timezone.now(),
            )
            .first()
        )
        if conversation is None:
            return None
        return change_status(conversation=conversation, status=Conversation.Status.OPEN)


def _name_of(person: User | Contact | AgentBot) -> str:
    return person.available_name if isinstance(person, User) else str(person)


def assign_agent(
    *,
    conversation: Conversation,
    assignee: User | None,
    actor: User | None = None,
    seen_assignee_id: int | _Unchecked | None = UNCHECKED,
) -> Conversation:
    """Assign a conversation to an agent, or unassign it with None.

    With ``seen_assignee_id``, the assignee the actor decided on: when someone
    else took the conversation meanwhile, nothing changes and ``RaceLost`` is
    raised (already assigned as asked is no race). Publishes
    ``assignee.changed`` and ``message.created`` for the agents' activity
    line and, when there is a new assignee, for the "joined the conversation"
    line the contact sees too.
    """
    with transaction.atomic():
        conversation = _lock_conversation(conversation)
        if conversation.assignee_id == (assignee.pk if assignee else None):
            return conversation
        _check_seen(conversation, seen_assignee_id)
        conversation.assignee = assignee
        changed = ["assignee", "updated_at"]
        if assignee is not None and conversation.left_by_id is not None:
            conversation.left_by = None
            changed.append("left_by")
        if assignee is not None and conversation.waiting_since is not None:
            # A conversation with an agent no longer waits in the queue.
            conversation.waiting_since = None
            changed.append("waiting_since")
        save_conversation(conversation=conversation, fields=changed)
        who = actor.available_name if actor else None
        if assignee is None:
            kind, params = lines.by("assignee.unassigned", who, {})
        elif actor is not None and actor.pk == assignee.pk:
            kind, params = "assignee.self", {"assignee": assignee.available_name}
        else:
            kind, params = lines.by(
                "assignee.assigned", who, {"assignee": assignee.available_name}
            )
        if assignee is not None:
            # The visitor learns who handles them now: the name, nothing more.
            record_activity(
                conversation=conversation,
                kind="assignee.joined",
                params={"name": assignee.available_name},
                visible_to_contact=True,
            )
        record_activity(conversation=conversation, kind=kind, params=params)
        if assignee is not None:
            conversation_assigned.send(
                sender=Conversation,
                conversation=conversation,
                assignee=assignee,
                actor=actor,
            )
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
        save_conversation(conversation=conversation, fields=["team", "updated_at"])
        who = actor.available_name if actor else None
        kind, params = (
            lines.by("team.assigned", who, {"team": team.name})
            if team
            else lines.by("team.removed", who, {})
        )
        record_activity(conversation=conversation, kind=kind, params=params)
        return conversation


class UnknownLabel(DomainError):
    """An agent tagged with a title that is none of the account's labels
    (a 400 on ``labels`` naming the first)."""

    code = "unknown_label"


def _labels_titled(
    *, account_id: int, labels: Iterable[str], by: AccountUser | None
) -> list[Label]:
    """The account's labels of these titles, sorted. Labels are the
    administrators' to manage: an unknown title creates a label when ``by`` is
    an administrator (or None: OneChat itself), and is refused
    (``UnknownLabel``) when an agent gives it. Call inside
    ``transaction.atomic()``."""
    titles = sorted({title.strip() for title in labels if title and title.strip()})
    known = {
        label.title: label
        for label in Label.objects.filter(account_id=account_id, title__in=titles)
    }
    unknown = [title for title in titles if title not in known]
    if unknown and by is not None and not by.is_administrator:
        raise UnknownLabel(
            _("There is no label %(title)r.") % {"title": unknown[0]}, field="labels"
        )
    return [
        known.get(title)
        or Label.objects.get_or_create(account_id=account_id, title=title)[0]
        for title in titles
    ]


def set_labels(
    *,
    conversation: Conversation,
    labels: Iterable[str],
    by: AccountUser | None = None,
) -> list[str]:
    """Replace a conversation's labels by title; unknown titles as
    ``_labels_titled`` says (an agent's are refused).

    Publishes ``conversation.updated``.
    """
    with transaction.atomic():
        conversation = _lock_conversation(conversation)
        found = _labels_titled(account_id=conversation.account_id, labels=labels, by=by)
        conversation.labels.set(found)
        save_conversation(conversation=conversation, fields=["updated_at"])
    return [label.title for label in found]


def set_contact_labels(
    *, contact: Contact, labels: Iterable[str], by: AccountUser | None = None
) -> list[str]:
    """Replace a contact's labels by title; unknown titles as
    ``_labels_titled`` says (an agent's are refused).

    Publishes ``contact.updated``.
    """
    with transaction.atomic():
        found = _labels_titled(account_id=contact.account_id, labels=labels, by=by)
        contact.labels.set(found)
        contact.save(update_fields=["updated_at"])
        contact_updated.send(sender=Contact, contact=contact)
    return [label.title for label in found]


def create_label(*, account: Account, **fields: Any) -> Label:
    """Add a label to the account (title, description, color, sidebar)."""
    return Label.objects.create(account=account, **fields)


def update_label(*, label: Label, **fields: Any) -> Label:
    """Rename or recolour a label; conversations and contacts keep it."""
    for name, value in fields.items():
        setattr(label, name, value)
    label.save(update_fields=list(fields))
    return label


def delete_label(*, label: Label) -> None:
    """Remove a label from the account and from every conversation and contact."""
    label.delete()


def set_custom_attributes(
    *, conversation: Conversation, custom_attributes: dict
) -> Conversation:
    """Replace a conversation's custom attributes as a whole (Chatwoot's
    ``POST conversations/<id>/custom_attributes``; ``PATCH`` merges instead).
    Publishes ``conversation.updated``. Raises InvalidAttributeValue when a
    value does not fit its definition."""
    checked = check_conversation_attributes(conversation.account_id, custom_attributes)
    with transaction.atomic():
        conversation = _lock_conversation(conversation)
        conversation.custom_attributes = checked
        save_conversation(
            conversation=conversation, fields=["custom_attributes", "updated_at"]
        )
    return conversation


def update_conversation(*, conversation: Conversation, **fields: Any) -> Conversation:
    """Change priority or attributes. Publishes ``conversation.updated``.
    Raises InvalidAttributeValue when a custom attribute does not fit its
    definition."""
    if "custom_attributes" in fields:
        fields["custom_attributes"] = check_conversation_attributes(
            conversation.account_id, fields["custom_attributes"]
        )
    with transaction.atomic():
        conversation = _lock_conversation(conversation)
        changed = apply_changes(conversation, fields, merge=ATTRIBUTE_FIELDS)
        save_conversation(conversation=conversation, fields=[*changed, "updated_at"])
    return conversation


def mark_seen_by_agent(*, conversation: Conversation, user: User) -> Conversation:
    """Record that an agent read the conversation up to now (clears its unread
    count), and mark the contact's messages up to now read.

    Publishes ``conversation.updated`` (and, batched, ``message.updated`` for
    the messages read; see ``conversations.delivery``).
    """
    now = timezone.now()
    with transaction.atomic():
        conversation = _lock_conversation(conversation)
        conversation.agent_last_seen_at = now
        changed = ["agent_last_seen_at", "updated_at"]
        if conversation.assignee_id == user.pk:
            conversation.assignee_last_seen_at = now
            changed.append("assignee_last_seen_at")
        save_conversation(conversation=conversation, fields=changed)
        delivery.mark_read(
            account_id=conversation.account_id,
            conversation_id=conversation.pk,
            by_contact=False,
            seen_at=now,
        )
    return conversation


def mark_seen_by_contact(*, conversation: Conversation) -> Conversation:
    """Record that the contact read up to now, and mark the agents' messages
    up to now read.

    Publishes ``conversation.read`` (and, batched, ``message.updated`` for the
    messages read; see ``conversations.delivery``).
    """
    now = timezone.now()
    with transaction.atomic():
        conversation = _lock_conversation(conversation)
        conversation.contact_last_seen_at = now
        save_conversation(
            conversation=conversation, fields=["contact_last_seen_at", "updated_at"]
        )
        delivery.mark_read(
            account_id=conversation.account_id,
            conversation_id=conversation.pk,
            by_contact=True,
            seen_at=now,
        )
    return conversation


def set_typing(
    *,
    conversation: Conversation,
    actor: User | Contact | AgentBot,
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
        message_updated.send(sender=Message, message=message)
        contact = message.conversation.contact
        if (
            not contact.email
            and not contact.account.contacts.filter(email=email).exists()
        ):
            update_contact(contact=contact, email=email)
    return message


def attach_link_preview(*, message_id: int, url: str, preview: dict) -> Message | None:
    """Keep the preview of the link ``url`` in a message's
    ``content_attributes.link_preview``; None when the message is gone, deleted
    or no longer names ``url``.

    Publishes ``message.updated``.
    """
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(pk=message_id).first()
        if (
            message is None
            or message.content_attributes.get("deleted")
            or url not in message.content
        ):
            return None
        message.content_attributes = {
            **message.content_attributes,
            "link_preview": preview,
        }
        message.save(update_fields=["content_attributes", "updated_at"])
        message_updated.send(sender=Message, message=message)
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
    content_type: str = Message.ContentType.TEXT,
    content_attributes: dict | None = None,
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
            content_type=content_type,
            content_attributes=content_attributes,
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
    ``message.created``).

    In an inbox locked to a single conversation the session's latest
    conversation, whatever its status, continues instead: the attributes are
    merged into it and the message reopens it if it was resolved.
    """
    with transaction.atomic():
        conversation = None
        if contact_inbox.inbox.lock_to_single_conversation:
            # The session row lock makes two first calls share one conversation.
            ContactInbox.objects.select_for_update().filter(pk=contact_inbox.pk).first()
            conversation = session_conversations(session=contact_inbox).first()
        if conversation is None:
            conversation = create_conversation(
                inbox=contact_inbox.inbox,
                contact_inbox=contact_inbox,
                custom_attributes=custom_attributes,
            )
        elif custom_attributes:
            conversation = _lock_conversation(conversation)
            conversation.custom_attributes = {
                **conversation.custom_attributes,
                **check_conversation_attributes(
                    conversation.account_id, custom_attributes
                ),
            }
            save_conversation(conversation=conversation, fields=["custom_attributes"])
        if message:
            send_contact_message(conversation=conversation, **message)
        return conversation


def send_contact_message(
    *,
    conversation: Conversation,
    content: str = "",
    echo_id: str = "",
    attachments: Sequence[UploadedFile] = (),
    content_type: str = Message.ContentType.TEXT,
    content_attributes: dict | None = None,
) -> Message:
    """Add the contact's incoming message (it reopens a resolved conversation
    unless muted): text, location, contacts or a reaction
    (``conversations.content``).

    Publishes ``message.created`` (see ``create_message``).
    """
    return create_message(
        conversation=conversation,
        message_type=Message.MessageType.INCOMING,
        content=content,
        sender=conversation.contact,
        echo_id=echo_id,
        attachments=attachments,
        content_type=content_type,
        content_attributes=content_attributes,
    )
