"""``make run``: the development server with the job worker beside it.

The worker starts first and stops when the server stops, so the embedded
default needs no second command. Ctrl+C reaches every process of the
terminal's group; SIGTERM (as a process supervisor stops a service) reaches
the launcher alone, which stops the server and then the worker. The worker's
events reach the server's sockets through the database (``realtime/relay.py``).

    python -m deploy.embedded 127.0.0.1:8000
"""

import signal
import subprocess
import sys

from deploy.processes import stop_process
from deploy.worker import worker_command


def main(address: str) -> int:
    """Run ``runserver`` on ``address`` with a worker; the server's exit code,
    or 0 once stopped by Ctrl+C or SIGTERM."""

    def interrupt(signum: int, frame: object) -> None:
        # A second SIGTERM must not cut the stopping short.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    worker = subprocess.Popen(worker_command())
    try:
        server = subprocess.Popen([sys.executable, "manage.py", "runserver", address])
        try:
            return server.wait()
        finally:
            # runserver's autoreloader exits on SIGTERM and takes the process
            # that serves with it.
            stop_process(server)
    except KeyboardInterrupt:
        return 0
    finally:
        stop_process(worker)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8000"))
