"""Scratch databases for the tests and the benchmark."""

import os
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text

from handoff.storage.database import sync_url
from handoff.storage.migrate import upgrade


def reset_postgres(url: str) -> None:
    """Empties a scratch PostgreSQL database: drops and recreates its public schema."""
    engine = create_engine(sync_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def bench_database() -> str:
    """A fresh, migrated database for a benchmark: BENCH_DATABASE_URL's PostgreSQL emptied
    first, else a new SQLite file."""
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        reset_postgres(url)
    else:
        url = f"sqlite+aiosqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    upgrade(url)
    return url
