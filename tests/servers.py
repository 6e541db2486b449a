"""Real OneChat server processes for tests that need sockets and browsers.

A server process reads the test database (``database_url()``), so tests using
one mark themselves ``django_db(transaction=True)`` to commit what they create.
Events reach a server's sockets from its own HTTP API, or from a job worker
(through Redis, ``redis_url``, or without Redis through the database relay,
``realtime/relay.py``). The test process's own changes reach no server: it
relays nothing (tests/conftest.py).
"""

import contextlib
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import redis

from django.db import connection

from deploy.processes import (
    START_TIMEOUT_SECONDS,
    LoopbackServer,
    free_port,
    stop_process,
    wait_for_port,
)
from deploy.server import web_command
from deploy.worker import worker_command

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    """The database the tests run on, as a ``DATABASE_URL`` for another process."""
    settings = connection.settings_dict
    if settings["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings['NAME']}"
    user = settings.get("USER") or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


@dataclass
class Server(LoopbackServer):
    """A running OneChat server process."""

    port: int
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        """What the server printed so far (for failure messages)."""
        return self.log_path.read_text(errors="replace")


def server_command(kind: str, port: int) -> list[str]:
    """The command line of a ``daphne`` (development) or ``uvicorn`` (production,
    ``deploy/server.py``) process serving OneChat on ``port``."""
    if kind == "uvicorn":
        return [sys.executable, "-m", *web_command(host="127.0.0.1", port=port)]
    return [
        *[sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port)],
        "onechat.asgi:application",
    ]


@contextlib.contextmanager
def onechat_server(
    *,
    redis_url: str | None = None,
    env: dict[str, str] | None = None,
    kind: str = "daphne",
) -> Iterator[Server]:
    """Run OneChat under daphne (or ``kind="uvicorn"``) on a free port against
    the test database."""
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DEBUG": "1",
        # Test servers serve many visitors from one address over their life.
        "PUBLIC_CONTACTS_PER_ADDRESS": "100000/hour",
        "PUBLIC_CONTACTS_PER_INBOX": "100000/hour",
    }
    environment.pop("REDIS_URL", None)
    if redis_url:
        environment["REDIS_URL"] = redis_url
    environment.update(env or {})
    # Kept open for the server's whole life, closed in the finally below.
    log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115
        prefix=f"onechat-server-{port}-", suffix=".log", delete=False
    )
    process = subprocess.Popen(
        server_command(kind, port),
        cwd=ROOT,
        env=environment,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    server = Server(port=port, process=process, log_path=Path(log_file.name))
    try:
        wait_for_port(port, process)
        yield server
    finally:
        stop_process(process)
        log_file.close()


@dataclass
class Worker:
    """A running job worker process."""

    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        """What the worker printed so far."""
        return self.log_path.read_text(errors="replace")

    def wait_started(self) -> None:
        """Wait until the worker polls for jobs."""
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while "Starting worker" not in self.log():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"worker did not start:\n{self.log()}")
            time.sleep(0.05)


@contextlib.contextmanager
def job_worker(*, env: dict[str, str] | None = None) -> Iterator[Worker]:
    """Run the job worker (deploy/worker.py's command line) against the test
    database, polling often so timed jobs run close to their time."""
    environment = {**os.environ, "DATABASE_URL": database_url(), "DEBUG": "1"}
    # Embedded like the server unless told otherwise.
    environment.pop("REDIS_URL", None)
    environment.update(env or {})
    # Kept open for the worker's whole life, closed in the finally below.
    log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115
        prefix="onechat-worker-", suffix=".log", delete=False
    )
    process = subprocess.Popen(
        [*worker_command(), "--interval", "0.1", "--no-startup-delay"],
        cwd=ROOT,
        env=environment,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    try:
        yield Worker(process=process, log_path=Path(log_file.name))
    finally:
        stop_process(process)
        log_file.close()


@contextlib.contextmanager
def embedded_server_and_worker(
    *, env: dict[str, str] | None = None, server_env: dict[str, str] | None = None
) -> Iterator[Server]:
    """A server and a started job worker without Redis, as ``make run`` runs
    them: the worker's events reach the server through the database;
    ``server_env`` is for the server alone."""
    with (
        onechat_server(env={**(env or {}), **(server_env or {})}) as running,
        job_worker(env=env) as worker,
    ):
        worker.wait_started()
        yield running


SHARED_REDIS = "redis://127.0.0.1:6379/0"


@contextlib.contextmanager
def redis_keys_of_their_own(redis_url: str = SHARED_REDIS) -> Iterator[str]:
    """A ``REDIS_PREFIX`` no other test (or test worker) uses; its keys are
    deleted afterwards."""
    prefix = f"onechat-test-{uuid.uuid4().hex[:12]}"
    try:
        yield prefix
    finally:
        client = redis.Redis.from_url(redis_url)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)
        client.close()


@contextlib.contextmanager
def server_and_worker(
    *, env: dict[str, str] | None = None, server_env: dict[str, str] | None = None
) -> Iterator[Server]:
    """A server and a started job worker on the shared Redis, under keys of
    their own (deleted afterwards); ``server_env`` is for the server alone."""
    with redis_keys_of_their_own() as prefix:
        env = {**(env or {}), "REDIS_URL": SHARED_REDIS, "REDIS_PREFIX": prefix}
        with (
            onechat_server(
                redis_url=SHARED_REDIS, env={**env, **(server_env or {})}
            ) as running,
            job_worker(env=env) as worker,
        ):
            worker.wait_started()
            yield running
