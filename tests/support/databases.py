"""Scratch databases for the tests and the benchmark."""

from sqlalchemy import create_engine, text

from handoff.storage.database import sync_url


def reset_postgres(url: str) -> None:
    """Empties a scratch PostgreSQL database: drops and recreates its public schema."""
    engine = create_engine(sync_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
