"""Child processes on loopback: free ports, waiting for a listener, stopping."""

import contextlib
import signal
import socket
import subprocess
import time

START_TIMEOUT_SECONDS = 30.0
STOP_TIMEOUT_SECONDS = 15.0


class LoopbackServer:
    """Addresses of a OneChat process listening on ``self.port`` of 127.0.0.1."""

    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def cable_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/cable"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, name: str = "server") -> None:
    """Wait until ``port`` accepts connections; fail early if ``process`` exits."""
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode} at start")
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), 0.2),
        ):
            return
        time.sleep(0.05)
    raise TimeoutError(f"{name} did not listen on port {port} in time")


def stop_process(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Send ``sig`` and wait for the exit; kill the process if it hangs."""
    if process.poll() is None:
        process.send_signal(sig)
    try:
        process.wait(timeout=STOP_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
