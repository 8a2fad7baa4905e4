"""employees can say they are away (/afwezig) and link Telegram with a one-time code (/koppel)

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("employees") as batch:
        batch.add_column(sa.Column("away", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("link_code_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("link_code_expires", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("employees") as batch:
        batch.drop_column("link_code_expires")
        batch.drop_column("link_code_hash")
        batch.drop_column("away")
