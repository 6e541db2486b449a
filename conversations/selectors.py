"""Account-scoped reads of conversations and messages.

Agents see the conversations of the inboxes they work; administrators the whole
account. Nothing here can return another account's rows: every query starts
from the caller's membership or the contact's own session.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Now
from django.http import Http404
from django.utils import timezone

from accounts.models import Account, AccountUser, Inbox, User
from accounts.selectors import inbox_agents
from agentbots.models import AgentBot
from contacts.models import Contact, ContactInbox
from conversations.models import (
    MESSAGE_RELATIONS,
    Conversation,
    Label,
    Message,
    MessageRevision,
)

CONVERSATIONS_PER_PAGE = 25
MESSAGES_BEFORE = 20
MESSAGES_AFTER = 100


def visible_conversations(*, membership: AccountUser) -> QuerySet[Conversation]:
    """The conversations a member may see."""
    conversations = Conversation.objects.filter(account_id=membership.account_id)
    if not membership.is_administrator:
        conversations = conversations.filter(
            inbox__inboxmember__user_id=membership.user_id
        )
    return conversations


def conversation_readers(*, conversation: Conversation) -> QuerySet[User]:
    """The users who may read the conversation (``visible_conversations`` shows
    it to them): its inbox's agents and the account's administrators, the
    audience of its events too. Invited and consulting participants are agents
    of the inbox, so they read it while they remain one."""
    return inbox_agents(
        account_id=conversation.account_id, inbox_id=conversation.inbox_id
    )


def stays_quiet(*, conversation: Conversation, message_type: int) -> bool:
    """Whether a new message of this type is one a muted conversation keeps
    quiet about: the contact's words there neither reopen it (it stays
    resolved) nor notify any agent."""
    return conversation.muted and message_type == Message.MessageType.INCOMING


def get_conversation(*, membership: AccountUser, display_id: int) -> Conversation:
    """One conversation the member may see, by display id; 404 otherwise."""
    conversation = (
        visible_conversations(membership=membership)
        .select_related(
            "inbox", "contact", "contact_inbox", "assignee", "team", "account"
        )
        .filter(display_id=display_id)
        .first()
    )
    if conversation is None:
        raise Http404("Conversation not found")
    return conversation


def with_list_data(conversations: QuerySet[Conversation]) -> QuerySet[Conversation]:
    """Load what ``AgentConversationSerializer`` needs for many rows in a fixed
    number of queries: relations, labels, the last visible message, the last
    message that is not an activity line and the unread count.
    """
    last_message = Prefetch(
        "messages",
        queryset=Message.objects.visible_to_contact()
        .select_related(*MESSAGE_RELATIONS)
        .prefetch_related("attachments", "sender_user__memberships")
        .order_by("-id")[:1],
        to_attr="last_visible_messages",
    )
    last_non_activity = Prefetch(
        "messages",
        queryset=Message.objects.exclude(message_type=Message.MessageType.ACTIVITY)
        .select_related(*MESSAGE_RELATIONS)
        .prefetch_related("attachments", "sender_user__memberships")
        .order_by("-id")[:1],
        to_attr="last_non_activity_messages",
    )
    unread = (
        Message.objects.filter(
            conversation=OuterRef("pk"), message_type=Message.MessageType.INCOMING
        )
        .filter(
            Q(conversation__agent_last_seen_at__isnull=True)
            | Q(created_at__gt=OuterRef("agent_last_seen_at"))
        )
        .order_by()
        .values("conversation")
        .annotate(count=Count("id"))
        .values("count")
    )
    return (
        conversations.select_related(
            "inbox", "contact", "contact_inbox", "assignee", "team"
        )
        .prefetch_related(
            "labels", "assignee__memberships", last_message, last_non_activity
        )
        .annotate(
            unread_incoming_count=Coalesce(
                Subquery(unread, output_field=IntegerField()), 0
            )
        )
    )


@dataclass
class ConversationFilters:
    """The list filters of ``GET conversations`` (already validated)."""

    status: str | None = Conversation.Status.OPEN
    assignee_type: str = "all"
    inbox_id: int | None = None
    team_id: int | None = None
    labels: tuple[str, ...] = ()
    q: str = ""
    updated_within: int | None = None


def filter_conversations(
    *, membership: AccountUser, filters: ConversationFilters
) -> QuerySet[Conversation]:
    """The visible conversations matching every filter but the assignee type."""
    conversations = visible_conversations(membership=membership)
    if filters.status and filters.status != "all":
        conversations = conversations.filter(status=filters.status)
    if filters.inbox_id is not None:
        conversations = conversations.filter(inbox_id=filters.inbox_id)
    if filters.team_id is not None:
        conversations = conversations.filter(team_id=filters.team_id)
    if filters.labels:
        conversations = conversations.filter(
            Exists(
                Conversation.labels.through.objects.filter(
                    conversation_id=OuterRef("pk"), label__title__in=filters.labels
                )
            )
        )
    if filters.q:
        conversations = conversations.filter(_search(filters.q))
    if filters.updated_within is not None:
        since = timezone.now() - timedelta(seconds=filters.updated_within)
        conversations = conversations.filter(updated_at__gte=since)
    return conversations


def _search(text: str) -> Q:
    matches = (
        Q(contact__name__icontains=text)
        | Q(contact__email__icontains=text)
        | Q(contact__phone_number__icontains=text)
        | Q(contact__identifier__icontains=text)
        | Exists(
            Message.objects.filter(
                conversation_id=OuterRef("pk"), content__icontains=text
            )
        )
    )
    if text.isdigit() and len(text) < 10:
        matches |= Q(display_id=int(text))
    return matches


def by_assignee_type(
    conversations: QuerySet[Conversation], *, assignee_type: str, user_id: int
) -> QuerySet[Conversation]:
    """Narrow to ``me``, ``assigned``, ``unassigned`` or leave ``all``."""
    if assignee_type == "me":
        return conversations.filter(assignee_id=user_id)
    if assignee_type == "assigned":
        return conversations.filter(assignee__isnull=False)
    if assignee_type == "unassigned":
        return conversations.filter(assignee__isnull=True)
    return conversations


def conversation_counts(
    conversations: QuerySet[Conversation], *, user_id: int
) -> dict[str, int]:
    """``mine_count``, ``assigned_count``, ``unassigned_count``, ``all_count`` in
    one query."""
    counts = conversations.order_by().aggregate(
        mine_count=Count("id", filter=Q(assignee_id=user_id)),
        unassigned_count=Count("id", filter=Q(assignee__isnull=True)),
        all_count=Count("id"),
    )
    counts["assigned_count"] = counts["all_count"] - counts["unassigned_count"]
    return {
        name: counts[name]
        for name in ("mine_count", "assigned_count", "unassigned_count", "all_count")
    }


# Chatwoot's ``sort_by`` values of a conversation list, each an order of
# columns; the id last keeps pages stable.
SORTS = {
    "last_activity_at_desc": ("-last_activity_at", "-id"),
    "last_activity_at_asc": ("last_activity_at", "id"),
    "created_at_desc": ("-created_at", "-id"),
    "created_at_asc": ("created_at", "id"),
    "priority_desc": ("-priority_rank", "-last_activity_at", "-id"),
    "priority_asc": ("priority_rank", "last_activity_at", "id"),
    # Longest waiting first; a conversation nobody waits on counts as waiting
    # from now, so it comes last.
    "waiting_since_asc": ("waiting_rank", "created_at", "id"),
    "waiting_since_desc": ("-waiting_rank", "-created_at", "-id"),
}
# The older names Chatwoot still accepts.
SORT_ALIASES = {
    "latest": "last_activity_at_desc",
    "sort_on_created_at": "created_at_asc",
    "sort_on_priority": "priority_desc",
    "sort_on_waiting_since": "waiting_since_asc",
}
SORT_CHOICES = (*SORTS, *SORT_ALIASES)
DEFAULT_SORT = "last_activity_at_desc"
# A priority's rank: none lowest, urgent highest.
PRIORITY_RANKS = {
    Conversation.Priority.LOW: 1,
    Conversation.Priority.MEDIUM: 2,
    Conversation.Priority.HIGH: 3,
    Conversation.Priority.URGENT: 4,
}


def sort_conversations(
    conversations: QuerySet[Conversation], *, sort_by: str = DEFAULT_SORT
) -> QuerySet[Conversation]:
    """``conversations`` in the order ``sort_by`` names (one of ``SORT_CHOICES``)."""
    order = SORTS[SORT_ALIASES.get(sort_by, sort_by)]
    ranked = PRIORITY_RANKS.items()
    conversations = conversations.annotate(
        priority_rank=Case(
            *(When(priority=name, then=Value(rank)) for name, rank in ranked),
            default=Value(0),
            output_field=IntegerField(),
        ),
        waiting_rank=Coalesce("waiting_since", Now()),
    )
    return conversations.order_by(*order)


def conversation_page(
    conversations: QuerySet[Conversation], *, page: int, sort_by: str = DEFAULT_SORT
) -> QuerySet[Conversation]:
    """Page ``page`` (from 1) in the order ``sort_by`` names."""
    start = (page - 1) * CONVERSATIONS_PER_PAGE
    return sort_conversations(conversations, sort_by=sort_by)[
        start : start + CONVERSATIONS_PER_PAGE
    ]


def with_message_data(messages: QuerySet[Message]) -> QuerySet[Message]:
    """Load what ``MessageSerializer`` needs for many rows."""
    return messages.select_related(*MESSAGE_RELATIONS).prefetch_related(
        "attachments", "sender_user__memberships"
    )


@dataclass
class MessageWindow:
    """Messages around a cursor, oldest first, and whether more lie beyond."""

    messages: list[Message]
    has_more: bool


def message_window(
    messages: QuerySet[Message], *, before: int | None = None, after: int | None = None
) -> MessageWindow:
    """The 20 messages before ``before`` (or the latest 20), or the 100 after
    ``after`` (a client catching up after a reconnect)."""
    messages = with_message_data(messages)
    if after is not None:
        rows = list(messages.filter(id__gt=after).order_by("id")[: MESSAGES_AFTER + 1])
        return MessageWindow(rows[:MESSAGES_AFTER], len(rows) > MESSAGES_AFTER)
    if before is not None:
        messages = messages.filter(id__lt=before)
    rows = list(messages.order_by("-id")[: MESSAGES_BEFORE + 1])
    return MessageWindow(rows[:MESSAGES_BEFORE][::-1], len(rows) > MESSAGES_BEFORE)


def get_message(*, conversation: Conversation, message_id: int) -> Message:
    """One message of the conversation; 404 otherwise."""
    message = (
        with_message_data(conversation.messages.all()).filter(pk=message_id).first()
    )
    if message is None:
        raise Http404("Message not found")
    return message


### Contact side (public client API and widget API)


def get_email_prompt(*, conversation: Conversation, message_id: int) -> Message:
    """The ``input_email`` message of the conversation a contact may answer; 404
    for any other message, private notes included."""
    message = (
        with_message_data(conversation.messages.visible_to_contact())
        .filter(pk=message_id, content_type=Message.ContentType.INPUT_EMAIL)
        .first()
    )
    if message is None:
        raise Http404("This message does not ask for an email.")
    return message


# What a contact answers through ``PATCH …/messages/<id>``.
QUESTION_TYPES = (
    Message.ContentType.INPUT_EMAIL,
    Message.ContentType.INPUT_SELECT,
    Message.ContentType.FORM,
    Message.ContentType.INPUT_CSAT,
    Message.ContentType.CARDS,
)


def get_contact_question(*, conversation: Conversation, message_id: int) -> Message:
    """A question of the contact's conversation the contact may answer: an
    outgoing (or bot) message, not private, asking something; 404 for any
    other message, private notes and other conversations' included."""
    message = (
        with_message_data(conversation.messages.visible_to_contact())
        .filter(
            pk=message_id,
            message_type__in=(
                Message.MessageType.OUTGOING,
                Message.MessageType.TEMPLATE,
            ),
            content_type__in=QUESTION_TYPES,
        )
        .first()
    )
    if message is None or message.content_attributes.get("deleted"):
        raise Http404("This message asks no question.")
    return message


