"""Alembic environment: runs migrations with a synchronous connection."""

from alembic import context
from sqlalchemy import engine_from_config, pool

from handoff.storage.tables import Base

config = context.config
connectable = engine_from_config(
    config.get_section(config.config_ini_section, {}),
    prefix="sqlalchemy.",
    poolclass=pool.NullPool,
    hide_parameters=True,  # a failed migration's error shows no row's values
)
with connectable.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
connectable.dispose()
