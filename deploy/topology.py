"""The self-hosted topology on loopback: nginx in front of two uvicorn processes.

The same processes as docker-compose.yml, from Debian's packages instead of
containers: nginx renders the one proxy template (``nginx/default.conf.template``)
with loopback upstreams, two uvicorn processes serve OneChat with the
command line of the image (``deploy.server``), and the
PostgreSQL and Redis servers already running on this machine hold the data and
carry fan-out between the two processes. Run it with::

    python -m deploy.topology

It prints the URLs and stops everything on Ctrl-C. Tests start the same
processes with ``run_topology()``.
"""

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
import psycopg
from psycopg import sql

from deploy.processes import (
    LoopbackServer,
    free_port,
    stop_process,
    wait_for_port,
)
from deploy.proxy import start_nginx
from deploy.server import web_command

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/onechat_topology"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/3"


def ensure_database(database_url: str) -> None:
    """Create the PostgreSQL database of ``database_url`` when it is missing."""
    config = dj_database_url.parse(database_url)
    if "postgresql" not in config["ENGINE"]:
        return
    with psycopg.connect(
        dbname="postgres",
        user=config["USER"] or "postgres",
        password=config["PASSWORD"] or None,
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        autocommit=True,
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"]))
            )


@dataclass
class Backend(LoopbackServer):
    """One web process serving OneChat behind the proxy."""

    name: str
    port: int
    environment: dict[str, str]
    log_path: Path
    process: subprocess.Popen | None = None

    def start(self) -> None:
        """Start the web process on this backend's port (again, after ``stop``)."""
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                # This interpreter's uvicorn, with the image's options.
                [sys.executable, "-m", *web_command("127.0.0.1", self.port)],
                cwd=ROOT,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Ctrl-C reaches only the topology, which stops children in order.
                process_group=0,
            )
        wait_for_port(self.port, self.process, self.name)

    def stop(self) -> None:
        """Stop gracefully with SIGTERM, as a container runtime does."""
        if self.process is not None:
            stop_process(self.process)

    def log(self) -> str:
        """What the process printed so far."""
        return self.log_path.read_text(errors="replace")


@dataclass
class Topology(LoopbackServer):
    """nginx and the web processes behind it, all on loopback."""

    directory: Path
    port: int
    backends: list[Backend]
    proxy: subprocess.Popen | None = None

    @property
    def media_root(self) -> Path:
        return self.directory / "media"

    def logs(self) -> str:
        """Every process's log, for failure messages."""
        parts = [f"== {backend.name}\n{backend.log()}" for backend in self.backends]
        error_log = self.directory / "nginx-error.log"
        if error_log.exists():
            parts.append(f"== nginx\n{error_log.read_text(errors='replace')}")
        return "\n".join(parts)


def production_environment(
    *, directory: Path, database_url: str, redis_url: str, extra: Mapping[str, str]
) -> dict[str, str]:
    """The web processes' environment: production settings on plain HTTP."""
    environment = {
        **os.environ,
        "DEBUG": "0",
        # One key for every process: a session or signed value made by one
        # must verify on the other.
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Loopback serves plain HTTP, where browsers drop Secure cookies.
        "SECURE_COOKIES": "0",
        "MEDIA_ROOT": str(directory / "media"),
        "STATIC_ROOT": str(directory / "static"),
    }
    environment.update(extra)
    return environment


def manage(environment: Mapping[str, str], *arguments: str) -> None:
    """Run a management command with the web processes' environment."""
    subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        check=True,
    )


@contextlib.contextmanager
def run_topology(
    *,
    database_url: str,
    redis_url: str,
    migrate: bool = True,
    port: int = 0,
    backends: int = 2,
    max_body_size: str = "25m",
    env: Mapping[str, str] | None = None,
) -> Iterator[Topology]:
    """Start nginx and ``backends`` web processes; stop them all on exit.

    ``migrate`` runs the migrations first, as the compose ``migrate`` service
    does; tests pass False because pytest-django already migrated their database.
    """
    directory = Path(tempfile.mkdtemp(prefix="onechat-topology-"))
    # nginx workers drop root privileges and must still reach the uploads.
    directory.chmod(0o755)
    environment = production_environment(
        directory=directory,
        database_url=database_url,
        redis_url=redis_url,
        extra=env or {},
    )
    topology = Topology(
        directory=directory,
        port=port or free_port(),
        backends=[
            Backend(
                name=f"web{number}",
                port=free_port(),
                environment=environment,
                log_path=directory / f"web{number}.log",
            )
            for number in range(1, backends + 1)
        ],
    )
    topology.media_root.mkdir(mode=0o755)
    try:
        if migrate:
            manage(environment, "migrate", "--no-input", "-v", "0")
        # The image collects static files at build time; here once per topology.
        manage(environment, "collectstatic", "--no-input", "-v", "0")
        for backend in topology.backends:
            backend.start()
        topology.proxy = start_nginx(
            directory=directory,
            port=topology.port,
            upstream_ports=[backend.port for backend in topology.backends],
            media_root=topology.media_root,
            max_body_size=max_body_size,
        )
        yield topology
    finally:
        if topology.proxy is not None:
            stop_process(topology.proxy, signal.SIGQUIT)
        for backend in topology.backends:
            if backend.process is not None and backend.process.poll() is None:
                backend.process.send_signal(signal.SIGTERM)
        for backend in topology.backends:
            backend.stop()
        shutil.rmtree(directory, ignore_errors=True)


def describe(topology: Topology, *, database_url: str, redis_url: str) -> str:
    """What runs where, for the person who started the topology."""
    lines = [
        "OneChat topology on loopback (Ctrl-C stops everything):",
        f"  proxy     {topology.url}  nginx pid {topology.proxy.pid}: "
        "HTTP and /cable websockets to both web processes, /media from uploads",
    ]
    lines += [
        f"  {backend.name:<9} {backend.url}  uvicorn pid {backend.process.pid}: "
        "OneChat (HTTP API, dashboard, widget, /cable)"
        for backend in topology.backends
    ]
    lines += [
        f"  health    {topology.url}/health",
        f"  cable     {topology.cable_url}",
        f"  database  {database_url} (PostgreSQL on this machine)",
        f"  redis     {redis_url} (fan-out between the web processes)",
        f"  logs      {topology.directory}",
        "Create the first administrator with:",
        f"  DATABASE_URL={database_url} python manage.py create_admin "
        "--email you@example.com --account-name 'Your company'",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the topology until Ctrl-C (or SIGTERM), or until a process dies."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument(
        "--port", type=int, default=0, help="nginx port (default: a free one)"
    )
    arguments = parser.parse_args(argv)

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    # SIGINT explicitly too: a shell starts background jobs with it ignored.
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, interrupt)
    ensure_database(arguments.database_url)
    try:
        with run_topology(
            database_url=arguments.database_url,
            redis_url=arguments.redis_url,
            port=arguments.port,
        ) as topology:
            print(
                describe(
                    topology,
                    database_url=arguments.database_url,
                    redis_url=arguments.redis_url,
                ),
                flush=True,
            )
            processes = [topology.proxy] + [b.process for b in topology.backends]
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
            print("A process exited; stopping the topology.\n" + topology.logs())
            return 1
    except KeyboardInterrupt:
        print("Stopped.")
        return 0


if __name__ == "__main__":
    sys.exit(main())
