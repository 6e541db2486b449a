"""Chat throughput: visitors sending at a steady rate while agents listen.

    python bench/throughput.py

1,000 visitors, each in their own conversation and on their own socket, send
through the public client API (``POST /public/api/v1/inboxes/<identifier>/
contacts/<source_id>/conversations/<id>/messages``) at a steady total rate while
20 agents (inbox members) are connected. Every message must reach the 20 agents
and the visitor's own socket. The rate steps up until a step fails; a step
passes when every POST succeeded on time, nothing was lost and the p99 delivery
latency (POST sent until a socket had the frame) is under 200 ms. Runs on
SQLite with one server process, on PostgreSQL with one and with two.
"""

import argparse
import contextlib

import harness

SETUPS = {
    "sqlite-1": ("sqlite", 1),
    "postgres-1": ("postgres", 1),
    "postgres-2": ("postgres", 2),
}
P99_LIMIT_MS = 200


def sockets_and_senders(servers: list[harness.Process], data: dict) -> tuple:
    """Agent and visitor sockets spread over ``servers``, and one sender per
    visitor posting to the server its socket is on."""
    account, inbox = data["account_id"], data["inbox_identifier"]
    agents = [
        harness.agent_identifier(account, agent["user_id"], agent["pubsub_token"])
        for agent in data["agents"]
    ]
    visitors = [harness.visitor_identifier(visitor) for visitor in data["visitors"]]
    cables = [server.cable_url for server in servers]
    sockets = harness.spread(cables, agents, len(agents)) + harness.spread(
        cables, visitors, len(visitors)
    )
    senders = [
        harness.visitor_sender(
            servers[i % len(servers)], inbox, visitor, "__TAG__ hello"
        )
        for i, visitor in enumerate(data["visitors"])
    ]
    return sockets, senders


def step(
    servers: list[harness.Process],
    sockets: list[dict],
    senders: list[dict],
    rate: int,
    args,
    measured=None,
    flood: dict | None = None,
) -> dict:
    """One steady-rate step; the client's result, the servers' CPU time per
    message and whether it passed (``measured`` replaces the CPU meter: see
    ``harness.run_client``). ``flood`` adds sockets and untagged POSTs beside
    the measured ones: ``{"sockets": [...], "senders": [...], "rate": n}``."""
    extra = flood["sockets"] if flood else []
    config = {
        "mode": "throughput",
        "sockets": sockets + extra,
        "localAddresses": harness.source_addresses(len(sockets) + len(extra)),
        "senders": senders,
        "rate": rate,
        "durationS": args.duration,
        "expectPerMessage": len(sockets) - len(senders) + 1,
        "httpConnections": 64,
        "maxInFlight": rate * 2,
        "drainMs": 5000,
    }
    if flood:
        config["flood"] = {
            "senders": flood["senders"],
            "rate": flood["rate"],
            "durationS": args.duration,
        }
    cpu: dict = {}
    result = harness.run_client(config, measured or harness.cpu_meter(servers, cpu))
    if "error" in result:
        return {**result, "passed": False, "why": result["error"][:80]}
    if cpu and result["issued"]:
        result["cpu_ms"] = cpu["server_cpu_s"] * 1000 / result["issued"]
        for part in ("machine", *harness.NEIGHBOURS):
            result[f"{part}_cpu_ms"] = cpu[f"{part}_cpu_s"] * 1000 / result["issued"]
    why = []
    if result["issued"] < rate * args.duration:
        why.append("POSTs fell behind")
    elif result["posts_done_s"] > args.duration * 1.1 + 1:
        why.append(f"POSTs done after {result['posts_done_s']:.1f} s")
    if result["http_errors"]:
        why.append(f"HTTP errors {result['http_errors']}")
    if result["lost"]:
        why.append(f"{result['lost']} lost")
    if result["p99_ms"] is None or result["p99_ms"] >= P99_LIMIT_MS:
        why.append("p99 over 200 ms")
    return {**result, "passed": not why, "why": "; ".join(why)}


