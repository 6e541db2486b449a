"""Reports read in SQL: counts and averages over conversations, messages and
reporting events of one account, within a range, for the whole account or
one agent, inbox, label or team, bucketed by day, week or month in a time
zone."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import Avg, Count, Q, QuerySet
from django.db.models.functions import TruncDay, TruncMonth, TruncWeek

from accounts.models import Account, AccountUser, Inbox, Team
from conversations.models import Conversation, Label, Message
from reports.models import ReportingEvent

Name = ReportingEvent.Name
INCOMING = Message.MessageType.INCOMING
OUTGOING = Message.MessageType.OUTGOING

# Metric -> (what it reads, the reporting event it averages or counts).
METRICS = {
    "conversations_count": ("conversations", None),
    "incoming_messages_count": ("incoming", None),
    "outgoing_messages_count": ("outgoing", None),
    "avg_first_response_time": ("average", Name.FIRST_RESPONSE),
    "avg_resolution_time": ("average", Name.CONVERSATION_RESOLVED),
    "reply_time": ("average", Name.REPLY_TIME),
    "avg_reply_time": ("average", Name.REPLY_TIME),
    "avg_queue_wait_time": ("average", Name.QUEUE_WAIT),
    "resolutions_count": ("count", Name.CONVERSATION_RESOLVED),
    "reopens_count": ("count", Name.CONVERSATION_OPENED),
    "handoffs_count": ("count", Name.CONVERSATION_AGENT_HANDOFF),
    "bot_handoffs_count": ("count", Name.CONVERSATION_BOT_HANDOFF),
}
DIMENSIONS = ("account", "agent", "inbox", "label", "team")
TRUNCATE = {"day": TruncDay, "week": TruncWeek, "month": TruncMonth}

# Per dimension: the field naming its member on conversations, on reporting
# events, on incoming messages and on outgoing ones.
FIELDS = {
    "agent": ("assignee_id", "user_id", "conversation__assignee_id", "sender_user_id"),
    "inbox": ("inbox_id", "inbox_id", "inbox_id", "inbox_id"),
    "team": (
        "team_id",
        "conversation__team_id",
        "conversation__team_id",
        "conversation__team_id",
    ),
    "label": (
        "labels__id",
        "conversation__labels__id",
        "conversation__labels__id",
        "conversation__labels__id",
    ),
}


@dataclass(frozen=True)
class Scope:
    """What a report covers: an account's range [since, until), the whole
    account or one member of a dimension, read in ``zone``."""

    account_id: int
    dimension: str
    member_id: int | None
    since: datetime
    until: datetime
    zone: tzinfo
    business_hours: bool = False

    def previous(self) -> "Scope":
        """The period of the same length just before this one."""
        length = self.until - self.since
        return Scope(
            account_id=self.account_id,
            dimension=self.dimension,
            member_id=self.member_id,
            since=self.since - length,
            until=self.since,
            zone=self.zone,
            business_hours=self.business_hours,
        )

    def field(self, position: int) -> str | None:
        return None if self.dimension == "account" else FIELDS[self.dimension][position]

    def member(self, position: int) -> Q:
        field = self.field(position)
        return Q() if field is None else Q(**{field: self.member_id})

    @property
    def value_field(self) -> str:
        return "value_in_business_hours" if self.business_hours else "value"


def account_zone(account: Account) -> tzinfo:
    """The account's time zone (``custom_attributes.timezone``), UTC when
    unset or unknown."""
    name = (account.custom_attributes or {}).get("timezone") or "UTC"
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def dimension_members(*, account: Account, dimension: str) -> QuerySet:
    """The account's agents, inboxes, labels or teams as (id, name) rows."""
    if dimension == "agent":
        return (
            AccountUser.objects.filter(account=account)
            .order_by("user__name", "user_id")
            .values_list("user_id", "user__name")
        )
    model = {"inbox": Inbox, "label": Label, "team": Team}[dimension]
    name = "title" if dimension == "label" else "name"
    return (
        model.objects.filter(account=account)
        .order_by(name, "id")
        .values_list("id", name)
    )


def has_member(*, account: Account, dimension: str, member_id: int) -> bool:
    """Whether ``member_id`` names an agent, inbox, label or team of the account."""
    members = dimension_members(account=account, dimension=dimension)
    key = "user_id" if dimension == "agent" else "id"
    return members.filter(**{key: member_id}).exists()


