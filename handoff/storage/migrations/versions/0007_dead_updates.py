"""dead updates: how often Recovery took an update again, when it gave up, and the last
error's kind, so a few failing updates never block the others and admins see them

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inbound_updates") as batch:
        batch.add_column(sa.Column("tries", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("dead_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("last_error", sa.String(length=500), nullable=True))
    op.create_index("ix_inbound_dead", "inbound_updates", ["dead_at"])


def downgrade() -> None:
    op.drop_index("ix_inbound_dead", table_name="inbound_updates")
    with op.batch_alter_table("inbound_updates") as batch:
        batch.drop_column("last_error")
        batch.drop_column("dead_at")
        batch.drop_column("tries")
