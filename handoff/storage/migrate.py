"""Brings a database to the newest schema with Alembic."""

from pathlib import Path

from alembic import command
from alembic.config import Config

from handoff.storage.database import private_file, sqlite_file, sync_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(database_url: str) -> Config:
    """Returns an Alembic configuration for this database."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", sync_url(database_url).replace("%", "%%"))
    return config


def upgrade(database_url: str) -> None:
    """Applies every migration that the database does not have yet."""
    if (database := sqlite_file(database_url)) is not None:
        private_file(database)
    command.upgrade(alembic_config(database_url), "head")