### Sources


def conversations(scope: Scope) -> QuerySet[Conversation]:
    return Conversation.objects.filter(
        scope.member(0),
        account_id=scope.account_id,
        created_at__gte=scope.since,
        created_at__lt=scope.until,
    )


def messages(scope: Scope, message_type: int) -> QuerySet[Message]:
    position = 2 if message_type == INCOMING else 3
    return Message.objects.filter(
        scope.member(position),
        account_id=scope.account_id,
        message_type=message_type,
        created_at__gte=scope.since,
        created_at__lt=scope.until,
    )


def events(scope: Scope, names) -> QuerySet[ReportingEvent]:
    return ReportingEvent.objects.filter(
        scope.member(1),
        account_id=scope.account_id,
        name__in=list(names),
        created_at__gte=scope.since,
        created_at__lt=scope.until,
    )


def reporting_events(
    *,
    account: Account,
    since: int | None = None,
    until: int | None = None,
    inbox_id: int | None = None,
    user_id: int | None = None,
    name: str | None = None,
) -> QuerySet[ReportingEvent]:
    """The account's reporting events, newest first, narrowed by the filters
    given (since/until in unix seconds, until excluded)."""
    found = ReportingEvent.objects.filter(account=account).select_related(
        "conversation"
    )
    if since is not None:
        found = found.filter(created_at__gte=datetime.fromtimestamp(since, tz=UTC))
    if until is not None:
        found = found.filter(created_at__lt=datetime.fromtimestamp(until, tz=UTC))
    if inbox_id is not None:
        found = found.filter(inbox_id=inbox_id)
    if user_id is not None:
        found = found.filter(user_id=user_id)
    if name is not None:
        found = found.filter(name=name)
    return found.order_by("-created_at", "-id")


def conversation_reporting_events(
    conversation: Conversation,
) -> QuerySet[ReportingEvent]:
    """One conversation's reporting events, oldest first."""
    return conversation.reporting_events.select_related("conversation").order_by(
        "created_at", "id"
    )


def _source(scope: Scope, metric: str) -> QuerySet:
    kind, name = METRICS[metric]
    if kind == "conversations":
        return conversations(scope)
    if kind in ("incoming", "outgoing"):
        return messages(scope, INCOMING if kind == "incoming" else OUTGOING)
    return events(scope, [name])


### Time series


def _bucket_starts(scope: Scope, group_by: str) -> list[datetime]:
    """The start of every bucket touching [since, until), in ``zone``."""
    local = scope.since.astimezone(scope.zone)
    day = local.date()
    if group_by == "week":
        day -= timedelta(days=day.weekday())
    elif group_by == "month":
        day = day.replace(day=1)
    end = scope.until.astimezone(scope.zone)
    starts = []
    while True:
        start = datetime(day.year, day.month, day.day, tzinfo=scope.zone)
        if start >= end:
            return starts
        starts.append(start)
        day = _next_day(day, group_by)


def _next_day(day: date, group_by: str) -> date:
    if group_by == "day":
        return day + timedelta(days=1)
    if group_by == "week":
        return day + timedelta(days=7)
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def timeseries(*, scope: Scope, metric: str, group_by: str) -> list[dict]:
    """Chatwoot's ``[{value, timestamp}]`` for ``metric``, a bucket per day,
    week or month (zeros where nothing happened); averages carry the
    ``count`` of events they average."""
    kind, _name = METRICS[metric]
    average = kind == "average"
    rows = (
        _source(scope, metric)
        .annotate(bucket=TRUNCATE[group_by]("created_at", tzinfo=scope.zone))
        .values("bucket")
        .annotate(
            count=Count("id", distinct=scope.dimension == "label"),
            average=Avg(scope.value_field) if average else Count("id"),
        )
        .order_by("bucket")
    )
    found = {int(row["bucket"].timestamp()): row for row in rows}
    series = []
    for start in _bucket_starts(scope, group_by):
        row = found.get(int(start.timestamp()))
        stamp = int(start.timestamp())
        if average:
            value = float(row["average"] or 0) if row else 0.0
            series.append(
                {
                    "value": value,
                    "timestamp": stamp,
                    "count": row["count"] if row else 0,
                }
            )
        else:
            series.append({"value": row["count"] if row else 0, "timestamp": stamp})
    return series


### Summaries


