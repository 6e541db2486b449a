"""Delivery receipts: the messages this process's sockets carried to their
recipients, handed on as delivery state without holding the event loop.

The hub notes a ``Receipt`` when it wrote a frame of ``message.created`` to a
socket of the message's recipient side (``Hub.deliver``). Noting stays on the
event loop and costs a dict lookup: only the highest message id per
conversation and direction is kept (a message delivered means every earlier
one of that direction was carried too). One writer task hands what
accumulated to ``conversations.delivery.record_deliveries`` in a worker
thread, one call for everything noted meanwhile, as the outbox's writer drains
its backlog; that call writes the states and enqueues the job that pushes
them (at most one per conversation per second).
"""

import asyncio
import logging
from dataclasses import dataclass

from channels.db import database_sync_to_async
from django.db import DatabaseError

from conversations import delivery

logger = logging.getLogger(__name__)

# Conversations whose last noted id this process remembers (to skip the
# frames of a message to its other sockets); forgotten all at once past it,
# which costs at most one more no-op write per conversation.
REMEMBERED_CONVERSATIONS = 10_000

record_deliveries = database_sync_to_async(delivery.record_deliveries)


@dataclass(frozen=True, slots=True)
class Receipt:
    """The message an event carries to its recipients, for its delivery state:
    the first frame of the event written to a socket of the recipient side
    (the conversation's contact when ``to_contact``, else an agent of the
    account) marks it delivered (``realtime/receipts.py``)."""

    account_id: int
    conversation_id: int
    message_id: int
    to_contact: bool

    def encode(self) -> str:
        """The receipt as the Redis event log keeps it."""
        return (
            f"{self.account_id},{self.conversation_id},{self.message_id},"
            f"{int(self.to_contact)}"
        )

    @classmethod
    def decode(cls, text: str | None) -> "Receipt | None":
        """The receipt ``encode`` wrote, or None for an event without one."""
        if not text:
            return None
        account_id, conversation_id, message_id, to_contact = text.split(",")
        return cls(
            account_id=int(account_id),
            conversation_id=int(conversation_id),
            message_id=int(message_id),
            to_contact=to_contact == "1",
        )

    @property
    def side(self) -> tuple[int, bool]:
        """The recipients' account and whether they are contacts: a frame to
        a subscription of the same ``Subscription.side`` delivers."""
        return (self.account_id, self.to_contact)


class Receipts:
    """The receipts one hub noted, written by one task at a time."""

    __slots__ = ("loop", "noted", "pending", "writer")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        # (account, conversation, to_contact) -> the highest message id noted.
        self.noted: dict[tuple[int, int, bool], int] = {}
        self.pending: dict[tuple[int, int, bool], delivery.Delivered] = {}
        self.writer: asyncio.Task | None = None

    def note(self, receipt: Receipt) -> None:
        """Remember that ``receipt``'s message reached its recipient side."""
        key = (receipt.account_id, receipt.conversation_id, receipt.to_contact)
        if receipt.message_id <= self.noted.get(key, 0):
            return
        if len(self.noted) >= REMEMBERED_CONVERSATIONS:
            self.noted.clear()
        self.noted[key] = receipt.message_id
        self.pending[key] = delivery.Delivered(
            account_id=receipt.account_id,
            conversation_id=receipt.conversation_id,
            to_contact=receipt.to_contact,
            up_to=receipt.message_id,
        )
        if self.writer is None:
            self.writer = self.loop.create_task(self._write())

    async def _write(self) -> None:
        # Ends once nothing is pending; receipts noted during a write go in
        # the next one.
        try:
            while self.pending:
                batch, self.pending = self.pending, {}
                try:
                    await record_deliveries(list(batch.values()))
                except DatabaseError:
                    logger.exception("recording %d deliveries failed", len(batch))
        finally:
            self.writer = None
