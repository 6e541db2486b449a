"""Profile one OneChat server process under load with py-spy; a text summary.

    python bench/profile_server.py --workload fanout --subscribers 5000
    python bench/profile_server.py --workload throughput --rate 100 --database postgres

Starts the server, connects the sockets, attaches ``py-spy record`` (sampling,
non-blocking) for the measured phase only, and writes to ``bench/results/``
the raw stacks and ``profile-<workload>-<server>.txt``: CPU time per message
by function, self and inclusive, from the server's hottest path. Needs
``pip install py-spy``.
"""

import argparse
import contextlib
import re
import shutil
import signal
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import fanout
import harness
import throughput

RATE_HZ = 250
# Leaf frames of a thread that waits rather than works (an idle worker thread,
# the event loop blocked in epoll): py-spy cannot always tell them apart in a
# virtual machine, so the summary leaves them out.
WAITING = re.compile(
    r"^(Condition\.wait|Event\.wait|_worker|Thread\._wait_for_tstate_lock"
    r"|Runner\.run|BaseEventLoop\.run_forever|[A-Za-z]*Selector\.select) "
)


@contextlib.contextmanager
def py_spy(pid: int, raw: Path) -> Iterator[None]:
    """``py-spy record`` attached to ``pid`` for the duration of the block."""
    command = ["py-spy", "record", "--pid", str(pid), "--format", "raw"]
    command += ["--rate", str(RATE_HZ), "--nonblocking", "--output", str(raw)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    try:
        yield
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(60)


@contextlib.contextmanager
def cpu_counted(
    server: harness.Process, block: contextlib.AbstractContextManager, into: dict
) -> Iterator[None]:
    """``block``, with the server's CPU seconds during it in ``into``."""
    with harness.cpu_meter([server], into), block:
        yield


def frame_name(frame: str) -> str:
    """``func (path:line)`` shortened to ``func (short/path)``."""
    match = re.match(r"(.*) \((.*?)(?::\d+)?\)$", frame)
    if not match:
        return frame
    name, path = match.groups()
    path = re.sub(r".*/site-packages/", "", path)
    path = path.replace(str(harness.ROOT) + "/", "")
    path = re.sub(r".*/lib/python3\.\d+/", "", path)
    return f"{name} ({path})"


def summarize(raw: Path, units: int, unit: str, header: str, cpu_s: float) -> str:
    """Self and inclusive CPU time per ``unit`` by function: each function's
    share of the busy samples in ``raw``, times the CPU time the process used
    (``cpu_s``, from /proc), so the milliseconds add up to what was spent."""
    own: Counter = Counter()
    inclusive: Counter = Counter()
    ours: Counter = Counter()
    total = waiting = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        samples = int(count)
        frames = [frame_name(frame) for frame in stack.split(";")]
        if WAITING.match(frames[-1]):
            waiting += samples
            continue
        total += samples
        own[frames[-1]] += samples
        for name in set(frames):
            inclusive[name] += samples
            if re.search(r"\((onechat|realtime|conversations|contacts)/", name):
                ours[name] += samples

    per_unit = cpu_s * 1000 / max(units, 1)

    def ms(samples: int) -> str:
        return f"{samples / max(total, 1) * per_unit:9.2f}"

    lines = [
        header,
        f"{cpu_s:.2f} s of server CPU (/proc) over {units} {unit}s: "
        f"{per_unit:.2f} ms per {unit}, shared out by {total} busy samples at "
        f"{RATE_HZ} Hz ({waiting} samples of waiting threads left out)",
        "",
        f"== inclusive, ms per {unit} (top 40)",
    ]
    lines += [f"{ms(n)}  {name}" for name, n in inclusive.most_common(40)]
    lines += ["", f"== OneChat's own functions, inclusive, ms per {unit} (top 25)"]
    lines += [f"{ms(n)}  {name}" for name, n in ours.most_common(25)]
    lines += ["", f"== self time, ms per {unit} (top 30)"]
    lines += [f"{ms(n)}  {name}" for name, n in own.most_common(30)]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--workload", choices=["fanout", "throughput"], default="fanout"
    )
    parser.add_argument("--server", choices=harness.SERVERS, default="daphne")
    parser.add_argument("--subscribers", type=int, default=5000)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--sample-timeout", type=int, default=15)
    parser.add_argument("--rate", type=int, default=100)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--visitors", type=int, default=1000)
    parser.add_argument("--agents", type=int, default=20)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--redis-url", default=harness.DEFAULT_REDIS_URL)
    args = parser.parse_args()
    if not shutil.which("py-spy"):
        raise SystemExit("py-spy is missing: pip install py-spy")
    harness.prepare()
    load = harness.machine_load()
    onechat = harness.onechat(args.database, args.redis_url)
    name = f"profile-{args.workload}-{args.server}"
    cpu: dict = {}
    raw = harness.RESULTS / f"{name}.raw.txt"
    if args.workload == "fanout":
        data = onechat.setup()
        identifier = harness.agent_identifier(
            data["account_id"], data["user_id"], data["pubsub_token"]
        )
        with onechat.server(args.server) as server:
            trigger = harness.message_trigger(
                server, data, data["conversation"]["display_id"]
            )
            attached = cpu_counted(server, py_spy(server.process.pid, raw), cpu)
            result = fanout.measure(
                server, [identifier], args.subscribers, trigger, args, attached
            )
        units = result["samples"] + 2
        figures = (
            f"fan-out to {args.subscribers} subscribers on {args.server}: median "
            f"{harness.fmt(result['median'])} ms, p95 {harness.fmt(result['p95'])} "
            f"ms, lost {result['lost']}"
        )
    else:
        data = onechat.setup(
            "--agents", str(args.agents), "--visitors", str(args.visitors)
        )
        with onechat.server(args.server) as server:
            sockets, senders = throughput.sockets_and_senders([server], data)
            attached = cpu_counted(server, py_spy(server.process.pid, raw), cpu)
            result = throughput.step(
                [server], sockets, senders, args.rate, args, attached
            )
        units = result.get("issued", 0)
        figures = (
            f"throughput on {args.server}/{args.database}, {args.rate} msg/s offered:"
            f" {result.get('issued', 0) / max(result.get('posts_done_s', 1), 1e-9):.0f}"
            f" msg/s done, p99 {harness.fmt(result.get('p99_ms'))} ms, lost "
            f"{result.get('lost')}"
        )
    header = f"{figures}\n{load}; units: one message each (warm-up samples included)"
    text = summarize(raw, units, "message", header, cpu["server_cpu_s"])
    path = harness.RESULTS / f"{name}.txt"
    path.write_text(text)
    print(text)
    print(f"summary: {path}\nraw stacks: {raw}")


if __name__ == "__main__":
    main()
