"""Real OneChat server processes for tests that need sockets and browsers.

A server process reads the test database (``database_url()``), so tests using
one mark themselves ``django_db(transaction=True)`` to commit what they create.
Events must be triggered through the server's own HTTP API, or travel through
Redis (``redis_url``): the in-process channel layer of the test process does not
reach another process.
"""

import contextlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from onechat.deploy.processes import (
    LoopbackServer,
    free_port,
    stop_process,
    wait_for_port,
)

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


@contextlib.contextmanager
def onechat_server(
    *, redis_url: str | None = None, env: dict[str, str] | None = None
) -> Iterator[Server]:
    """Run daphne with OneChat on a free port against the test database."""
    port = free_port()
    environment = {**os.environ, "DATABASE_URL": database_url(), "DEBUG": "1"}
    environment.pop("REDIS_URL", None)
    if redis_url:
        environment["REDIS_URL"] = redis_url
    environment.update(env or {})
    # Kept open for the server's whole life, closed in the finally below.
    log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115
        prefix=f"onechat-server-{port}-", suffix=".log", delete=False
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "daphne",
            "-b",
            "127.0.0.1",
            "-p",
            str(port),
            "onechat.asgi:application",
        ],
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
