"""Idle connections: resident memory per subscribed socket on one server process.

    python bench/idle_memory.py --connections 10000

For OneChat (daphne, uvicorn) and the Rails ActionCable peer: a fresh server
process, a short warm-up (so code loaded on first use is not counted), its
resident memory, then N sockets subscribed with one agent identifier held open,
its resident memory again. Prints the RSS delta divided by N. uvicorn runs
production's command line (``deploy/server.py``, through the harness):
its websocket options decide what each socket holds.
"""

import argparse
import time

import harness


def measure(server: harness.Process, identifier: str, count: int) -> dict:
    """RSS of ``server`` before and after ``count`` idle subscribed sockets."""
    warmup = {"sockets": harness.spread([server.cable_url], [identifier], 50)}
    with harness.client_holding(warmup):
        time.sleep(1)
    time.sleep(2)
    before = server.rss_kb()
    config = {
        "sockets": harness.spread([server.cable_url], [identifier], count),
        "localAddresses": harness.source_addresses(count),
        "connectConcurrency": 100,
    }
    with harness.client_holding(config) as ready:
        # Let a few pings (every 3 s) go by, so that per-socket buffers exist.
        time.sleep(7)
        after = server.rss_kb()
    subscribed = ready.get("ready", 0)
    return {
        "subscribed": subscribed,
        "rss_before_mb": before / 1024,
        "rss_after_mb": after / 1024,
        "kb_per_connection": (after - before) / subscribed if subscribed else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--connections", type=int, default=10000)
    parser.add_argument(
        "--targets",
        nargs="+",
        default=[*harness.SERVERS, "peer"],
        choices=[*harness.SERVERS, "peer"],
    )
    parser.add_argument("--redis-url", default=harness.DEFAULT_REDIS_URL)
    args = parser.parse_args()
    harness.prepare()
    print(f"start: {harness.machine_load()}")
    servers = [t for t in args.targets if t != "peer"]
    if servers:
        onechat = harness.onechat("sqlite", args.redis_url)
        data = onechat.setup()
        identifier = harness.agent_identifier(
            data["account_id"], data["user_id"], data["pubsub_token"]
        )
    results = {}
    for target in args.targets:
        print(f"-- {target}, {args.connections} connections")
        if target == "peer":
            with harness.peer(args.redis_url) as server:
                results[target] = measure(
                    server,
                    harness.agent_identifier(1, 1, "bench-idle"),
                    args.connections,
                )
        else:
            with onechat.server(target) as server:
                results[target] = measure(server, identifier, args.connections)
    print(f"end: {harness.machine_load()}\n")
    rows = [
        [
            "ActionCable peer" if target == "peer" else f"OneChat/{target}",
            row["subscribed"],
            harness.fmt(row["rss_before_mb"]),
            harness.fmt(row["rss_after_mb"]),
            harness.fmt(row["kb_per_connection"]),
        ]
        for target, row in results.items()
    ]
    print(
        harness.table(
            ["server", "subscribed", "RSS before MB", "RSS after MB", "KB/connection"],
            rows,
        )
    )
    path = harness.save("idle_memory", {"load": harness.machine_load(), **results})
    print(f"\nraw results: {path}")


if __name__ == "__main__":
    main()
