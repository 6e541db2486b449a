"""What every benchmark shares: servers, the peer, the database, the load client.

Each benchmark starts what it needs through these context managers and stops it
afterwards; everything listens on 127.0.0.1 only. Results and server logs go to
``bench/results/`` (not committed).
"""

import atexit
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from deploy.processes import (
    LoopbackServer,
    free_port,
    stop_process,
    wait_for_port,
)
from deploy.server import web_command

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
PEER_DIR = ROOT.parent / "shared" / "peers" / "actioncable"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/5"
# Names this run's database and logs apart from any other run's.
RUN = os.getpid()
SERVERS = ("daphne", "uvicorn")


def prepare() -> None:
    """Raise the open-file limit (inherited by servers and client) and make
    sure the results folder and the load client's packages are there."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    RESULTS.mkdir(exist_ok=True)
    if not (BENCH / "node_modules" / "ws").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(BENCH)],
            check=True,
        )


def machine_load() -> str:
    """The load average, to say how busy the shared machine was."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


@contextlib.contextmanager
def running(
    name: str, command: list[str], env: dict, cwd: Path = ROOT
) -> Iterator["Process"]:
    """Run a server command on a fresh port (``{port}`` in ``command``)."""
    port = free_port()
    log_path = RESULTS / f"{name}-{RUN}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [part.format(port=port) for part in command],
            cwd=cwd,
            # The load client opens thousands of visitors from one address.
            env={
                **os.environ,
                "PUBLIC_CONTACTS_PER_ADDRESS": "10000000/hour",
                "PUBLIC_CONTACTS_PER_INBOX": "10000000/hour",
                **env,
            },
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for_port(port, process, name)
            yield Process(name, port, process)
        except Exception:
            print(log_path.read_text(errors="replace")[-3000:], file=sys.stderr)
            raise
        finally:
            stop_process(process)


@dataclass
class Process(LoopbackServer):
    """A running server: its name, port and process."""

    name: str
    port: int
    process: subprocess.Popen

    def cpu_seconds(self) -> float:
        """User plus system CPU time the process has used so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1]
        utime, stime = fields.split()[11:13]
        return (int(utime) + int(stime)) / os.sysconf("SC_CLK_TCK")

    def rss_kb(self) -> int:
        """Resident memory of the process, in KiB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS")


