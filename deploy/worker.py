"""The job worker: runs timed work (snooze wake-ups, queue timeouts) from the
database's job table.

One definition of its command line for the image (``worker`` in
``deploy/entrypoint.sh``, docker-compose.yml's worker service), ``make run``
(``deploy/embedded.py``) and the tests. Several workers may run at once: each
claims a job under a row lock, so a job runs once.
"""

import os
import sys
from datetime import timedelta

# Seconds an idle worker waits before looking for due jobs again: how late a
# timed job may run at most.
POLL_SECONDS = 1.0
# The health check fails once a due job has waited this long: the workers are
# stuck, gone, or cannot keep up.
BACKLOG_SECONDS = 60


def worker_command(python: str = sys.executable) -> list[str]:
    """The worker's command line, run from the project root."""
    return [
        *[python, "manage.py", "db_worker"],
        # Every queue: OneChat's jobs all share the default one today.
        *["--queue-name", "*"],
        *["--interval", str(POLL_SECONDS)],
        # Code reloads belong to the web server in development; a worker
        # restarted mid-job would leave it claimed.
        "--no-reload",
    ]


def overdue_jobs() -> int:
    """How many due jobs have waited more than ``BACKLOG_SECONDS`` for a worker."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onechat.settings")
    django.setup()
    from django_tasks_db.models import DBTaskResult, get_date_max

    from django.db.models import Q
    from django.utils import timezone

    late = timezone.now() - timedelta(seconds=BACKLOG_SECONDS)
    # A job without a run_after time waits from when it was enqueued.
    return (
        DBTaskResult.objects.ready()
        .filter(
            Q(run_after__lte=late) | Q(run_after=get_date_max(), enqueued_at__lte=late)
        )
        .count()
    )


def main(argv: list[str]) -> int:
    """``health``: exit 0 unless jobs are overdue. Otherwise become the worker
    (extra arguments go to ``db_worker``)."""
    if argv[:1] == ["health"]:
        overdue = overdue_jobs()
        if overdue:
            print(f"worker health: {overdue} jobs overdue", file=sys.stderr)
        return 1 if overdue else 0
    command = worker_command()
    os.execv(command[0], command + argv)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
