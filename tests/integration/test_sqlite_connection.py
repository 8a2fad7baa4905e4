"""SQLite's connections (storage/sqlite_connection.py): a short transaction's statements run on
the event loop's thread, any other's on the connection's own; what may wait still waits there,
never on the loop; and the results are the same either way."""

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from handoff.storage.database import (
    SQLITE_POOL_SIZE,
    create_engine,
    open_connections,
    session_factory,
    sqlite_file,
)
from handoff.storage.migrate import upgrade
from handoff.storage.sqlite_connection import Connection
from handoff.storage.tables import InboundUpdate
from handoff.storage.unit_of_work import UnitOfWork


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'short.db'}"
    upgrade(url)
    engine = create_engine(url)

    @event.listens_for(engine.sync_engine, "connect")
    def _thread_function(dbapi_connection: Any, _record: Any) -> None:
        # A function SQLite calls on whichever thread runs the statement.
        dbapi_connection.create_function("thread_id", 0, threading.get_ident)

    await open_connections(engine)  # as the app does: in WAL mode before anyone writes
    yield engine
    await engine.dispose()


async def _drivers(engine: AsyncEngine) -> list[Connection]:
    """The pool's connections, as the app's driver (storage/sqlite_connection.py) has them."""
    connections = [await engine.connect() for _ in range(SQLITE_POOL_SIZE)]
    drivers = []
    for connection in connections:
        raw = await connection.get_raw_connection()
        assert isinstance(raw.driver_connection, Connection)
        drivers.append(raw.driver_connection)
    for connection in connections:
        await connection.close()
    return drivers


async def _thread_of(uow: UnitOfWork, *, short: bool, read: bool) -> int:
    transaction = uow.read(short=short) if read else uow(short=short)
    async with transaction as session:
        return await session.scalar(text("SELECT thread_id()"))


async def test_a_short_transaction_runs_on_the_loop_and_any_other_off_it(
    engine: AsyncEngine,
) -> None:
    uow = UnitOfWork(session_factory(engine), serialize_writes=True)
    loop_thread = threading.get_ident()
    threads = {
        (short, read): await _thread_of(uow, short=short, read=read)
        for short in (True, False)
        for read in (True, False)
    }
    assert threads[True, True] == threads[True, False] == loop_thread
    assert loop_thread not in (threads[False, True], threads[False, False])


async def test_a_short_write_begins_and_commits_on_the_loop_and_any_other_off_it(
    engine: AsyncEngine,
) -> None:
    uow = UnitOfWork(session_factory(engine), serialize_writes=True)
    seen: list[tuple[str, int]] = []

    for driver in await _drivers(engine):  # every connection of the pool: trace it
        driver._conn.set_trace_callback(
            lambda statement: seen.append((statement, threading.get_ident()))
        )
    loop_thread = threading.get_ident()
    for short in (True, False):
        seen.clear()
        async with uow(short=short) as session:
            session.add(InboundUpdate(channel="web", update_id=f"u-{short}", payload={}))
        ends = {statement: thread for statement, thread in seen if statement.isupper()}
        on_loop = {statement: thread == loop_thread for statement, thread in ends.items()}
        assert on_loop == {"BEGIN IMMEDIATE": short, "COMMIT": short}, seen


async def test_the_wal_is_checkpointed_off_the_loop_after_so_many_commits(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's commits leave the WAL as it is (a checkpoint fsyncs); every few hundred
    commits a thread copies it into the database file, which a reader of the file alone (no
    WAL: `immutable`) then sees."""
    database = sqlite_file(str(engine.url))
    assert database is not None
    drivers = await _drivers(engine)
    checkpoints = drivers[0].checkpoints
    assert checkpoints is not None
    assert all(d.checkpoints is checkpoints for d in drivers)
    for driver in drivers:
        assert driver._conn.execute("PRAGMA wal_autocheckpoint").fetchone() == (0,)
    monkeypatch.setattr(checkpoints, "_every", 10)
    uow = UnitOfWork(session_factory(engine), serialize_writes=True)

    def in_the_file() -> int:
        file = sqlite3.connect(f"file:{database}?immutable=1", uri=True)
        try:
            return file.execute("SELECT count(*) FROM inbound_updates").fetchone()[0]
        finally:
            file.close()

    for number in range(9):
        async with uow(short=True) as session:
            session.add(InboundUpdate(channel="web", update_id=f"n{number}", payload={}))
    await checkpoints.finished()
    assert in_the_file() == 0  # nine commits, all in the WAL still
    async with uow(short=True) as session:
        session.add(InboundUpdate(channel="web", update_id="n9", payload={}))
    await checkpoints.finished()
    assert in_the_file() == 10


async def test_short_and_other_transactions_store_and_roll_back_alike(
    engine: AsyncEngine,
) -> None:
    uow = UnitOfWork(session_factory(engine), serialize_writes=True)
    for short in (True, False):
        async with uow(short=short) as session:
            session.add(InboundUpdate(channel="web", update_id=f"kept-{short}", payload={"n": 1}))
        with pytest.raises(RuntimeError):  # noqa: PT012 - the block raises to roll back
            async with uow(short=short) as session:
                session.add(InboundUpdate(channel="web", update_id=f"gone-{short}", payload={}))
                await session.flush()
                raise RuntimeError("rolled back")
    for short in (True, False):
        async with uow.read(short=short) as session:
            rows = await session.execute(select(InboundUpdate.update_id, InboundUpdate.payload))
            assert sorted(rows.all()) == [("kept-False", {"n": 1}), ("kept-True", {"n": 1})]


async def test_a_short_write_waits_for_another_process_off_the_loop(
    engine: AsyncEngine,
) -> None:
    """BEGIN IMMEDIATE waits while another connection (a command-line run, say) writes; the
    loop meanwhile serves other transactions. Inline, it would hold the loop until SQLite's
    busy timeout and then fail."""
    uow = UnitOfWork(session_factory(engine), serialize_writes=True)
    database = sqlite_file(str(engine.url))
    assert database is not None
    begun = asyncio.Event()

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _note_begin(*args: Any) -> None:
        if args[2] == "BEGIN IMMEDIATE":
            begun.set()

    other = sqlite3.connect(database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # the other process holds the write lock
    try:

        async def write() -> None:
            async with uow(short=True) as session:
                session.add(InboundUpdate(channel="web", update_id="waited", payload={}))

        writer = asyncio.create_task(write())
        await begun.wait()  # the writer is at its BEGIN IMMEDIATE now
        async with uow.read(short=True) as session:  # the loop is free meanwhile
            stored = await session.scalar(select(func.count(InboundUpdate.id)))
        assert (stored, writer.done()) == (0, False)
    finally:
        other.execute("COMMIT")
        other.close()
    await writer
    async with uow.read(short=True) as session:
        assert await session.scalar(select(InboundUpdate.update_id)) == "waited"
