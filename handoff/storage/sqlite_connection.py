"""SQLite connections with fewer thread hops than aiosqlite's (docs/performance.md).

aiosqlite runs every call on its connection's own thread, and each call is a hop there and
back through the event loop: about 80 µs on this project's machines, more while the loop is
busy. SQLAlchemy makes four such calls per statement (open a cursor, execute, fetch, close),
so a transaction of three statements cost a dozen hops, which was most of the 2-4 ms each of
a tenant message's transactions took. Here:

- A statement is one hop: it runs and fetches its rows in one call on the thread. Opening and
  closing a cursor touch no file and run on the caller's thread.
- A *short* transaction (`SHORT`, a few indexed statements of one message: the tenant's hot
  path, see `UnitOfWork`) runs its statements on the event loop's thread, with no hop at all:
  they take microseconds, less than the hop. Only what may wait or write to disk still goes to
  the thread: `BEGIN IMMEDIATE` (it waits while another process writes; within the app the
  writers queue in `UnitOfWork`) and the `COMMIT` of a transaction that writes (it appends to
  the WAL and may checkpoint it, with an fsync). In WAL mode a read waits for no lock, and a
  write after `BEGIN IMMEDIATE` holds the lock already.

Everything else (the desk, the purge, an export) keeps a statement's work off the loop.
"""

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import aiosqlite
from aiosqlite.context import contextmanager

# Execution option of a short transaction (see the module's docstring; database.py reads it).
SHORT = "aandacht_short"


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

    def __init__(self, connector: Callable[[], sqlite3.Connection]) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._inline = False  # in a short transaction: statements run on the caller's thread
        self._writes = False  # the short transaction began with BEGIN IMMEDIATE

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if self._inline:
            if not self._running or self._connection is None:
                raise ValueError("Connection closed")
            return fn(*args, **kwargs)
        return await super()._execute(fn, *args, **kwargs)

    @contextlib.contextmanager
    def short_transaction(self, *, writes: bool) -> Iterator[None]:
        """Around the BEGIN of a short transaction: from then on its statements run inline.
        `BEGIN IMMEDIATE` goes to the thread (it may wait); a deferred BEGIN waits for nothing
        in WAL mode and runs inline too."""
        self._writes = writes
        self._inline = not writes
        try:
            yield
        except BaseException:
            self._inline = False
            raise
        self._inline = True

    @contextmanager
    async def cursor(self) -> aiosqlite.Cursor:
        return _Cursor(self, self._conn.cursor())

    async def commit(self) -> None:
        try:
            if self._inline and self._writes:
                self._inline = False  # the commit writes the WAL (and may checkpoint it)
            await self._execute(self._conn.commit)
        finally:
            self._inline = False

    async def rollback(self) -> None:
        try:
            if self._conn.in_transaction:  # else nothing to do (the pool's reset, mostly)
                await self._execute(self._conn.rollback)
        finally:
            self._inline = False


def connector(database: Path, timeout: float) -> Callable[[], Connection]:
    """What SQLAlchemy's `async_creator` calls for a new connection to the file."""

    def create() -> Connection:
        return Connection(
            partial(sqlite3.connect, str(database), timeout=timeout, check_same_thread=False)
        )

    return create
