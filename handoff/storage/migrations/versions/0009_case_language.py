"""case language: the language the tenant wrote (ISO 639-1), so an employee knows before reading
that the tenant needs an answer in Dutch or English, not Turkish

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(
            sa.Column("language", sa.String(length=8), nullable=False, server_default="nl")
        )


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("language")