def session_conversations(*, session: ContactInbox) -> QuerySet[Conversation]:
    """A contact session's conversations, newest activity first."""
    return (
        Conversation.objects.filter(contact_inbox=session)
        .select_related("inbox", "contact", "contact_inbox")
        .order_by("-last_activity_at", "-id")
    )


def get_public_conversation(
    *, inbox_identifier: str, source_id: str, display_id: int
) -> Conversation:
    """The conversation a public client API path names, with its inbox and
    contact session, in one query; 404 when any part of the path is unknown."""
    conversation = None
    if "\x00" not in inbox_identifier + source_id:
        # A NUL from a percent-encoded path cannot be sent to PostgreSQL.
        conversation = (
            Conversation.objects.select_related("inbox", "contact", "contact_inbox")
            .filter(
                inbox__identifier=inbox_identifier,
                contact_inbox__source_id=source_id,
                display_id=display_id,
            )
            .first()
        )
    if conversation is None:
        raise Http404("Conversation not found")
    # The session names the conversation's inbox and (unless a merge moved the
    # conversation) its contact: share the instances.
    session = conversation.contact_inbox
    session.inbox = conversation.inbox
    if session.contact_id == conversation.contact_id:
        session.contact = conversation.contact
    return conversation


def contact_conversations(
    *, membership: AccountUser, contact: Contact
) -> QuerySet[Conversation]:
    """A contact's conversations the member may see."""
    return visible_conversations(membership=membership).filter(contact=contact)


