"""Webhooks: what they cost the chat path, and how fast deliveries go out.

    python bench/webhooks.py --database postgres

On a fresh database (as ``bench/chat_path.py`` sets one up, Redis fan-out
on), in one process:

- the CPU time of a visitor message's service call
  (``send_contact_message``: transaction, events, outbox rows and their
  jobs) with 0, 1 and 10 webhooks subscribed to ``message_created``;
- deliveries per second to a receiver on 127.0.0.1 (``http.server`` in a
  thread of the same process, answering 200 at once), expanded and sent one
  after the other as one job worker does (the job queue's own overhead
  aside), body building, signing and bookkeeping included.
"""

import argparse
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import harness
from chat_path import per_call

sys.path.insert(0, str(harness.ROOT))


def receiver() -> str:
    """Start a receiver answering 200 to every POST; its URL."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/hook"


def in_process(data: dict, calls: int, deliveries: int) -> dict:
    """The figures, measured under Django."""
    os.environ["WEBHOOK_ALLOWED_NETWORKS"] = "127.0.0.1/32"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onechat.settings")
    import django

    django.setup()
    from accounts.models import Account
    from conversations import selectors, services
    from webhooks import engine, outbox
    from webhooks.models import OutboxEvent, Webhook, WebhookDelivery
    from webhooks.services import create_webhook

    visitor = data["visitors"][0]
    conversation = selectors.get_public_conversation(
        inbox_identifier=data["inbox_identifier"],
        source_id=visitor["source_id"],
        display_id=visitor["display_id"],
    )
    account = Account.objects.get(pk=conversation.account_id)
    url = receiver()

    def message() -> None:
        services.send_contact_message(conversation=conversation, content="hi")

    chat_path = {}
    for count in (0, 1, 10):
        Webhook.objects.filter(account=account).delete()
        for _ in range(count):
            create_webhook(account=account, url=url, subscriptions=["message_created"])
        chat_path[count] = per_call(message, calls)

    Webhook.objects.filter(account=account).delete()
    OutboxEvent.objects.all().delete()
    create_webhook(account=account, url=url, subscriptions=["message_created"])
    for _ in range(deliveries):
        message()
    events = OutboxEvent.objects.filter(expanded=False).order_by("id")
    start = time.perf_counter()
    pending = [
        pk
        for event_id in events.values_list("pk", flat=True)
        for pk in outbox.expand(event_id)
    ]
    for pk in pending:
        engine.deliver(pk)
    elapsed = time.perf_counter() - start
    delivered = WebhookDelivery.objects.filter(
        pk__in=pending, status="delivered"
    ).count()
    return {
        "chat_path_cpu_ms": chat_path,
        "deliveries": delivered,
        "deliveries_per_second": delivered / elapsed if elapsed else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database", choices=["sqlite", "postgres"], default="postgres"
    )
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--deliveries", type=int, default=500)
    parser.add_argument("--redis-url", default=harness.DEFAULT_REDIS_URL)
    parser.add_argument("--inside", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        data = json.loads(args.inside.read_text())
        figures = in_process(data, args.calls, args.deliveries)
        print(json.dumps(figures))
        return
    harness.RESULTS.mkdir(exist_ok=True)
    print(f"start: {harness.machine_load()}")
    onechat = harness.onechat(args.database, args.redis_url)
    data = onechat.setup("--agents", "20", "--visitors", "10")
    handles = harness.RESULTS / f"webhooks-{harness.RUN}.json"
    handles.write_text(json.dumps(data))
    output = onechat.python(
        __file__,
        *["--inside", str(handles), "--calls", str(args.calls)],
        *["--deliveries", str(args.deliveries)],
    )
    figures = json.loads(output.strip().splitlines()[-1])
    print(f"end: {harness.machine_load()}\n")
    cpu = figures["chat_path_cpu_ms"]
    base = cpu["0"]
    print(f"Visitor message, service call, CPU ms ({args.database}):")
    print(
        harness.table(
            ["webhooks subscribed", "CPU ms", "vs none"],
            [
                [count, f"{ms:.2f}", f"{(ms / base - 1) * 100:+.1f}%"]
                for count, ms in cpu.items()
            ],
        )
    )
    print(
        f"\nDeliveries to a local receiver, one after the other: "
        f"{figures['deliveries_per_second']:.0f}/s ({figures['deliveries']} sent)"
    )
    harness.save("webhooks", figures)


if __name__ == "__main__":
    main()
