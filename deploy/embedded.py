"""``make run``: the development server with the job worker beside it.

The worker starts first and stops when the server stops (Ctrl+C reaches both,
and whatever way the server ends, the worker is stopped after it), so the
embedded default needs no second command.

    python -m deploy.embedded 127.0.0.1:8000
"""

import subprocess
import sys

from deploy.processes import stop_process
from deploy.worker import worker_command


def main(address: str) -> int:
    """Run ``runserver`` on ``address`` with a worker; the server's exit code."""
    worker = subprocess.Popen(worker_command())
    try:
        return subprocess.call([sys.executable, "manage.py", "runserver", address])
    except KeyboardInterrupt:
        return 0
    finally:
        stop_process(worker)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8000"))