def run_setup(name: str, kind: str, args) -> list[dict]:
    """Every rate step on one setup, up to the first that fails."""
    database, processes = SETUPS[name]
    onechat = harness.onechat(database, args.redis_url)
    data = onechat.setup("--agents", str(args.agents), "--visitors", str(args.visitors))
    steps = []
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(onechat.server(kind, f"onechat-{kind}-{i}"))
            for i in range(processes)
        ]
        sockets, senders = sockets_and_senders(servers, data)
        # Warm-up, not counted: the first requests load code and open connections.
        step(servers, sockets, senders, 10, argparse.Namespace(duration=2))
        for rate in args.rates:
            print(f"-- {name}/{kind} at {rate} msg/s ({harness.machine_load()})")
            outcome = step(servers, sockets, senders, rate, args)
            steps.append({"setup": name, "server": kind, **outcome})
            print(
                f"   {'pass' if outcome['passed'] else 'FAIL'} {outcome['why']}: p50 "
                f"{harness.fmt(outcome.get('p50_ms'))} ms, p99 "
                f"{harness.fmt(outcome.get('p99_ms'))} ms, CPU "
                f"{harness.fmt(outcome.get('cpu_ms'))} ms/msg; "
                + ", ".join(
                    f"{part} {harness.fmt(outcome.get(f'{part}_cpu_ms'))}"
                    for part in (*harness.NEIGHBOURS, "machine")
                )
            )
            if not outcome["passed"]:
                break
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--setups", nargs="+", default=list(SETUPS), choices=list(SETUPS)
    )
    parser.add_argument(
        "--servers", nargs="+", default=["daphne"], choices=harness.SERVERS
    )
    parser.add_argument(
        "--rates", type=int, nargs="+", default=[50, 100, 200, 300, 400, 500, 600]
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per step")
    parser.add_argument("--visitors", type=int, default=1000)
    parser.add_argument("--agents", type=int, default=20)
    parser.add_argument("--redis-url", default=harness.DEFAULT_REDIS_URL)
    args = parser.parse_args()
    harness.prepare()
    print(f"start: {harness.machine_load()}")
    steps = [
        row
        for name in args.setups
        for kind in args.servers
        for row in run_setup(name, kind, args)
    ]
    print(f"end: {harness.machine_load()}\n")
    rows = [
        [
            row["setup"],
            row["server"],
            row.get("target_rate", "-"),
            harness.fmt(row["issued"] / row["posts_done_s"], 0)
            if row.get("posts_done_s")
            else "-",
            harness.fmt(row.get("p50_ms")),
            harness.fmt(row.get("p99_ms")),
            harness.fmt(row.get("max_ms")),
            row.get("lost", "-"),
            harness.fmt(row.get("http_p99_ms")),
            harness.fmt(row.get("cpu_ms")),
            *(
                harness.fmt(row.get(f"{part}_cpu_ms"))
                for part in (*harness.NEIGHBOURS, "machine")
            ),
            "pass" if row["passed"] else f"FAIL: {row['why']}",
        ]
        for row in steps
    ]
    print(
        harness.table(
            [
                "setup",
                "server",
                "rate/s",
                "done/s",
                "p50 ms",
                "p99 ms",
                "max ms",
                "lost",
                "POST p99 ms",
                "CPU ms/msg",
                *(f"{part} ms/msg" for part in (*harness.NEIGHBOURS, "machine")),
                "result",
            ],
            rows,
        )
    )
    best = {}
    for row in steps:
        key = f"{row['setup']}/{row['server']}"
        if row["passed"]:
            best[key] = max(best.get(key, 0), row["target_rate"])
    print()
    for key in dict.fromkeys(f"{row['setup']}/{row['server']}" for row in steps):
        print(f"highest sustained rate {key}: {best.get(key, 0)} msg/s")
    path = harness.save("throughput", {"load": harness.machine_load(), "steps": steps})
    print(f"\nraw results: {path}")


if __name__ == "__main__":
    main()
