"""Routing over a simulated day, and the cost of a long queue.

    python bench/routing.py [--hours 10] [--agents 8] [--limit 3] [--seed 1]

Runs OneChat's own services (routing after each commit, events built and
encoded as in production, the fan-out replaced by a counter) on a fresh SQLite
database, or on DATABASE_URL's PostgreSQL database when set (it must be empty:
the script migrates it). Time is simulated: Django's clock is moved from one
event to the next (visitors arriving at a rate that peaks at midday; agents
resolving after a log-normal handling time), so a day takes minutes.

Prints:
- waits (arrival to hand-off): p50, p95, share served at once;
- the wait estimates every waiting visitor was pushed, against the wait that
  followed: median absolute error and share within 30 s (at arrival, and over
  every update);
- how long capacity stood free while someone waited: after every event the
  script checks whether an online agent with room and a waiting visitor of the
  same inbox coexist (simulated time), and times, wall-clock, each resolve
  that frees capacity while someone waits, from the commit that frees it to
  the commit of the hand-off it causes (and the whole resolve call, with the
  queue places pushed after the hand-off);
- a queue of 1,000 waiting visitors: events and CPU per change (a hand-off at
  the front, a visitor joining at the back, an agent coming online with room
  for three: one place pushed per waiting visitor, not three).
"""

import argparse
import heapq
import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

# The project root instead of bench/, whose markdown.py would shadow the
# Markdown package the serializers import.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = (
        f"sqlite:///{tempfile.mkdtemp(prefix='onechat-bench-routing-')}/db.sqlite3"
    )
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onechat.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models.signals import post_save  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Account, AccountUser, Inbox, User  # noqa: E402
from contacts.models import Contact, ContactInbox  # noqa: E402
from conversations import services  # noqa: E402
from conversations.models import Conversation  # noqa: E402
from realtime import fanout  # noqa: E402
from routing import selectors  # noqa: E402


