"""Where a visitor message's server CPU goes, part by part.

    python bench/chat_path.py --database postgres

A visitor message is ``POST /public/api/v1/inboxes/<identifier>/contacts/
<source_id>/conversations/<id>/messages``. This measures, on a fresh database
with 20 agents in the inbox and Redis fan-out on:

- each part of the request's work, called in one process (CPU time per call,
  ``time.process_time``, averaged over ``--calls``): the path lookup, the input
  check, the whole service call (transaction, events, Redis append), the pieces
  of the latter measured alone, and the response's serialisation;
- the whole request through one uvicorn process started with the production
  command line, from a keep-alive HTTP client: the server's CPU time per request
  (``/proc/<pid>/stat``) for the message POST, and for a JSON 404 (what any
  request costs before a view runs).

No socket is subscribed, so fan-out to websockets is not in these figures
(``bench/fanout.py`` and ``bench/throughput.py`` measure it).
"""

import argparse
import http.client
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import harness

sys.path.insert(0, str(harness.ROOT))


def message_url(data: dict) -> str:
    """The public API path of the first visitor's messages."""
    visitor = data["visitors"][0]
    return (
        f"/public/api/v1/inboxes/{data['inbox_identifier']}/contacts/"
        f"{visitor['source_id']}/conversations/{visitor['display_id']}/messages"
    )


def per_call(function: Callable[[], object], calls: int) -> float:
    """CPU milliseconds per call of ``function`` in this process (after warm-up)."""
    for _ in range(20):
        function()
    start = time.process_time()
    for _ in range(calls):
        function()
    return (time.process_time() - start) / calls * 1000


def in_process(data: dict, calls: int) -> list[tuple[str, float]]:
    """The parts of a visitor message, each timed alone. Runs under Django."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onechat.settings")
    django.setup()
    from django.test import Client

    from conversations import selectors, services
    from conversations.serializers import (
        MessageContentSerializer,
        MessageSerializer,
    )
    from realtime import events, fanout, streams
    from realtime.hub import Envelope

    visitor = data["visitors"][0]
    path = {
        "inbox_identifier": data["inbox_identifier"],
        "source_id": visitor["source_id"],
        "display_id": visitor["display_id"],
    }
    conversation = selectors.get_public_conversation(**path)
    message = services.send_contact_message(conversation=conversation, content="hi")
    context = {"contact_inbox": conversation.contact_inbox}
    body = events.encode_message("message.created", message)
    audience = events.readers_of(conversation) + events.contact_of(conversation)

    url = message_url(data)
    client = Client(headers={"host": "127.0.0.1"})

    def whole_request() -> None:
        response = client.post(url, {"content": "hi"}, content_type="application/json")
        if response.status_code != 200:
            raise RuntimeError(f"the POST answered {response.status_code}")

    return [
        (
            "path lookup (inbox, session, conversation)",
            per_call(lambda: selectors.get_public_conversation(**path), calls),
        ),
        (
            "input check",
            per_call(
                lambda: MessageContentSerializer(data={"content": "hi"}).is_valid(),
                calls,
            ),
        ),
        (
            "service: send_contact_message, all of it",
            per_call(
                lambda: services.send_contact_message(
                    conversation=conversation, content="hi"
                ),
                calls,
            ),
        ),
        (
            "  of which: agent audience, reused",
            per_call(lambda: events.readers_of(conversation), calls),
        ),
        (
            "  (agent audience read afresh, for comparison)",
            per_call(
                lambda: streams.agent_streams(
                    account_id=conversation.account_id, inbox_id=conversation.inbox_id
                ),
                calls,
            ),
        ),
        (
            "  of which: message.created payload, encoded",
            per_call(lambda: events.encode_message("message.created", message), calls),
        ),
        (
            "  of which: Redis append",
            per_call(
                lambda: fanout.send(Envelope(streams=tuple(audience), body=body)), calls
            ),
        ),
        (
            "response serialisation",
            per_call(lambda: MessageSerializer(message, context=context).data, calls),
        ),
        ("whole request, Django test client", per_call(whole_request, calls)),
    ]


def request(
    connection: http.client.HTTPConnection,
    method: str,
    path: str,
    body: str | None,
    headers: dict,
) -> None:
    """One request on a keep-alive connection, its answer read in full."""
    connection.request(method, path, body=body, headers=headers)
    connection.getresponse().read()


def through_uvicorn(onechat: harness.OneChat, data: dict, calls: int) -> list:
    """Server CPU per request through one production-like uvicorn process."""
    url = message_url(data)
    requests = [
        ("JSON 404 (no view runs)", "GET", "/public/api/v1/nothing", None),
        ("visitor message POST", "POST", url, json.dumps({"content": "hello"})),
    ]
    rows = []
    with onechat.server("uvicorn") as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port)
        headers = {"Content-Type": "application/json"}
        for label, method, path, body in requests:
            for _ in range(30):
                request(connection, method, path, body, headers)
            cpu, wall = server.cpu_seconds(), time.perf_counter()
            for _ in range(calls):
                request(connection, method, path, body, headers)
            rows.append(
                (
                    label,
                    (server.cpu_seconds() - cpu) / calls * 1000,
                    (time.perf_counter() - wall) / calls * 1000,
                )
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database", choices=["sqlite", "postgres"], default="postgres"
    )
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--redis-url", default=harness.DEFAULT_REDIS_URL)
    parser.add_argument("--inside", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        # The in-process half, run by the outer half under the bench's database.
        data = json.loads(args.inside.read_text())
        print(json.dumps(in_process(data, args.calls)))
        return
    harness.prepare()
    print(f"start: {harness.machine_load()}")
    onechat = harness.onechat(args.database, args.redis_url)
    data = onechat.setup("--agents", "20", "--visitors", "10")
    handles = harness.RESULTS / f"chat-path-{harness.RUN}.json"
    handles.write_text(json.dumps(data))
    # The last line: logs may come before it.
    output = onechat.python(
        __file__, "--inside", str(handles), "--calls", str(args.calls)
    )
    parts = json.loads(output.strip().splitlines()[-1])
    requests = through_uvicorn(onechat, data, args.calls)
    print(f"end: {harness.machine_load()}\n")
    print(f"In one process ({args.database}, Redis fan-out), CPU ms per call:")
    print(harness.table(["part", "CPU ms"], [[p, f"{ms:.2f}"] for p, ms in parts]))
    print(f"\nThrough one uvicorn process ({args.database}), per request:")
    print(
        harness.table(
            ["request", "server CPU ms", "wall ms"],
            [[label, f"{cpu:.2f}", f"{wall:.2f}"] for label, cpu, wall in requests],
        )
    )
    harness.save("chat-path", {"parts": parts, "requests": requests})


if __name__ == "__main__":
    main()
