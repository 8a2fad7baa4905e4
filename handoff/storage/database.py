"""The database engine and sessions, for SQLite (default) and PostgreSQL."""

import os
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

from handoff.storage import sqlite_connection
from handoff.storage.sqlite_connection import SHORT

# Execution option marking a transaction that only reads (see UnitOfWork.read).
READ_ONLY = "aandacht_read_only"

SQLITE_POOL_SIZE = 8  # connections to an SQLite file, all opened at start

ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+psycopg"}
SYNC_DRIVERS = {"sqlite": "sqlite", "postgresql": "postgresql+psycopg"}


def _parse(url: str) -> URL:
    return make_url(url.replace("postgres://", "postgresql://", 1))


def _with_driver(url: str, drivers: dict[str, str]) -> str:
    parsed = _parse(url)
    driver = drivers[parsed.get_backend_name()]
    return parsed.set(drivername=driver).render_as_string(hide_password=False)


def async_url(url: str) -> str:
    """Returns the URL with the async driver this app uses for its backend."""
    return _with_driver(url, ASYNC_DRIVERS)


def sync_url(url: str) -> str:
    """Returns the URL with a synchronous driver, for Alembic."""
    return _with_driver(url, SYNC_DRIVERS)


def private_file(path: Path) -> None:
    """Makes an SQLite file (tenants' messages) readable by this user only, before SQLite
    opens it; its -wal and -shm files take the same mode (security review #24)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    path.chmod(0o600)


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL; None for PostgreSQL or an in-memory database."""
    parsed = _parse(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def create_engine(url: str) -> AsyncEngine:
    """Creates the engine; on SQLite, writers queue instead of failing with "locked"."""
    # hide_parameters: errors (and SQL logging) show the statement without its values, which
    # are message texts, names and notes. The migrations' engine (migrations/env.py) too.
    url = async_url(url)
    if _parse(url).get_backend_name() != "sqlite":
        return create_async_engine(url, pool_pre_ping=True, hide_parameters=True)
    if (database := sqlite_file(url)) is not None:
        private_file(database)
    # Each SQLite connection is a thread (aiosqlite) whose start blocks the event loop while
    # the new thread waits for the interpreter, up to a few hundred ms under load: a fixed set
    # of connections, opened at start (`open_connections`), that a burst waits for instead of
    # starting more. SQLite has one writer anyway. A file's connections make fewer thread hops
    # than aiosqlite's own (storage/sqlite_connection.py).
    timeout = 30  # seconds a writer waits while another process writes
    file = (
        {}
        if database is None
        else {"async_creator": sqlite_connection.connector(database, timeout)}
    )
    engine = create_async_engine(
        url,
        **file,
        connect_args={"timeout": timeout},
        hide_parameters=True,
        pool_size=SQLITE_POOL_SIZE,
        max_overflow=0,
    )

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None  # let BEGIN below take over
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # Safe with WAL: an application crash loses no commit (only a power cut might lose the
        # last ones). PostgreSQL is the database for production.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        if isinstance(record.driver_connection, sqlite_connection.Connection):
            # Its commits run on the loop; the checkpoints on a thread (sqlite_connection.py).
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        options = connection.get_execution_options()
        # Readers never block in WAL mode; writers take the write lock at the start, so two
        # writers never deadlock on upgrade.
        statement = "BEGIN" if options.get(READ_ONLY) else "BEGIN IMMEDIATE"
        driver = connection.connection.driver_connection
        if options.get(SHORT) and isinstance(driver, sqlite_connection.Connection):
            with driver.short_transaction(writes=not options.get(READ_ONLY)):
                connection.exec_driver_sql(statement)
        else:
            connection.exec_driver_sql(statement)

    return engine


async def open_connections(engine: AsyncEngine) -> None:
    """Opens the pool's connections now, before there is load (SQLite: see create_engine)."""
    if engine.dialect.name != "sqlite" or sqlite_file(str(engine.url)) is None:
        return
    connections = [await engine.connect() for _ in range(SQLITE_POOL_SIZE)]
    for connection in connections:
        await connection.close()  # back to the pool, still open


def session_factory(engine: AsyncEngine) -> async_sessionmaker:
    """Returns the factory for units of work (one transaction each)."""
    return async_sessionmaker(engine, expire_on_commit=False)