class Clock:
    """Simulated time: Django's ``timezone.now`` reads it."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class CommitClock:
    """Wall-clock times of the commits that free capacity (a conversation
    leaving an agent) and of those that hand a waiting conversation over."""

    def __init__(self) -> None:
        self.freeing = self.handing = False
        self.freed_at: tuple[float, float] | None = None
        # (wall clock, this process's CPU) from freeing to hand-off commits.
        self.gaps: list[tuple[float, float]] = []
        original = connection.commit

        def commit() -> None:
            original()
            now = (time.perf_counter(), time.process_time())
            if self.freeing:
                self.freed_at = now
            if self.handing and self.freed_at is not None:
                self.gaps.append((now[0] - self.freed_at[0], now[1] - self.freed_at[1]))
                self.freed_at = None
            self.freeing = self.handing = False

        connection.commit = commit
        post_save.connect(self.saved, Conversation, weak=False)

    def saved(self, sender, instance, created, **kwargs) -> None:
        changes = instance.saved_changes
        if "status" in changes and changes["status"][0] == "open":
            self.freeing = True
        if "waiting_since" in changes and changes["waiting_since"][1] is None:
            self.handing = True


class Recorder:
    """Counts what would go to the sockets and keeps the queue estimates."""

    def __init__(self) -> None:
        self.events = 0
        self.estimates: list[tuple[int, datetime, int | None, int | None]] = []
        self.clock: Clock | None = None

    def send(self, envelope) -> None:
        self.events += 1
        message = json.loads(envelope.body)
        if message["event"] == "conversation.queue_position" and self.clock:
            data = message["data"]
            self.estimates.append(
                (
                    data["conversation_id"],
                    self.clock.now,
                    data["position"],
                    data["wait"],
                )
            )


def setup(*, agents: int, limit: int) -> tuple[Account, Inbox, list[AccountUser]]:
    account = Account.objects.create(name="Bench routing", auto_assignment_limit=limit)
    inbox = Inbox.objects.create(
        account=account, name="Website", channel_type="website"
    )
    memberships = []
    for number in range(agents):
        user = User.objects.create_user(
            f"routing-{account.pk}-{number}@onechat.local", None, name=f"Agent {number}"
        )
        memberships.append(AccountUser.objects.create(account=account, user=user))
        inbox.members.add(user)
    return account, inbox, memberships


def visit(inbox: Inbox) -> Conversation:
    contact = Contact.objects.create(account=inbox.account)
    session = ContactInbox.objects.create(contact=contact, inbox=inbox)
    message = services.create_contact_message(contact_inbox=session, content="hi")
    return Conversation.objects.get(pk=message.conversation_id)


def arrival_rate(hour: float, peak: float) -> float:
    """Visitors per minute: a quarter of the peak at opening, the peak at midday."""
    return peak * (0.25 + 0.75 * math.sin(math.pi * min(max(hour / 10, 0), 1)))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def simulate_day(args, clock: Clock, recorder: Recorder) -> None:
    account, inbox, _ = setup(agents=args.agents, limit=args.limit)
    rng = random.Random(args.seed)
    start = clock.now
    end = start + timedelta(hours=args.hours)
    # (time, order, kind, conversation id)
    agenda: list[tuple[datetime, int, str, int]] = []
    order = 0
    arrived: dict[int, datetime] = {}
    served: dict[int, datetime] = {}
    displayed: dict[int, int] = {}
    free_capacity_seen = 0
    handoff_latencies: list[float] = []
    commits = CommitClock()

    def schedule(at: datetime, kind: str, conversation_id: int = 0) -> None:
        nonlocal order
        order += 1
        heapq.heappush(agenda, (at, order, kind, conversation_id))

    def next_arrival(after: datetime) -> datetime:
        hour = (after - start).total_seconds() / 3600
        minutes = rng.expovariate(arrival_rate(hour, args.peak))
        return after + timedelta(minutes=minutes)

    def note_assignments() -> None:
        for pk, display_id in Conversation.objects.filter(
            account=account, assignee__isnull=False, pk__in=set(arrived) - set(served)
        ).values_list("pk", "display_id"):
            served[pk] = clock.now
            displayed[display_id] = pk
            # Handling time: log-normal around args.handling minutes.
            minutes = rng.lognormvariate(math.log(args.handling), 0.6)
            schedule(clock.now + timedelta(minutes=minutes), "resolve", pk)

    schedule(next_arrival(start), "arrive")
    while agenda:
        at, _, kind, pk = heapq.heappop(agenda)
        clock.now = at
        if kind == "arrive":
            if at >= end:
                continue
            conversation = visit(inbox)
            arrived[conversation.pk] = at
            displayed[conversation.display_id] = conversation.pk
            schedule(next_arrival(at), "arrive")
        else:
            conversation = Conversation.objects.get(pk=pk)
            waiting_before = selectors.waiting(inbox_ids=[inbox.pk]).exists()
            started = time.perf_counter()
            services.change_status(conversation=conversation, status="resolved")
            if waiting_before:
                handoff_latencies.append(time.perf_counter() - started)
        note_assignments()
        roster = selectors.assignment_roster(account_id=account.pk)
        if roster.inboxes_with_room() and selectors.waiting(inbox_ids=[inbox.pk]):
            free_capacity_seen += 1

    waits = [(served[pk] - arrived[pk]).total_seconds() for pk in served]
    print(
        f"simulated: {args.hours} h, {len(arrived)} visitors, {args.agents} agents "
        f"of limit {args.limit}, handling ~{args.handling} min (log-normal)"
    )
    at_once = sum(wait == 0 for wait in waits) / len(waits)
    print(
        f"wait: p50 {percentile(waits, 0.5):.0f} s, "
        f"p95 {percentile(waits, 0.95):.0f} s, max {max(waits):.0f} s; "
        f"served at once {at_once:.0%}"
    )

    at_arrival, every_update = [], []
    first_seen: set[int] = set()
    for display_id, at, position, wait in recorder.estimates:
        pk = displayed.get(display_id)
        if pk is None or pk not in served or position is None or wait is None:
            continue
        error = abs(wait - (served[pk] - at).total_seconds())
        every_update.append(error)
        if pk not in first_seen:
            first_seen.add(pk)
            at_arrival.append(error)
    for label, errors in (
        ("at arrival", at_arrival),
        ("every update", every_update),
    ):
        if errors:
            within = sum(error <= 30 for error in errors) / len(errors)
            print(
                f"estimate error ({label}, n={len(errors)}): median "
                f"{statistics.median(errors):.0f} s, within 30 s {within:.0%}"
            )
    print(
        f"capacity free while someone waited, after an event: "
        f"{free_capacity_seen} times of {order}"
    )
    if commits.gaps:
        walls, cpus = zip(*commits.gaps, strict=True)
        print(
            f"capacity freed (commit) to hand-off committed: wall clock p50 "
            f"{statistics.median(walls) * 1000:.1f} ms, max "
            f"{max(walls) * 1000:.1f} ms; CPU p50 "
            f"{statistics.median(cpus) * 1000:.1f} ms, max {max(cpus) * 1000:.1f} ms "
            f"over {len(walls)} hand-offs"
        )
    if handoff_latencies:
        print(
            f"whole resolve call with a queue (hand-off and places pushed): p50 "
            f"{statistics.median(handoff_latencies) * 1000:.0f} ms, max "
            f"{max(handoff_latencies) * 1000:.0f} ms"
        )


def long_queue(args, clock: Clock, recorder: Recorder) -> None:
    account, inbox, _ = setup(agents=1, limit=1)
    served = visit(inbox)
    for _ in range(args.queue):
        clock.now += timedelta(seconds=1)
        visit(inbox)
    assert selectors.waiting(inbox_ids=[inbox.pk]).count() == args.queue
    changes = 10
    events_before, cpu_before = recorder.events, time.process_time()
    wall_before = time.perf_counter()
    for _ in range(changes):
        clock.now += timedelta(seconds=30)
        services.change_status(conversation=served, status="resolved")
        served = Conversation.objects.get(
            account=account, status="open", assignee__isnull=False
        )
    front_events = (recorder.events - events_before) / changes
    front_cpu = (time.process_time() - cpu_before) / changes
    front_wall = (time.perf_counter() - wall_before) / changes
    events_before, cpu_before = recorder.events, time.process_time()
    for _ in range(changes):
        visit(inbox)
    back_events = (recorder.events - events_before) / changes
    back_cpu = (time.process_time() - cpu_before) / changes
    print(
        f"queue of {args.queue}: a hand-off at the front: {front_events:.0f} events, "
        f"{front_cpu * 1000:.0f} ms CPU ({front_wall * 1000:.0f} ms wall); "
        f"a visitor joining at the back: {back_events:.0f} events, "
        f"{back_cpu * 1000:.0f} ms CPU"
    )
    user = User.objects.create_user(
        f"routing-{account.pk}-late@onechat.local", None, name="Late agent"
    )
    late = AccountUser.objects.create(
        account=account, user=user, availability="offline", auto_assignment_limit=3
    )
    inbox.members.add(user)
    events_before, cpu_before = recorder.events, time.process_time()
    places_before = len(recorder.estimates)
    late.availability = "online"
    late.save(update_fields=["availability"])
    places = len(recorder.estimates) - places_before
    print(
        f"an agent coming online with room for 3: "
        f"{recorder.events - events_before} events ({places} places pushed), "
        f"{(time.process_time() - cpu_before) * 1000:.0f} ms CPU"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=10)
    parser.add_argument("--agents", type=int, default=6)
    parser.add_argument("--limit", type=int, default=2)
    parser.add_argument("--peak", type=float, default=2.4, help="visitors/min at peak")
    parser.add_argument("--handling", type=float, default=6.0, help="minutes")
    parser.add_argument("--queue", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    clock, recorder = Clock(), Recorder()
    recorder.clock = clock
    timezone.now = clock
    fanout.send = recorder.send
    started = time.perf_counter()
    simulate_day(args, clock, recorder)
    long_queue(args, clock, recorder)
    print(
        f"({time.perf_counter() - started:.0f} s of wall clock, "
        f"{os.environ['DATABASE_URL'].split(':')[0]})"
    )


if __name__ == "__main__":
    main()
