"""Many agents: 200 agents, each on their own token, all members of one inbox.

    python bench/agents.py --agents 200

Each sample creates one message in a conversation of that inbox through the
Application API; the contract sends ``message.created`` to every member on
their own token, so this measures per-recipient fan-out: the time from the POST
until all agents had the frame (median / p95 / max) and the deliveries lost.
"""

import argparse

import fanout
import harness


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--agents", type=int, default=200)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--sample-timeout", type=int, default=15, help="seconds")
    parser.add_argument(
        "--servers", nargs="+", default=list(harness.SERVERS), choices=harness.SERVERS
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--redis-url", default=harness.DEFAULT_REDIS_URL)
    args = parser.parse_args()
    harness.prepare()
    print(f"start: {harness.machine_load()}")
    onechat = harness.onechat(args.database, args.redis_url)
    data = onechat.setup("--agents", str(args.agents))
    identifiers = [
        harness.agent_identifier(
            data["account_id"], agent["user_id"], agent["pubsub_token"]
        )
        for agent in data["agents"]
    ]
    results = {}
    for kind in args.servers:
        print(f"-- OneChat/{kind}, {args.agents} agents ({harness.machine_load()})")
        with onechat.server(kind) as server:
            trigger = harness.message_trigger(
                server, data, data["conversation"]["display_id"]
            )
            results[kind] = fanout.measure(
                server, identifiers, len(identifiers), trigger, args
            )
    print(f"end: {harness.machine_load()}\n")
    rows = [
        [
            f"OneChat/{kind}",
            row["subscribed"],
            row["samples"],
            *harness.fanout_cells(row),
            row["error"] or "",
        ]
        for kind, row in results.items()
    ]
    print(
        harness.table(
            ["server", "agents", "samples", *harness.FANOUT_HEADERS, "error"], rows
        )
    )
    path = harness.save("agents", {"load": harness.machine_load(), **results})
    print(f"\nraw results: {path}")


if __name__ == "__main__":
    main()
