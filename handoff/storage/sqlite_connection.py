"""SQLite connections with fewer thread hops than aiosqlite's (docs/performance.md).

aiosqlite runs every call on its connection's own thread, and each call is a hop there and
back through the event loop: about 80 µs on this project's machines, more while the loop is
busy. SQLAlchemy makes four such calls per statement (open a cursor, execute, fetch, close),
so a transaction of three statements cost a dozen hops, which was most of the 2-4 ms each of
a tenant message's transactions took. Here:

- A statement is one hop: it runs and fetches its rows in one call on the thread. Opening and
  closing a cursor touch no file and run on the caller's thread.
- A *short* transaction (`SHORT`, a few indexed statements of one message: the tenant's hot
  path, see `UnitOfWork`) runs on the event loop's thread, with no hop at all: its statements
  take microseconds, less than the hop. So do its `BEGIN` and `COMMIT`:
  - `BEGIN IMMEDIATE` is tried without waiting (a busy timeout of 0): within the app the
    writers queue in `UnitOfWork`, so only another process (a command-line run) can hold the
    lock, and then it goes to the thread and waits there, with the usual timeout.
  - `COMMIT` appends the transaction's pages to the WAL (a write to the page cache; with
    `synchronous=NORMAL` no fsync). What may take long is the checkpoint, which copies the WAL
    into the database file and fsyncs it: SQLite runs one within a `COMMIT` every 1,000 pages,
    so the app's connections turn that off (`wal_autocheckpoint=0`) and `Checkpoints` runs it
    on a thread of its own after every `CHECKPOINT_EVERY` commits.
  In WAL mode a read waits for no lock, and a write after `BEGIN IMMEDIATE` holds the lock.

Everything else (the desk, the purge, an export) keeps a statement's work off the loop.
"""

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import aiosqlite
from aiosqlite.context import contextmanager

log = logging.getLogger(__name__)

# Execution option of a short transaction (see the module's docstring; database.py reads it).
SHORT = "aandacht_short"
# Commits between two checkpoints: a few pages each, so the WAL stays a few MB at most.
CHECKPOINT_EVERY = 500


class Checkpoints:
    """Copies the WAL into the database file on a thread, after every CHECKPOINT_EVERY commits
    of the app's connections (which do not checkpoint within a commit: see the docstring)."""

    def __init__(self, database: Path, every: int | None = None) -> None:
        self._database = database
        self._every = every or CHECKPOINT_EVERY
        self._commits = 0
        self._running: asyncio.Task[None] | None = None

    def committed(self) -> None:
        """Counts a commit; after `every` of them starts a checkpoint, unless one is running."""
        self._commits += 1
        if self._commits >= self._every and self._running is None:
            self._commits = 0
            self._running = asyncio.get_running_loop().create_task(self._checkpoint())

    async def finished(self) -> None:
        """Waits for a checkpoint that is running, if any."""
        if self._running is not None:
            await asyncio.shield(self._running)

    async def _checkpoint(self) -> None:
        try:
            await asyncio.to_thread(self._run)
        except sqlite3.Error as error:  # the next round tries again; SQLite loses nothing
            log.warning("the WAL checkpoint failed: %s", error)
        finally:
            self._running = None

    def _run(self) -> None:
        connection = sqlite3.connect(self._database, timeout=30)
        try:
            # PASSIVE: copies what no reader still needs, and waits for no one.
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        finally:
            connection.close()


class _Cursor(aiosqlite.Cursor):
    """A cursor whose `execute` also fetches the rows, in the same call."""

    _conn: "Connection"
    _rows: list[Any] | None = None

    async def execute(self, sql: str, parameters: Iterable[Any] | None = None) -> "_Cursor":
        self._rows = await self._conn._execute(self._run, sql, parameters or ())
        return self

    def _run(self, sql: str, parameters: Any) -> list[Any] | None:
        self._cursor.execute(sql, parameters)
        return self._cursor.fetchall() if self._cursor.description else None

    async def fetchall(self) -> list[Any]:
        rows, self._rows = self._rows or [], None
        return rows

    async def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None

    async def fetchmany(self, size: int | None = None) -> Sequence[Any]:
        rows = self._rows or []
        size = size or self._cursor.arraysize
        taken, self._rows = rows[:size], rows[size:]
        return taken

    async def close(self) -> None:
        self._rows = None
        self._cursor.close()  # frees the statement; no file is touched


class Connection(aiosqlite.Connection):
    """aiosqlite's connection, with one hop per statement and none in a short transaction."""

    def __init__(
        self,
        connector: Callable[[], sqlite3.Connection],
        busy_timeout: float = 5.0,
        checkpoints: Checkpoints | None = None,
    ) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._inline = False  # in a short transaction: statements run on the caller's thread
        self._trying = False  # a short transaction's BEGIN IMMEDIATE, tried without waiting
        self._busy_ms = int(busy_timeout * 1000)
        self.checkpoints = checkpoints

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if self._trying:
            self._trying = False
            try:
                return self._without_waiting(fn, *args, **kwargs)
            except sqlite3.OperationalError as error:
                if error.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY:  # or extended
                    raise
            # Another process writes: wait for it on the thread, as any other transaction.
            self._inline = False
            try:
                return await super()._execute(fn, *args, **kwargs)
            finally:
                self._inline = True
        if self._inline:
            return self._here(fn, *args, **kwargs)
        return await super()._execute(fn, *args, **kwargs)

    def _here(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Runs a call on the caller's thread, as aiosqlite's thread would."""
        if not self._running or self._connection is None:
            raise ValueError("Connection closed")
        return fn(*args, **kwargs)

    def _without_waiting(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        self._here(self._conn.execute, "PRAGMA busy_timeout = 0")
        try:
            return fn(*args, **kwargs)
        finally:
            self._conn.execute(f"PRAGMA busy_timeout = {self._busy_ms}")

    @contextlib.contextmanager
    def short_transaction(self, *, writes: bool) -> Iterator[None]:
        """Around the BEGIN of a short transaction: it and its statements run inline. A
        deferred BEGIN waits for nothing in WAL mode; BEGIN IMMEDIATE is tried without waiting
        and waits on the thread only when another process holds the write lock."""
        self._trying = writes
        self._inline = True
        try:
            yield
        except BaseException:
            self._inline = False
            raise
        finally:
            self._trying = False

    @contextmanager
    async def cursor(self) -> aiosqlite.Cursor:
        """A cursor that runs its statements as this connection does."""
        return _Cursor(self, self._conn.cursor())

    async def commit(self) -> None:
        """Commits, and counts the commit towards the next checkpoint."""
        try:
            await self._execute(self._conn.commit)  # inline in a short transaction
        finally:
            self._inline = False
        if self.checkpoints is not None:
            self.checkpoints.committed()

    async def rollback(self) -> None:
        """Rolls back the transaction, if one is open."""
        try:
            if self._conn.in_transaction:  # else nothing to do (the pool's reset, mostly)
                await self._execute(self._conn.rollback)
        finally:
            self._inline = False


def connector(database: Path, timeout: float) -> Callable[[], Connection]:
    """What SQLAlchemy's `async_creator` calls for a new connection to the file; the file's
    connections share one `Checkpoints`."""
    checkpoints = Checkpoints(database)

    def create() -> Connection:
        return Connection(
            partial(sqlite3.connect, str(database), timeout=timeout, check_same_thread=False),
            busy_timeout=timeout,
            checkpoints=checkpoints,
        )

    return create
