"""The embedded default's path for events committed in a process without a hub.

Without Redis each web process's hub is fed in memory (``EmbeddedFeed``). A
process that runs no hub (the job worker, a management command, a shell)
appends each event it commits to the ``RelayedEvent`` table, after the
commit; the web process's feed reads the new rows in order, in a thread, and
numbers, keeps and delivers them as its own events. The database is the one
thing every embedded process already shares, so ``make run`` needs no other
service.

Rows are never deleted by the reader: each append also drops the rows older
than ``KEEP_SECONDS``, so the table stays small whether or not a web process
reads it (tests, commands and a stopped server included), and every web
process that starts (each runserver reload) reads on from the newest row.
"""

import asyncio
import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from realtime.hub import Envelope
from realtime.models import RelayedEvent
from realtime.receipts import Receipt

logger = logging.getLogger(__name__)

# How long a relayed event waits for the web process: far beyond one poll, so
# only a web process stalled this long misses one.
KEEP_SECONDS = 60
# Pause between two reads of an idle table.
POLL_SECONDS = 0.25
# Rows read at once; a full batch is followed by the next one at once.
BATCH = 500


def append(envelope: Envelope) -> None:
    """Hand a committed event to the embedded web process through the database."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # One append at a time: a row's id is then taken after every
            # earlier row committed, so a reader never passes over one that
            # commits late with a smaller id.
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {_table()} IN EXCLUSIVE MODE")
        RelayedEvent.objects.create(
            streams=json.dumps(envelope.streams),
            body=envelope.body,
            kind=envelope.kind,
            receipt=envelope.receipt.encode() if envelope.receipt else "",
        )
        RelayedEvent.objects.filter(
            created_at__lt=timezone.now() - timedelta(seconds=KEEP_SECONDS)
        ).delete()


def newest() -> int:
    """The id of the newest relayed event (0 for none): a reader starts after it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {_table()}")
        return cursor.fetchone()[0] or 0


def read_after(last: int) -> list[tuple[int, Envelope | None]]:
    """The relayed events after id ``last``, oldest first, ``BATCH`` at most;
    None for a row that does not decode."""
    # Plain SQL: it runs several times a second on an idle table, and the
    # ORM would cost several times what the query does.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, streams, body, kind, receipt FROM {_table()} "
            f"WHERE id > %s ORDER BY id LIMIT {BATCH}",
            [last],
        )
        rows = cursor.fetchall()
    return [(pk, _envelope(pk, *fields)) for pk, *fields in rows]


def _envelope(
    pk: int, streams: str, body: str, kind: str, receipt: str
) -> Envelope | None:
    try:
        return Envelope(
            streams=tuple(json.loads(streams)),
            body=body,
            kind=kind,
            receipt=Receipt.decode(receipt),
        )
    except (TypeError, ValueError):
        # Only append() writes rows; one written otherwise holds up nothing.
        logger.error("relayed event %s is unreadable, skipped", pk)
        return None


class Reader:
    """Reads the table for one feed in a thread of its own, which keeps its
    database connection: opening one per read would cost more than the read."""

    def __init__(self) -> None:
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="relay")

    async def newest(self) -> int:
        """``newest()``, off the event loop."""
        return await self._run(newest)

    async def read_after(self, last: int) -> list[tuple[int, Envelope | None]]:
        """``read_after(last)``, off the event loop."""
        return await self._run(read_after, last)

    def close(self) -> None:
        """Close the thread's connection, then let the thread end."""
        self.executor.submit(_close_connection)
        self.executor.shutdown(wait=False)

    async def _run(self, read: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(
            self.executor, _reconnecting, read, *args
        )


def _reconnecting(read: Callable[..., Any], *args: Any) -> Any:
    try:
        return read(*args)
    except DatabaseError:
        # The next read opens a new connection (the server may have restarted).
        connection.close()
        raise


def _close_connection() -> None:
    # ``connection`` is per thread: looked up here, in the reader's thread.
    connection.close()


def _table() -> str:
    return connection.ops.quote_name(RelayedEvent._meta.db_table)
