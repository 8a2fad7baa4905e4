"""The transaction boundary: one `async with uow() as session` is one transaction."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handoff.storage.database import READ_ONLY
from handoff.storage.sqlite_connection import SHORT


class UnitOfWork:
    """Opens a session in a transaction and tells listeners once it has committed."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], serialize_writes: bool = False
    ) -> None:
        self._sessions = sessions
        self._after_commit: list[tuple[Callable[[], None], str | None]] = []
        # SQLite has one writer at a time, and its busy handler polls with growing sleeps (up
        # to a second under load); queueing writers here hands the lock over at once instead.
        self._write_lock = asyncio.Lock() if serialize_writes else None

    def after_commit(self, callback: Callable[[], None], only_if: str | None = None) -> None:
        """Registers a callback run after every commit, or, with `only_if`, after a commit of
        a transaction that marked itself so in `session.info` (the outbox sender wakes only
        for new rows: waking it for every commit cost a scan per commit)."""
        self._after_commit.append((callback, only_if))

    @asynccontextmanager
    async def __call__(self, *, short: bool = False) -> AsyncIterator[AsyncSession]:
        """Opens a transaction that may write. `short`: a few indexed statements of one
        message (the tenant's hot path), which on SQLite run without a thread hop each
        (storage/sqlite_connection.py); nothing that may scan a table."""
        async with self._write_lock or contextlib.nullcontext(), self._sessions() as session:
            async with session.begin():
                if short:
                    await session.connection(execution_options={SHORT: True})
                yield session
            marks = dict(session.info)
        for callback, only_if in self._after_commit:
            if only_if is None or marks.get(only_if):
                callback()

    @asynccontextmanager
    async def read(self, *, short: bool = False) -> AsyncIterator[AsyncSession]:
        """Opens a transaction that only reads; on SQLite it does not wait for the write lock.
        `short` as for a transaction that writes."""
        async with self._sessions() as session, session.begin():
            await session.connection(execution_options={READ_ONLY: True, SHORT: short})
            yield session
