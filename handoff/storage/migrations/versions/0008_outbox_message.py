"""outbox message: the transcript message an outgoing row delivers, so a message the outbox
gave up on is found by its key, not by its text and moment

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("message_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_outbox_message", "messages", ["message_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_index("ix_outbox_message", ["message_id"])


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_index("ix_outbox_message")
        batch.drop_constraint("fk_outbox_message", type_="foreignkey")
        batch.drop_column("message_id")
