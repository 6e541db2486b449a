"""Reads of routing: who can take a conversation now, the queues, positions."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db.models import Count, Min, Q, QuerySet

from accounts.models import (
    Account,
    AccountUser,
    Inbox,
    InboxMember,
    Team,
    TeamMember,
    User,
)
from accounts.selectors import visible_inboxes
from conversations.models import Conversation, Message
from routing.models import QueueStats


@dataclass
class Seat:
    """An online agent as auto-assignment sees them."""

    user: User
    load: int
    own_limit: int | None
    last_assigned_at: datetime | None
    inbox_ids: set[int] = field(default_factory=set)
    team_ids: set[int] = field(default_factory=set)


@dataclass
class Roster:
    """An account's online agents with their load and the limits that apply,
    read once per routing decision (under the account's row lock)."""

    seats: list[Seat]
    account_limit: int | None
    # Inboxes with auto-assignment on, and their own limit (None: none).
    inbox_limits: dict[int, int | None]
    # Teams conversations may be auto-assigned within.
    auto_assign_teams: set[int]

    def limit(self, seat: Seat, inbox_id: int) -> int | None:
        """The agent's limit in this inbox: their own, the inbox's, the account's."""
        for limit in (seat.own_limit, self.inbox_limits.get(inbox_id)):
            if limit is not None:
                return limit
        return self.account_limit

    def has_room(self, seat: Seat, inbox_id: int) -> bool:
        """Whether the agent can take one more conversation of this inbox."""
        limit = self.limit(seat, inbox_id)
        return limit is None or seat.load < limit

    def pick(
        self, *, inbox_id: int, team_id: int | None, passing_over: int | None = None
    ) -> Seat | None:
        """The agent to give a conversation of this inbox (and team): fewest
        open conversations, then idle longest; None when nobody has room.
        The user ``passing_over`` names is never picked."""
        if inbox_id not in self.inbox_limits:
            return None
        if team_id is not None and team_id not in self.auto_assign_teams:
            return None
        candidates = [
            seat
            for seat in self.seats
            if inbox_id in seat.inbox_ids
            and seat.user.pk != passing_over
            and (team_id is None or team_id in seat.team_ids)
            and self.has_room(seat, inbox_id)
        ]
        if not candidates:
            return None
        return min(
            candidates,
            key=lambda seat: (
                seat.load,
                seat.last_assigned_at or datetime.min.replace(tzinfo=UTC),
                seat.user.pk,
            ),
        )

    def is_online(self, user_id: int) -> bool:
        """Whether the user is an online agent of the account."""
        return any(seat.user.pk == user_id for seat in self.seats)

    def inboxes_with_room(self) -> set[int]:
        """Inboxes (with auto-assignment on) where some online member has room."""
        return {
            inbox_id
            for seat in self.seats
            for inbox_id in seat.inbox_ids
            if inbox_id in self.inbox_limits and self.has_room(seat, inbox_id)
        }


def assignment_roster(*, account_id: int) -> Roster:
    """The account's roster for auto-assignment, in four queries."""
    account = Account.objects.get(pk=account_id)
    memberships = (
        AccountUser.objects.filter(
            account_id=account_id,
            availability=AccountUser.Availability.ONLINE,
            user__is_active=True,
        )
        .select_related("user")
        .annotate(
            load=Count(
                "user__assigned_conversations",
                filter=Q(
                    user__assigned_conversations__status=Conversation.Status.OPEN,
                    user__assigned_conversations__account_id=account_id,
                ),
            )
        )
    )
    seats = {
        membership.user_id: Seat(
            user=membership.user,
            load=membership.load,
            own_limit=membership.auto_assignment_limit,
            last_assigned_at=membership.last_assigned_at,
        )
        for membership in memberships
    }
    inbox_limits = {
        inbox.pk: inbox_limit(inbox)
        for inbox in Inbox.objects.filter(
            account_id=account_id, enable_auto_assignment=True
        )
    }
    for inbox_id, user_id in Inbox.members.through.objects.filter(
        inbox_id__in=inbox_limits, user_id__in=seats
    ).values_list("inbox_id", "user_id"):
        seats[user_id].inbox_ids.add(inbox_id)
    teams = set(
        Team.objects.filter(account_id=account_id, allow_auto_assign=True).values_list(
            "pk", flat=True
        )
    )
    for team_id, user_id in TeamMember.objects.filter(
        team_id__in=teams, user_id__in=seats
    ).values_list("team_id", "user_id"):
        seats[user_id].team_ids.add(team_id)
    return Roster(
        seats=list(seats.values()),
        account_limit=account.auto_assignment_limit,
        inbox_limits=inbox_limits,
        auto_assign_teams=teams,
    )


def inbox_limit(inbox: Inbox) -> int | None:
    """The inbox's own limit of open conversations per agent, if it sets one."""
    return _config_number(inbox, "max_assignment_limit")


def inbox_minutes(inbox: Inbox, setting: str) -> int | None:
    """The inbox's ``reassign_after_minutes`` or ``queue_timeout_minutes``;
    None when off."""
    return _config_number(inbox, setting)


def _config_number(inbox: Inbox, key: str) -> int | None:
    value = (inbox.auto_assignment_config or {}).get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def queue_timeout_message(inbox: Inbox) -> str:
    """What a visitor queued past the inbox's queue timeout is told: its
    ``queue_timeout_message``, else its out-of-office message (may be blank)."""
    config = inbox.auto_assignment_config or {}
    return config.get("queue_timeout_message") or inbox.out_of_office_message or ""


def unanswered_since(conversation: Conversation) -> datetime | None:
    """When the visitor's first message after the last public reply was sent:
    how long they have waited for an answer; None when nothing awaits one."""
    messages = conversation.messages.filter(private=False)
    last_reply = (
        messages.filter(message_type=Message.MessageType.OUTGOING)
        .order_by("-created_at", "-id")
        .values_list("created_at", flat=True)
        .first()
    )
    incoming = messages.filter(message_type=Message.MessageType.INCOMING)
    if last_reply is not None:
        incoming = incoming.filter(created_at__gt=last_reply)
    return (
        incoming.order_by("created_at", "id")
        .values_list("created_at", flat=True)
        .first()
    )


def present_agents(*, account_id: int, since: datetime) -> dict[str, str]:
    """``{user id: availability}`` of the account's agents with a dashboard
    socket seen since ``since``, and of those who switched auto-offline off
    (what a ``presence.update`` pushed from a job can know)."""
    rows = AccountUser.objects.filter(account_id=account_id).filter(
        Q(last_seen_at__gte=since) | Q(auto_offline=False)
    )
    return {
        str(user_id): availability
        for user_id, availability in rows.values_list("user_id", "availability")
    }


def waiting(*, inbox_ids) -> QuerySet[Conversation]:
    """Conversations waiting in these inboxes' queues, longest wait first."""
    return Conversation.objects.filter(
        inbox_id__in=inbox_ids,
        waiting_since__isnull=False,
        status=Conversation.Status.OPEN,
        assignee__isnull=True,
    ).order_by("waiting_since", "id")


def anyone_waiting(*, account_id: int) -> bool:
    """Whether any conversation of the account waits in a queue."""
    return Conversation.objects.filter(
        account_id=account_id,
        waiting_since__isnull=False,
        status=Conversation.Status.OPEN,
        assignee__isnull=True,
    ).exists()


def queue_position(conversation: Conversation) -> int | None:
    """The conversation's place in its inbox's queue (1 is next); None when it
    does not wait."""
    if conversation.waiting_since is None:
        return None
    ahead = (
        waiting(inbox_ids=[conversation.inbox_id])
        .filter(
            Q(waiting_since__lt=conversation.waiting_since)
            | Q(waiting_since=conversation.waiting_since, id__lt=conversation.pk)
        )
        .count()
    )
    return ahead + 1


def queue_stats(*, inbox_id: int) -> QueueStats:
    """The inbox's queue statistics (unsaved and empty before any hand-off)."""
    return QueueStats.objects.filter(pk=inbox_id).first() or QueueStats(
        inbox_id=inbox_id
    )


@dataclass(frozen=True)
class QueueSummary:
    """An inbox's queue at a glance, with the agents who work it."""

    inbox: Inbox
    waiting: int
    longest_waiting_since: datetime | None
    agent_ids: list[int]


def agent_loads(*, account_id: int) -> dict[int, int]:
    """Open conversations assigned to each agent of the account, by user id."""
    counts = defaultdict(int)
    for assignee_id, count in (
        Conversation.objects.filter(
            account_id=account_id,
            status=Conversation.Status.OPEN,
            assignee__isnull=False,
        )
        .order_by()
        .values_list("assignee_id")
        .annotate(Count("id"))
    ):
        counts[assignee_id] = count
    return dict(counts)


def queue_from(
    *, inbox_id: int, waiting_since: datetime, conversation_id: int
) -> tuple[int, list[Conversation]]:
    """The conversations waiting in the inbox's queue from a place (a
    ``waiting_since`` and a conversation id) to the back, in order, with the
    position of the first of them: whose place a change there moves."""
    queue = waiting(inbox_ids=[inbox_id])
    from_here = Q(waiting_since__gt=waiting_since) | Q(
        waiting_since=waiting_since, id__gte=conversation_id
    )
    ahead = queue.exclude(from_here).count()
    return ahead + 1, list(queue.filter(from_here).select_related("contact_inbox"))


def agent_limit(*, membership: AccountUser) -> int | None:
    """The most open conversations auto-assignment gives the agent in any of
    their inboxes (see ``combined_limit``)."""
    return combined_limit(
        own_limit=membership.auto_assignment_limit,
        account_limit=membership.account.auto_assignment_limit,
        inbox_limits=[
            inbox_limit(inbox)
            for inbox in Inbox.objects.filter(
                account_id=membership.account_id,
                enable_auto_assignment=True,
                inboxmember__user_id=membership.user_id,
            )
        ],
    )


def combined_limit(
    *, own_limit: int | None, account_limit: int | None, inbox_limits: list[int | None]
) -> int | None:
    """An agent's limit over their auto-assigned inboxes: their own, else the
    largest of their inboxes' (each falling back to the account's) and the
    account's; None for no limit."""
    if own_limit is not None:
        return own_limit
    effective = [account_limit if limit is None else limit for limit in inbox_limits]
    if not effective or None in effective:
        return account_limit if not effective else None
    return max(effective)


def agent_load(*, account_id: int, user_id: int) -> int:
    """The agent's open conversations in the account."""
    return Conversation.objects.filter(
        account_id=account_id, assignee_id=user_id, status=Conversation.Status.OPEN
    ).count()


@dataclass(frozen=True)
class QueuePlace:
    """Where a conversation stands in its inbox's queue; position None once it
    no longer waits."""

    conversation: Conversation
    position: int | None
    wait: int | None


@dataclass(frozen=True)
class AgentCapacity:
    """An agent's availability and load as auto-assignment sees them."""

    account_id: int
    user: User
    availability: str
    load: int
    limit: int | None

    @property
    def available(self) -> bool:
        """Online with room for one more conversation."""
        return self.availability == "online" and (
            self.limit is None or self.load < self.limit
        )


def queue_place(conversation: Conversation) -> QueuePlace:
    """The conversation's place now, with the estimated wait."""
    position = queue_position(conversation)
    wait = (
        queue_stats(inbox_id=conversation.inbox_id).estimate_wait(position)
        if position is not None
        else None
    )
    return QueuePlace(conversation=conversation, position=position, wait=wait)


def agent_capacity(*, membership: AccountUser) -> AgentCapacity:
    """The agent's availability, load and limit now."""
    return AgentCapacity(
        account_id=membership.account_id,
        user=membership.user,
        availability=membership.availability,
        load=agent_load(account_id=membership.account_id, user_id=membership.user_id),
        limit=agent_limit(membership=membership),
    )


@dataclass(frozen=True)
class QueueOverview:
    """The queues and agents' load one member may see."""

    inboxes: list[QueueSummary]
    agents: list[AgentCapacity]


def queue_overview(*, membership: AccountUser) -> QueueOverview:
    """Each inbox the member sees (all for administrators, their own for
    agents) with its waiting count and longest wait, and the capacity of the
    agents who work those inboxes (every member for administrators), in seven
    queries whatever the number of inboxes and agents."""
    account_id = membership.account_id
    inboxes = list(visible_inboxes(membership=membership))
    queues = {
        row["inbox_id"]: row
        for row in waiting(inbox_ids=[inbox.pk for inbox in inboxes])
        .order_by()
        .values("inbox_id")
        .annotate(count=Count("id"), oldest=Min("waiting_since"))
    }
    workers = defaultdict(list)
    # Invited users put in an inbox before they answer do not work it yet.
    for inbox_id, user_id in InboxMember.objects.filter(
        inbox__in=inboxes,
        user__is_active=True,
        user__memberships__account_id=account_id,
    ).values_list("inbox_id", "user_id"):
        workers[inbox_id].append(user_id)
    members = AccountUser.objects.filter(account_id=account_id, user__is_active=True)
    if not membership.is_administrator:
        seen = {user_id for ids in workers.values() for user_id in ids}
        members = members.filter(user_id__in=seen | {membership.user_id})
    members = list(members.select_related("user", "account").order_by("user_id"))
    limits = {
        inbox.pk: inbox_limit(inbox)
        for inbox in Inbox.objects.filter(
            account_id=account_id, enable_auto_assignment=True
        )
    }
    routed = defaultdict(list)
    for inbox_id, user_id in InboxMember.objects.filter(
        inbox_id__in=limits, user_id__in=[member.user_id for member in members]
    ).values_list("inbox_id", "user_id"):
        routed[user_id].append(limits[inbox_id])
    loads = agent_loads(account_id=account_id)
    return QueueOverview(
        inboxes=[
            QueueSummary(
                inbox=inbox,
                waiting=queues.get(inbox.pk, {}).get("count", 0),
                longest_waiting_since=queues.get(inbox.pk, {}).get("oldest"),
                agent_ids=sorted(workers[inbox.pk]),
            )
            for inbox in inboxes
        ],
        agents=[
            AgentCapacity(
                account_id=account_id,
                user=member.user,
                availability=member.availability,
                load=loads.get(member.user_id, 0),
                limit=combined_limit(
                    own_limit=member.auto_assignment_limit,
                    account_limit=member.account.auto_assignment_limit,
                    inbox_limits=routed[member.user_id],
                ),
            )
            for member in members
        ],
    )