def summary(scope: Scope) -> dict:
    """The counts and averages of ``scope`` (Chatwoot's summary, without
    ``previous``)."""
    distinct = scope.dimension == "label"
    value = scope.value_field
    conversations_count = conversations(scope).aggregate(
        n=Count("id", distinct=distinct)
    )["n"]
    # Both directions in one read: each with its own member field.
    exchanged = Message.objects.filter(
        (Q(message_type=INCOMING) & scope.member(2))
        | (Q(message_type=OUTGOING) & scope.member(3)),
        account_id=scope.account_id,
        created_at__gte=scope.since,
        created_at__lt=scope.until,
    ).aggregate(
        incoming=Count("id", filter=Q(message_type=INCOMING), distinct=distinct),
        outgoing=Count("id", filter=Q(message_type=OUTGOING), distinct=distinct),
    )
    figures = events(
        scope,
        [
            Name.FIRST_RESPONSE,
            Name.CONVERSATION_RESOLVED,
            Name.REPLY_TIME,
            Name.QUEUE_WAIT,
            Name.CONVERSATION_OPENED,
            Name.CONVERSATION_AGENT_HANDOFF,
        ],
    ).aggregate(**_event_figures(value, distinct))
    return {
        "conversations_count": conversations_count,
        "incoming_messages_count": exchanged["incoming"],
        "outgoing_messages_count": exchanged["outgoing"],
        "avg_first_response_time": figures["avg_first_response_time"] or 0.0,
        "avg_resolution_time": figures["avg_resolution_time"] or 0.0,
        "reply_time": figures["avg_reply_time"] or 0.0,
        "avg_queue_wait_time": figures["avg_queue_wait_time"] or 0.0,
        "resolutions_count": figures["resolutions_count"],
        "reopens_count": figures["reopens_count"],
        "handoffs_count": figures["handoffs_count"],
    }


def _event_figures(value: str, distinct: bool) -> dict:
    def average(name: str) -> Avg:
        return Avg(value, filter=Q(name=name))

    def count(name: str) -> Count:
        return Count("id", filter=Q(name=name), distinct=distinct)

    return {
        "avg_first_response_time": average(Name.FIRST_RESPONSE),
        "avg_resolution_time": average(Name.CONVERSATION_RESOLVED),
        "avg_reply_time": average(Name.REPLY_TIME),
        "avg_queue_wait_time": average(Name.QUEUE_WAIT),
        "resolutions_count": count(Name.CONVERSATION_RESOLVED),
        "reopens_count": count(Name.CONVERSATION_OPENED),
        "handoffs_count": count(Name.CONVERSATION_AGENT_HANDOFF),
    }


def summaries_by(*, account: Account, scope: Scope, dimension: str) -> list[dict]:
    """Chatwoot's summary reports: for each agent, inbox, label or team of
    the account (``dimension``), its conversations, resolutions and average
    times in the range of ``scope``."""
    conversation_field, event_field = FIELDS[dimension][0], FIELDS[dimension][1]
    whole = Scope(
        account_id=scope.account_id,
        dimension="account",
        member_id=None,
        since=scope.since,
        until=scope.until,
        zone=scope.zone,
        business_hours=scope.business_hours,
    )
    opened = dict(
        conversations(whole)
        .values(conversation_field)
        .annotate(n=Count("id"))
        .values_list(conversation_field, "n")
        .order_by()
    )
    figures = {
        row[event_field]: row
        for row in events(
            whole,
            [
                Name.FIRST_RESPONSE,
                Name.CONVERSATION_RESOLVED,
                Name.REPLY_TIME,
                Name.QUEUE_WAIT,
                Name.CONVERSATION_OPENED,
                Name.CONVERSATION_AGENT_HANDOFF,
            ],
        )
        .values(event_field)
        .annotate(**_event_figures(scope.value_field, False))
        .order_by()
    }
    rows = []
    for member_id, name in dimension_members(account=account, dimension=dimension):
        found = figures.get(member_id, {})
        rows.append(
            {
                "id": member_id,
                "name": name,
                "conversations_count": opened.get(member_id, 0),
                "resolved_conversations_count": found.get("resolutions_count", 0),
                "avg_resolution_time": found.get("avg_resolution_time") or 0.0,
                "avg_first_response_time": found.get("avg_first_response_time") or 0.0,
                "avg_reply_time": found.get("avg_reply_time") or 0.0,
            }
        )
    return rows
