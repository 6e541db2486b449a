"""Reports: how fast summaries and time series answer over a large history.

    python bench/reports.py --database postgres

On a fresh database of its own (created and dropped by the harness), in one
process: 100,000 conversations over 90 days in the demo account's inboxes,
four messages each (two from the contact, two answers) and their reporting
events (first response, two reply times, a resolution), written with
``bulk_create``; then the API's answer times (through Django's test client,
authentication and JSON included), the median of several calls after a
warm-up: the account's summary with its previous period, one inbox's
summary, time series by day of a count and of an average, and the summary
per agent.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import timedelta

import harness

sys.path.insert(0, str(harness.ROOT))

BATCH = 5000
DAYS = 90


def generate(conversations: int) -> dict:
    """Write the history; its handles and how long writing took."""
    from django.db import connection
    from django.utils import timezone

    from accounts.models import Account, AccountUser, Inbox
    from contacts.models import Contact, ContactInbox
    from conversations.models import Conversation, Message
    from onechat.demo import DEMO_ACCOUNT_NAME
    from reports.models import ReportingEvent

    started = time.perf_counter()
    account = Account.objects.get(name=DEMO_ACCOUNT_NAME)
    inboxes = list(Inbox.objects.filter(account=account))
    agents = list(
        AccountUser.objects.filter(account=account).values_list("user_id", flat=True)
    )
    contacts = Contact.objects.bulk_create(
        Contact(account=account, name=f"Visitor {n}") for n in range(1000)
    )
    links = ContactInbox.objects.bulk_create(
        ContactInbox(
            contact=contact, inbox=inboxes[n % len(inboxes)], source_id=f"b{n}"
        )
        for n, contact in enumerate(contacts)
    )
    # The history is dated in the past: the stamps are set, not "now".
    for model in (Conversation, Message):
        model._meta.get_field("created_at").auto_now_add = False
    now = timezone.now()
    rng = random.Random(7)
    first = account.last_conversation_display_id + 1
    made = 0
    Name = ReportingEvent.Name
    while made < conversations:
        size = min(BATCH, conversations - made)
        rows = []
        for n in range(made, made + size):
            link = links[n % len(links)]
            rows.append(
                Conversation(
                    account=account,
                    inbox_id=link.inbox_id,
                    contact_id=link.contact_id,
                    contact_inbox=link,
                    display_id=first + n,
                    status=Conversation.Status.RESOLVED,
                    assignee_id=agents[n % len(agents)],
                    created_at=now - timedelta(seconds=rng.randrange(DAYS * 86400)),
                )
            )
        batch = Conversation.objects.bulk_create(rows)
        messages, events = [], []
        for conversation in batch:
            start = conversation.created_at
            waits = [rng.randrange(30, 7200) for _ in range(2)]
            stamps = [start, start + timedelta(seconds=waits[0])]
            stamps += [stamps[1] + timedelta(seconds=60)]
            stamps += [stamps[2] + timedelta(seconds=waits[1])]
            for index, stamp in enumerate(stamps):
                messages.append(
                    Message(
                        account_id=account.pk,
                        inbox_id=conversation.inbox_id,
                        conversation=conversation,
                        message_type=index % 2,
                        content="hello",
                        sender_user_id=conversation.assignee_id if index % 2 else None,
                        created_at=stamp,
                    )
                )
            resolved = stamps[3] + timedelta(seconds=rng.randrange(60, 3600))
            for name, begin, end in (
                (Name.FIRST_RESPONSE, stamps[0], stamps[1]),
                (Name.REPLY_TIME, stamps[0], stamps[1]),
                (Name.REPLY_TIME, stamps[2], stamps[3]),
                (Name.CONVERSATION_RESOLVED, stamps[0], resolved),
            ):
                seconds = (end - begin).total_seconds()
                events.append(
                    ReportingEvent(
                        name=name,
                        value=seconds,
                        value_in_business_hours=seconds * 0.6,
                        account_id=account.pk,
                        inbox_id=conversation.inbox_id,
                        user_id=conversation.assignee_id,
                        conversation=conversation,
                        event_start_time=begin,
                        event_end_time=end,
                        created_at=end,
                    )
                )
        Message.objects.bulk_create(messages, batch_size=BATCH)
        ReportingEvent.objects.bulk_create(events, batch_size=BATCH)
        made += size
    Account.objects.filter(pk=account.pk).update(
        last_conversation_display_id=first + conversations
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "account_id": account.pk,
        "inbox_id": inboxes[0].pk,
        "write_seconds": time.perf_counter() - started,
        "conversations": conversations,
        "messages": Message.objects.filter(account=account).count(),
        "reporting_events": ReportingEvent.objects.filter(account=account).count(),
    }


def in_process(conversations: int, calls: int) -> dict:
    """The figures, measured under Django."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onechat.settings")
    import django

    django.setup()
    from django.utils import timezone
    from rest_framework.test import APIClient

    from accounts.models import User
    from onechat.demo import DEMO_EMAIL

    figures = generate(conversations)
    client = APIClient(HTTP_HOST="127.0.0.1")
    client.credentials(
        HTTP_API_ACCESS_TOKEN=User.objects.get(email=DEMO_EMAIL).access_token
    )
    until = int(timezone.now().timestamp())
    since = until - DAYS * 86400
    base = f"/api/v2/accounts/{figures['account_id']}"
    span = {"since": since, "until": until}
    requests = {
        "summary, 90 days": ("reports/summary", span),
        "summary of one inbox": (
            "reports/summary",
            {**span, "type": "inbox", "id": figures["inbox_id"]},
        ),
        "conversations_count by day": (
            "reports",
            {**span, "metric": "conversations_count"},
        ),
        "avg_first_response_time by day, business hours": (
            "reports",
            {**span, "metric": "avg_first_response_time", "business_hours": "true"},
        ),
        "reply_time by week": (
            "reports",
            {**span, "metric": "reply_time", "group_by": "week"},
        ),
        "summary per agent": ("summary_reports/agent", span),
    }
    timings = {}
    for label, (path, params) in requests.items():
        durations = []
        for _ in range(calls + 1):
            started = time.perf_counter()
            response = client.get(f"{base}/{path}", params)
            durations.append(time.perf_counter() - started)
            assert response.status_code == 200, response.content[:300]
        timings[label] = statistics.median(durations[1:]) * 1000
    figures["ms"] = timings
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database", choices=["sqlite", "postgres"], default="postgres"
    )
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=5)
    parser.add_argument("--redis-url", default=harness.DEFAULT_REDIS_URL)
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        print(json.dumps(in_process(args.conversations, args.calls)))
        return
    harness.RESULTS.mkdir(exist_ok=True)
    print(f"start: {harness.machine_load()}")
    onechat = harness.onechat(args.database, args.redis_url)
    output = onechat.python(
        __file__,
        *["--inside", "--conversations", str(args.conversations)],
        *["--calls", str(args.calls)],
    )
    figures = json.loads(output.strip().splitlines()[-1])
    print(f"end: {harness.machine_load()}\n")
    print(
        f"{figures['conversations']} conversations, {figures['messages']} messages, "
        f"{figures['reporting_events']} reporting events written in "
        f"{figures['write_seconds']:.0f} s ({args.database})\n"
    )
    print(
        harness.table(
            ["report (GET, median)", "ms"],
            [[label, f"{ms:.0f}"] for label, ms in figures["ms"].items()],
        )
    )
    harness.save("reports", figures)


if __name__ == "__main__":
    main()
