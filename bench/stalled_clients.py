"""Stalled clients: do visitors who stop reading slow down anyone else?

    python bench/stalled_clients.py --agents 1000 5000 --stalled 1 10 100

N agents (members of one inbox, each on their own token) and 20 visitors of
that inbox are connected; the visitors send at a steady rate (``--rate``) and
every message must reach the N agents and its visitor's socket. Beside them,
K flooders (visitors of another inbox, whose messages reach none of the N
agents) post messages of 150,000 characters into their own conversations
(``--flood-rate`` in all), each about 900 KB on the wire. Each (N, K) runs
twice on a fresh server process: once with the flooders' sockets reading,
once with them stalled (subscribed, then never reading again). Prints the
healthy clients' delivery p50 / p99 and losses side by side, and the ratio of
the p99s. Target: with stalled clients, p99 within 1.5x, nothing lost.
"""

import argparse

import harness
import throughput

# "é" is escaped as \\u00e9 in event JSON: 6 bytes per character on the wire.
FLOOD_CONTENT = "é" * 150_000


def run(onechat: harness.OneChat, data: dict, stalled: int, stall: bool, args):
    """One step with ``stalled`` flooders, whose sockets read unless ``stall``."""
    flooders = data["flooders"][:stalled]
    with onechat.server(args.server) as server:
        sockets, senders = throughput.sockets_and_senders([server], data)
        flood = {
            "sockets": [
                {
                    "url": server.cable_url,
                    "identifier": harness.visitor_identifier(flooder),
                    "stall": stall,
                }
                for flooder in flooders
            ],
            "senders": [
                harness.visitor_sender(
                    server, data["api_inbox_identifier"], flooder, FLOOD_CONTENT
                )
                for flooder in flooders
            ],
            "rate": args.flood_rate,
        }
        # Warm-up, not counted: the first requests load code and open connections.
        throughput.step([server], sockets, senders, 5, argparse.Namespace(duration=2))
        return throughput.step([server], sockets, senders, args.rate, args, flood=flood)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--agents", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--stalled", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--rate", type=int, default=5, help="measured msg/s")
    parser.add_argument("--flood-rate", type=float, default=5, help="flood msg/s")
    parser.add_argument("--duration", type=int, default=10, help="seconds per step")
    parser.add_argument("--visitors", type=int, default=20)
    parser.add_argument("--server", choices=harness.SERVERS, default="uvicorn")
    parser.add_argument("--redis-url", default=harness.DEFAULT_REDIS_URL)
    args = parser.parse_args()
    harness.prepare()
    print(f"start: {harness.machine_load()}")
    rows = []
    raw = []
    for agents in args.agents:
        onechat = harness.onechat("sqlite", args.redis_url)
        data = onechat.setup(
            *("--agents", str(agents), "--visitors", str(args.visitors)),
            *("--flooders", str(max(args.stalled))),
        )
        for stalled in args.stalled:
            outcome = {}
            for stall in (False, True):
                print(
                    f"-- {agents} agents, {stalled} flooders "
                    f"{'stalled' if stall else 'reading'} ({harness.machine_load()})"
                )
                outcome[stall] = run(onechat, data, stalled, stall, args)
                raw.append(
                    {
                        "agents": agents,
                        "flooders": stalled,
                        "stall": stall,
                        **outcome[stall],
                    }
                )
            reading, stalling = outcome[False], outcome[True]
            ratio = (
                f"{stalling['p99_ms'] / reading['p99_ms']:.2f}x"
                if reading.get("p99_ms") and stalling.get("p99_ms")
                else "-"
            )
            rows.append(
                [
                    agents,
                    stalled,
                    *(
                        cell
                        for row in (reading, stalling)
                        for cell in (
                            harness.fmt(row.get("p50_ms")),
                            harness.fmt(row.get("p99_ms")),
                            row.get("lost", "-"),
                            row.get("flooded", "-"),
                        )
                    ),
                    ratio,
                ]
            )
    print(f"end: {harness.machine_load()}\n")
    print(
        harness.table(
            [
                "N agents",
                "K flooders",
                "reading p50 ms",
                "p99 ms",
                "lost",
                "flood POSTs",
                "stalled p50 ms",
                "p99 ms",
                "lost",
                "flood POSTs",
                "p99 stalled/reading",
            ],
            rows,
        )
    )
    path = harness.save(
        "stalled_clients", {"load": harness.machine_load(), "steps": raw}
    )
    print(f"\nraw results: {path}")


if __name__ == "__main__":
    main()
