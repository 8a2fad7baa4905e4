"""Rasa's SQL tracker store, read and pruned by the app: a tenant's conversations with the
assistant, for their export, their erasure and the retention period.

Rasa 3.6's SQLTrackerStore keeps one row per event in the table `events` (`sender_id`,
`type_name`, `timestamp`, `data` as JSON text, …). Rasa creates the table when it starts
(`make run` just before, `create_sqlite_store`); until it exists there is nothing to read or
delete.
"""

import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    func,
    select,
)
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from handoff.storage.database import async_url

METADATA = MetaData()
# The columns of Rasa's SQLTrackerStore.SQLEvent the app uses (and the tests create).
EVENTS = Table(
    "events",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)


def create_sqlite_store(path: Path) -> None:
    """Creates the tracker store's table in an SQLite file before the Rasa servers start: the
    live one and its standby each create it on start, and the one that loses the race logs an
    error with the whole CREATE TABLE (harmless, says Rasa's code, but it is a new user's first
    screen). The table is Rasa 3.6's own, statement for statement
    (tests/e2e/test_rasa_processes.py compares the two)."""
    engine = create_engine(f"sqlite:///{path}")
    try:
        METADATA.create_all(engine)
    finally:
        engine.dispose()


@dataclass(frozen=True)
class TrackerEvent:
    """One event of a conversation as Rasa stored it."""

    sender_id: str
    type_name: str
    timestamp: float | None
    data: dict[str, Any]


@dataclass(frozen=True)
class Pruned:
    """What a deletion took away."""

    senders: int
    events: int


class RasaTrackers:
    """The tracker store at an SQLAlchemy URL (SQLite or PostgreSQL)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: AsyncEngine | None = None

    def _missing_file(self) -> bool:
        """An SQLite tracker store Rasa has not created yet (connecting would create it)."""
        parsed = make_url(self.url)
        if parsed.get_backend_name() != "sqlite":
            return False
        database = parsed.database
        return not database or database == ":memory:" or not Path(database).exists()

    def _engine_now(self) -> AsyncEngine:
        if self._engine is None:
            options = {"connect_args": {"timeout": 30}} if self.url.startswith("sqlite") else {}
            self._engine = create_async_engine(async_url(self.url), **options)
        return self._engine

    @staticmethod
    async def _has_events(connection: AsyncConnection) -> bool:
        return await connection.run_sync(lambda sync: sync.dialect.has_table(sync, EVENTS.name))

    async def events(self, sender_ids: Collection[str]) -> list[TrackerEvent]:
        """The events of these conversations, oldest first; none if there is no store yet."""
        if not sender_ids or self._missing_file():
            return []
        async with self._engine_now().connect() as connection:
            if not await self._has_events(connection):
                return []
            rows = await connection.execute(
                select(EVENTS.c.sender_id, EVENTS.c.type_name, EVENTS.c.timestamp, EVENTS.c.data)
                .where(EVENTS.c.sender_id.in_(list(sender_ids)))
                .order_by(EVENTS.c.timestamp, EVENTS.c.id)
            )
            return [
                TrackerEvent(sender, type_name, timestamp, _parsed(data))
                for sender, type_name, timestamp, data in rows.all()
            ]

    async def delete(self, sender_ids: Collection[str]) -> Pruned:
        """Deletes every event of these conversations."""
        if not sender_ids or self._missing_file():
            return Pruned(0, 0)
        async with self._engine_now().begin() as connection:
            if not await self._has_events(connection):
                return Pruned(0, 0)
            ids = list(sender_ids)
            senders = await connection.scalar(
                select(func.count(func.distinct(EVENTS.c.sender_id))).where(
                    EVENTS.c.sender_id.in_(ids)
                )
            )
            result = await connection.execute(delete(EVENTS).where(EVENTS.c.sender_id.in_(ids)))
            return Pruned(senders or 0, result.rowcount)

    def _old(self, cutoff_timestamp: float) -> Any:
        return (
            select(EVENTS.c.sender_id)
            .group_by(EVENTS.c.sender_id)
            .having(func.max(EVENTS.c.timestamp) < cutoff_timestamp)
        )

    async def count_before(self, cutoff_timestamp: float) -> int:
        """How many conversations `delete_before` would delete now."""
        if self._missing_file():
            return 0
        async with self._engine_now().connect() as connection:
            if not await self._has_events(connection):
                return 0
            return len(list(await connection.scalars(self._old(cutoff_timestamp))))

    async def delete_before(self, cutoff_timestamp: float) -> Pruned:
        """Deletes every conversation whose last event is older than the cutoff (Unix time).

        Each chunk of conversations is its own short transaction: the live Rasa servers share
        this store, and a long write lock on SQLite would hold up tenants' turns.
        """
        if self._missing_file():
            return Pruned(0, 0)
        async with self._engine_now().connect() as connection:
            if not await self._has_events(connection):
                return Pruned(0, 0)
            senders = list(await connection.scalars(self._old(cutoff_timestamp)))
        events = 0
        for start in range(0, len(senders), 500):
            chunk = senders[start : start + 500]
            async with self._engine_now().begin() as connection:
                result = await connection.execute(
                    delete(EVENTS).where(
                        EVENTS.c.sender_id.in_(chunk),
                        # a conversation that went on meanwhile is not old any more
                        EVENTS.c.sender_id.not_in(
                            select(EVENTS.c.sender_id)
                            .where(EVENTS.c.sender_id.in_(chunk))
                            .where(EVENTS.c.timestamp >= cutoff_timestamp)
                        ),
                    )
                )
                events += result.rowcount
        return Pruned(len(senders), events)

    async def close(self) -> None:
        """Disposes of the engine, if one was made."""
        if self._engine is not None:
            await self._engine.dispose()
            self._engine = None


def _parsed(data: str | None) -> dict[str, Any]:
    try:
        value = json.loads(data or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