def get_assignable_agent(*, inbox: Inbox, user_id: int) -> User | None:
    """The user when they may be assigned in ``inbox`` (an administrator of its
    account or a member of the inbox), else None."""
    return (
        inbox_agents(account_id=inbox.account_id, inbox_id=inbox.pk)
        .filter(pk=user_id)
        .first()
    )


def account_labels(*, account: Account) -> QuerySet[Label]:
    """The account's labels, by title."""
    return Label.objects.filter(account=account).order_by("title")


def get_label(*, account: Account, label_id: int) -> Label:
    """One label of the account; 404 otherwise."""
    label = account_labels(account=account).filter(pk=label_id).first()
    if label is None:
        raise Http404("Label not found")
    return label


def contact_label_titles(*, contact: Contact) -> list[str]:
    """The titles of a contact's labels, sorted."""
    return list(
        Label.objects.filter(contacts=contact)
        .order_by("title")
        .values_list("title", flat=True)
    )


def message_revisions(*, message: Message) -> QuerySet[MessageRevision]:
    """The message's edits and deletes, oldest first, with who made them."""
    return message.revisions.select_related("actor")


def bot_conversations(*, bot: AgentBot, account_id: int) -> QuerySet[Conversation]:
    """The conversations of the account's inboxes connected to ``bot``: all an
    agent bot's token may read or answer."""
    return Conversation.objects.filter(
        account_id=account_id, inbox__agent_bot_inbox__agent_bot=bot
    )


def get_bot_conversation(
    *, bot: AgentBot, account_id: int, display_id: int
) -> Conversation:
    """One conversation ``bot`` answers, by display id; 404 otherwise."""
    conversation = (
        bot_conversations(bot=bot, account_id=account_id)
        .select_related("inbox", "contact", "contact_inbox", "assignee", "team")
        .filter(display_id=display_id)
        .first()
    )
    if conversation is None:
        raise Http404("Conversation not found")
    return conversation
