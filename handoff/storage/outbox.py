"""The outbox's write side: an outgoing message is a row in the caller's transaction.

services/outbox.py delivers the rows afterwards.
"""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handoff.storage.tables import OutboxMessage

# Marks a transaction that added outbox rows, so only its commit wakes the sender
# (`UnitOfWork.after_commit(…, only_if=QUEUED)`).
QUEUED = "outbox_queued"


def enqueue(session: AsyncSession, channel: str, chat_id: str, **fields: Any) -> OutboxMessage:
    """Adds a message to the outbox within the caller's transaction."""
    row = OutboxMessage(channel=channel, chat_id=chat_id, **fields)
    session.add(row)
    session.info[QUEUED] = True
    return row
