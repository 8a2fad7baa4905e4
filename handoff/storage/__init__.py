"""Persistence: SQLAlchemy tables, the engine, Alembic migrations, the unit of work, the
outbox rows and the directory file."""
