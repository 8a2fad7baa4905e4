"""The transaction boundary: one `async with uow() as session` is one transaction."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handoff.storage.database import READ_ONLY


class UnitOfWork:
    """Opens a session in a transaction and tells listeners once it has committed."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], serialize_writes: bool = False
    ) -> None:
        self._sessions = sessions
        self._after_commit: list[Callable[[], None]] = []
        # SQLite has one writer at a time, and its busy handler polls with growing sleeps (up
        # to a second under load); queueing writers here hands the lock over at once instead.
        self._write_lock = asyncio.Lock() if serialize_writes else None

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Registers a callback run after every commit (for example: wake the outbox)."""
        self._after_commit.append(callback)

    @asynccontextmanager
    async def __call__(self) -> AsyncIterator[AsyncSession]:
        async with self._write_lock or contextlib.nullcontext():
            async with self._sessions() as session:
                async with session.begin():
                    yield session
        for callback in self._after_commit:
            callback()

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """Opens a transaction that only reads; on SQLite it does not wait for the write lock."""
        async with self._sessions() as session:
            async with session.begin():
                await session.connection(execution_options={READ_ONLY: True})
                yield session