def machine_cpu_seconds() -> float:
    """CPU time every core of the machine has spent busy so far (/proc/stat)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields[:8])
    busy = user + nice + system + irq + softirq + steal
    return busy / os.sysconf("SC_CLK_TCK")


def command_cpu_seconds() -> dict[str, float]:
    """CPU time used so far by the running processes, summed by command name
    (``postgres``, ``redis-server``, ``node``...)."""
    ticks: dict[str, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, fields = stat.read_text().rsplit(")", 1)
        except OSError:
            continue  # the process has ended
        command = head.split("(", 1)[1]
        utime, stime = fields.split()[11:13]
        ticks[command] = ticks.get(command, 0) + int(utime) + int(stime)
    return {command: n / os.sysconf("SC_CLK_TCK") for command, n in ticks.items()}


# What runs beside OneChat's servers in a benchmark, by command name.
NEIGHBOURS = {"postgres": "postgres", "redis": "redis-server", "client": "node"}


@contextlib.contextmanager
def cpu_meter(processes: list[Process], into: dict) -> Iterator[None]:
    """Put the CPU seconds ``processes`` used during the block in
    ``into["server_cpu_s"]`` (a figure the machine's other load barely moves),
    those of PostgreSQL, Redis and the load client in ``into["postgres_cpu_s"]``
    and so on, and the whole machine's in ``into["machine_cpu_s"]``."""
    before = sum(process.cpu_seconds() for process in processes)
    commands_before = command_cpu_seconds()
    machine_before = machine_cpu_seconds()
    yield
    into["server_cpu_s"] = sum(process.cpu_seconds() for process in processes) - before
    into["machine_cpu_s"] = machine_cpu_seconds() - machine_before
    commands = command_cpu_seconds()
    for name, command in NEIGHBOURS.items():
        used = commands.get(command, 0.0) - commands_before.get(command, 0.0)
        into[f"{name}_cpu_s"] = max(used, 0.0)


def peer(redis_url: str = DEFAULT_REDIS_URL) -> contextlib.AbstractContextManager:
    """The Rails ActionCable peer under puma, like its README starts it."""
    if not (PEER_DIR / "config.ru").is_file():
        raise SystemExit(f"the ActionCable peer is missing: {PEER_DIR}")
    if not shutil.which("puma"):
        raise SystemExit("puma is missing: apt-get install -y ruby-actioncable puma")
    command = ["puma", "-b", "tcp://127.0.0.1:{port}", "-t", "4:16", "config.ru"]
    return running("peer", command, {"REDIS_URL": redis_url}, cwd=PEER_DIR)


@dataclass
class OneChat:
    """A OneChat database, set up once, that server processes are started on."""

    database_url: str
    redis_url: str
    env: dict = field(default_factory=dict)

    def server(
        self, kind: str = "daphne", name: str = ""
    ) -> contextlib.AbstractContextManager:
        """One OneChat server process: ``uvicorn`` with production's command
        line (``deploy/server.py``), or ``daphne`` as in development."""
        if kind == "uvicorn":
            command = [sys.executable, "-m", *web_command(host="127.0.0.1")]
            command[command.index("--port") + 1] = "{port}"
        else:
            command = [
                *[sys.executable, "-m", "daphne"],
                *["-v", "0", "-b", "127.0.0.1", "-p", "{port}"],
                "onechat.asgi:application",
            ]
        return running(name or f"onechat-{kind}", command, self.env)

    def manage(self, *args: str) -> str:
        """Run ``manage.py`` against this database; its standard output."""
        return self.python(str(ROOT / "manage.py"), *args)

    def python(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, *args],
            cwd=ROOT,
            env={**os.environ, **self.env},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(f"{args} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def setup(self, *args: str) -> dict:
        """Create benchmark data with ``bench/setup_data.py``; its JSON answer."""
        return json.loads(self.python(str(BENCH / "setup_data.py"), *args))


def _psql(sql: str) -> None:
    command = ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", sql]
    env = {**os.environ, "PGOPTIONS": "-c client_min_messages=warning"}
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)


def onechat(database: str, redis_url: str = DEFAULT_REDIS_URL) -> OneChat:
    """A fresh, migrated and seeded OneChat database (``sqlite`` or ``postgres``)
    of this run alone (runs may overlap on a shared machine), removed at exit."""
    if database == "postgres":
        name = f"onechat_bench_{RUN}"
        url = f"postgres://postgres@127.0.0.1:5432/{name}"
        _psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        _psql(f"CREATE DATABASE {name}")
        atexit.register(_psql, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    else:
        path = RESULTS / f"onechat_bench_{RUN}.sqlite3"
        url = f"sqlite:///{path}"
        _remove(path)
        atexit.register(_remove, path)
    env = {
        "DATABASE_URL": url,
        "REDIS_URL": redis_url,
        "DEBUG": "0",
        "SECRET_KEY": "onechat-bench-only",
        "LOG_LEVEL": "WARNING",
    }
    instance = OneChat(url, redis_url, env)
    instance.manage("migrate", "--no-input")
    instance.manage("seed_demo", "--minimal")
    return instance


def _remove(sqlite_path: Path) -> None:
    for leftover in sqlite_path.parent.glob(f"{sqlite_path.name}*"):
        leftover.unlink()


def source_addresses(sockets: int, per_address: int = 4000) -> list[str]:
    """Loopback source addresses for the client, so that many sockets (and the
    TIME_WAIT left by earlier runs) never exhaust one address's ephemeral ports.
    The block changes with every call."""
    count = -(-sockets // per_address)
    base = (os.getpid() + int(time.time())) % 200 + 20
    return [f"127.0.{base}.{i + 1}" for i in range(count)]


@contextlib.contextmanager
def _client(config: dict) -> Iterator[subprocess.Popen]:
    """The load client running ``config``, with pipes to talk to it."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", dir=RESULTS) as handle:
        json.dump(config, handle)
        handle.flush()
        process = subprocess.Popen(
            ["node", str(BENCH / "client.js"), handle.name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            yield process
        finally:
            process.stdin.close()
            try:
                process.wait(120)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def run_client(
    config: dict, measured: contextlib.AbstractContextManager | None = None
) -> dict:
    """Run ``bench/client.js`` with ``config``; its JSON result. With
    ``measured``, that context is entered once every socket is subscribed and
    left when the measured phase is over (to attach a profiler)."""
    with _client({**config, "gate": measured is not None}) as process:
        if measured is not None:
            process.stdout.readline()
            with measured:
                process.stdin.write("go\n")
                process.stdin.flush()
                last = process.stdout.readline()
        else:
            last = process.stdout.readline()
    if not last.strip():
        raise RuntimeError(
            f"the load client printed nothing (exit {process.returncode})"
        )
    return json.loads(last)


@contextlib.contextmanager
def client_holding(config: dict) -> Iterator[dict]:
    """Run the client in ``idle`` mode; yield once every socket is subscribed."""
    with _client({**config, "mode": "idle"}) as process:
        yield json.loads(process.stdout.readline() or "{}")


def agent_identifier(account_id: int, user_id: int, pubsub_token: str) -> str:
    """The ActionCable identifier of an agent, as the dashboard sends it."""
    return json.dumps(
        {
            "channel": "RoomChannel",
            "pubsub_token": pubsub_token,
            "account_id": account_id,
            "user_id": user_id,
        },
        separators=(",", ":"),
    )


def visitor_identifier(visitor: dict) -> str:
    """The ActionCable identifier of a visitor (``setup_data.py``'s handles)."""
    return json.dumps(
        {"channel": "RoomChannel", "pubsub_token": visitor["pubsub_token"]},
        separators=(",", ":"),
    )


def visitor_sender(
    server: Process, inbox_identifier: str, visitor: dict, content: str
) -> dict:
    """A POST of ``content`` into the visitor's conversation through the public
    client API (``__TAG__`` in ``content`` makes its deliveries counted)."""
    return {
        "url": f"{server.url}/public/api/v1/inboxes/{inbox_identifier}"
        f"/contacts/{visitor['source_id']}/conversations/{visitor['display_id']}"
        "/messages",
        "body": json.dumps({"content": content}),
    }


def spread(urls: list[str], identifiers: list[str], count: int) -> list[dict]:
    """``count`` sockets for the load client: socket i goes to ``urls[i % len]``
    subscribed with ``identifiers[i % len]``."""
    return [
        {"url": urls[i % len(urls)], "identifier": identifiers[i % len(identifiers)]}
        for i in range(count)
    ]


def fanout_config(
    sockets: list[dict], trigger: dict, samples: int = 20, sample_timeout: float = 15
) -> dict:
    """The load client's configuration for a fan-out run over ``sockets``:
    ``samples`` triggers (after two warm-up ones), one at a time."""
    return {
        "mode": "fanout",
        "sockets": sockets,
        "localAddresses": source_addresses(len(sockets)),
        "connectConcurrency": 100,
        "connectTimeoutS": max(300, len(sockets) // 20),
        "samples": samples,
        "warmup": 2,
        "pauseMs": 300,
        "sampleTimeoutMs": sample_timeout * 1000,
        "httpTimeoutMs": sample_timeout * 1000,
        "trigger": trigger,
    }


def message_trigger(server: Process, data: dict, display_id: int) -> dict:
    """One outgoing message through the Application API, as the demo admin."""
    return {
        "url": f"{server.url}/api/v1/accounts/{data['account_id']}"
        f"/conversations/{display_id}/messages",
        # Spelled with dashes: daphne drops every header whose name has an
        # underscore, so "api_access_token" never reaches Django under daphne.
        "headers": {"api-access-token": data["api_access_token"]},
        "body": json.dumps({"content": "__TAG__ bench", "message_type": "outgoing"}),
    }


def fanout_summary(result: dict) -> dict:
    """Median / p95 / max of the time until all sockets had the frame, and the
    deliveries lost, from the load client's fan-out result."""
    samples = result.get("samples", [])
    complete = [s["all_ms"] for s in samples if s["all_ms"] is not None]
    return {
        "subscribed": result.get("subscribed", 0),
        "samples": len(samples),
        "median": percentile(complete, 0.5),
        "p95": percentile(complete, 0.95),
        "max": max(complete) if complete else None,
        "lost": sum(s["lost"] for s in samples),
        "post_median": percentile([s["post_ms"] for s in samples], 0.5),
        "frame_bytes": result.get("frame_bytes"),
        "error": result.get("error"),
        "raw": result,
    }


FANOUT_HEADERS = ["median ms", "p95 ms", "max ms", "lost", "CPU ms/msg"]


def fanout_cells(summary: dict) -> list:
    """The FANOUT_HEADERS cells of one fan-out summary."""
    return [
        fmt(summary["median"]),
        fmt(summary["p95"]),
        fmt(summary["max"]),
        summary["lost"],
        fmt(summary.get("cpu_ms")),
    ]


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (``q`` in 0..1) of ``values``."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table(headers: list[str], rows: list[list]) -> str:
    """A plain-text table with aligned columns."""
    cells = [headers, *[[str(cell) for cell in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True))
        for row in cells
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def save(name: str, payload: dict) -> Path:
    """Write a benchmark's raw result to ``bench/results/<name>-<time>.json``."""
    path = RESULTS / f"{name}-{time.strftime('%Y%m%dT%H%M%S')}.json"
    path.write_text(json.dumps(payload, indent=2))
    return path
