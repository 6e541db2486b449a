"""Fan-out: N sockets subscribed with one agent identifier, one message at a time.

    python bench/fanout.py --subscribers 1000 5000 10000

For every N and every target (OneChat under daphne, under uvicorn, the Rails
ActionCable peer) in the same run: fresh server process, N subscribed sockets,
then per sample one message through the Application API (the peer: one
``POST /broadcast`` with a body of the same size) and the time from the POST
until every socket had the ``message.created`` frame. Prints median / p95 / max
over the samples, the deliveries lost, and OneChat's ratio to the peer.
"""

import argparse
import json

import harness

SAMPLE = harness.ROOT / "tests" / "samples" / "message_created.json"


def peer_trigger(
    server: harness.Process, token: str, identifier: str, size: int
) -> dict:
    """A ``/broadcast`` whose frame is ``size`` bytes, like OneChat's frame."""
    message = json.loads(SAMPLE.read_text())["message"]
    message["data"]["content"] = "__TAG__"
    frame = json.dumps(
        {"identifier": identifier, "message": message}, separators=(",", ":")
    )
    # The tag replaces "__TAG__" (7 bytes) with "bnchX<k>X" (about 7 bytes).
    message["data"]["content"] = "__TAG__" + "." * max(0, size - len(frame))
    return {
        "url": f"{server.url}/broadcast?token={token}",
        "body": json.dumps(message, separators=(",", ":")),
    }


def measure(
    server: harness.Process,
    identifiers: list[str],
    count: int,
    trigger: dict,
    args,
    measured=None,
) -> dict:
    """``count`` sockets on ``server`` subscribed with ``identifiers`` in turn;
    the fan-out summary with the server's CPU time per message (``measured``
    replaces the CPU meter: see ``harness.run_client``)."""
    sockets = harness.spread([server.cable_url], identifiers, count)
    config = harness.fanout_config(sockets, trigger, args.samples, args.sample_timeout)
    cpu: dict = {}
    result = harness.run_client(config, measured or harness.cpu_meter([server], cpu))
    summary = harness.fanout_summary(result)
    if cpu and summary["samples"]:
        messages = summary["samples"] + config["warmup"]
        summary["cpu_ms"] = cpu["server_cpu_s"] * 1000 / messages
    return summary


def run_onechat(
    onechat: harness.OneChat, data: dict, kind: str, count: int, args
) -> dict:
    identifier = harness.agent_identifier(
        data["account_id"], data["user_id"], data["pubsub_token"]
    )
    with onechat.server(kind) as server:
        trigger = harness.message_trigger(
            server, data, data["conversation"]["display_id"]
        )
        return measure(server, [identifier], count, trigger, args)


def run_peer(count: int, frame_bytes: int, args) -> dict:
    token = f"bench-fanout-{count}"
    identifier = harness.agent_identifier(1, 1, token)
    with harness.peer(args.redis_url) as server:
        trigger = peer_trigger(server, token, identifier, frame_bytes)
        return measure(server, [identifier], count, trigger, args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--subscribers", type=int, nargs="+", default=[1000, 5000, 10000]
    )
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--sample-timeout", type=int, default=15, help="seconds")
    parser.add_argument(
        "--targets",
        nargs="+",
        default=[*harness.SERVERS, "peer"],
        choices=[*harness.SERVERS, "peer"],
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--redis-url", default=harness.DEFAULT_REDIS_URL)
    args = parser.parse_args()
    harness.prepare()
    print(f"start: {harness.machine_load()}")
    servers = [t for t in args.targets if t != "peer"]
    onechat = data = None
    if servers:
        onechat = harness.onechat(args.database, args.redis_url)
        data = onechat.setup()
    default_bytes = len(
        json.dumps(json.loads(SAMPLE.read_text()), separators=(",", ":"))
    )
    results: dict[str, dict[int, dict]] = {target: {} for target in args.targets}
    for count in args.subscribers:
        frame_bytes = default_bytes
        for kind in servers:
            print(f"-- OneChat/{kind}, {count} subscribers ({harness.machine_load()})")
            outcome = run_onechat(onechat, data, kind, count, args)
            results[kind][count] = outcome
            frame_bytes = outcome["frame_bytes"] or frame_bytes
        if "peer" in args.targets:
            print(
                f"-- ActionCable peer, {count} subscribers ({harness.machine_load()})"
            )
            results["peer"][count] = run_peer(count, frame_bytes, args)
    print(f"end: {harness.machine_load()}")
    rows = []
    for count in args.subscribers:
        peer_median = results.get("peer", {}).get(count, {}).get("median")
        for target in args.targets:
            row = results[target][count]
            ratio = (
                f"{peer_median / row['median']:.2f}x"
                if target != "peer" and peer_median and row["median"]
                else ""
            )
            name = "ActionCable peer" if target == "peer" else f"OneChat/{target}"
            rows.append(
                [
                    count,
                    name,
                    row["subscribed"],
                    row["samples"],
                    *harness.fanout_cells(row),
                    row["frame_bytes"] or "-",
                    ratio,
                    row["error"] or "",
                ]
            )
    print()
    print(
        harness.table(
            [
                "N",
                "server",
                "subscribed",
                "samples",
                *harness.FANOUT_HEADERS,
                "frame B",
                "peer/OneChat",
                "error",
            ],
            rows,
        )
    )
    path = harness.save("fanout", {"load": harness.machine_load(), "results": results})
    print(f"\nraw results: {path}")


if __name__ == "__main__":
    main()
