"""``make run``'s launcher (``python -m deploy.embedded``) as a real process:
runserver and the job worker without Redis, the worker's events live on an
open socket, and SIGTERM to the launcher alone (as a process supervisor
sends it) or Ctrl+C stops runserver, the process it serves in and the
worker, with a clean exit."""

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from django.utils import timezone

from tests.realtime.cable import agent_identifier
from tests.realtime.sockets import Client, api_post
from tests.servers import ROOT, database_url, free_port

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]

# runserver checks the project and starts its autoreloader first.
START_SECONDS = 60
STEP_SECONDS = 30
STOP_SECONDS = 20


def children_of(pid: int) -> set[int]:
    """Every process descending from ``pid`` now, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def running(pid: int) -> bool:
    """Whether ``pid`` is a live process (not gone, not a zombie)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def command_line(pid: int) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    return ""


@contextlib.contextmanager
def launcher(port: int) -> Iterator[tuple[subprocess.Popen, Path]]:
    """``python -m deploy.embedded`` on ``port`` against the test database, in
    a process group of its own (signals to the tests never reach it)."""
    environment = {**os.environ, "DATABASE_URL": database_url(), "DEBUG": "1"}
    environment.pop("REDIS_URL", None)
    log = tempfile.NamedTemporaryFile(  # noqa: SIM115
        prefix="onechat-embedded-", suffix=".log", delete=False
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "deploy.embedded", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        process_group=0,
    )
    try:
        yield process, Path(log.name)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        log.close()


def wait_for_listener(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, f"launcher exited:\n{log.read_text()}"
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), 0.2),
        ):
            return
        time.sleep(0.1)
    pytest.fail(
        f"runserver did not listen within {START_SECONDS} s:\n{log.read_text()}"
    )


def test_worker_events_are_live_and_sigterm_stops_everything(
    account, agent, conversation
):
    """Under runserver, the worker's wake-up of a snoozed conversation reaches
    the agent's open socket; SIGTERM to the launcher then ends runserver, its
    serving process and the worker within a bound, and the launcher exits 0."""
    port = free_port()
    with launcher(port) as (process, log):
        wait_for_listener(port, process, log)
        children = children_of(process.pid)
        commands = " | ".join(command_line(pid) for pid in children)
        assert "db_worker" in commands, commands
        assert sum("runserver" in command_line(pid) for pid in children) >= 2, commands

        async def scenario() -> dict:
            client = await Client.connect(f"ws://127.0.0.1:{port}/cable")
            confirm = await client.subscribe(agent_identifier(agent, account.pk))
            assert confirm["type"] == "confirm_subscription"
            until = timezone.now() + timedelta(seconds=2)
            status, body = await asyncio.to_thread(
                api_post,
                f"http://127.0.0.1:{port}",
                f"/api/v1/accounts/{account.pk}/conversations/"
                f"{conversation.display_id}/toggle_status",
                agent.access_token,
                {"status": "snoozed", "snoozed_until": until.isoformat()},
            )
            assert status == 200, body
            try:
                frame = await client.next_frame(
                    lambda frame: (
                        isinstance(frame.get("message"), dict)
                        and frame["message"]["event"] == "conversation.status_changed"
                        and frame["message"]["data"]["status"] == "open"
                    ),
                    timeout=STEP_SECONDS,
                )
            except TimeoutError:
                pytest.fail(f"no wake-up within {STEP_SECONDS} s:\n{log.read_text()}")
            await client.close()
            return frame["message"]

        woken = asyncio.run(scenario())
        assert woken["data"]["id"] == conversation.display_id

        process.send_signal(signal.SIGTERM)
        assert_stopped(process, children, log)


def test_ctrl_c_stops_everything():
    """Ctrl+C (SIGINT to the terminal's process group) still stops runserver,
    its serving process and the worker, with a clean exit."""
    port = free_port()
    with launcher(port) as (process, log):
        wait_for_listener(port, process, log)
        children = children_of(process.pid)
        assert len(children) >= 3, [command_line(pid) for pid in children]
        os.killpg(process.pid, signal.SIGINT)
        assert_stopped(process, children, log)


def assert_stopped(process: subprocess.Popen, children: set[int], log: Path) -> None:
    """The launcher exits 0 and every process it started is gone, in bounds."""
    try:
        code = process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"launcher still running after the signal:\n{log.read_text()}")
    deadline = time.monotonic() + STOP_SECONDS
    while (left := {pid for pid in children if running(pid)}) and (
        time.monotonic() < deadline
    ):
        time.sleep(0.1)
    assert not left, [command_line(pid) for pid in left]
    assert code == 0, log.read_text()
