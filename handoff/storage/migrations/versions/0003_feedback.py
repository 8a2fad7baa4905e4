"""the tenant's feedback after a case closed; how often a case was transferred

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("felt_heard", sa.Integer(), nullable=True),
        sa.Column("explained_more_than_once", sa.Boolean(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["owner_id"], ["employees.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id"),
    )
    op.create_index(op.f("ix_feedback_owner_id"), "feedback", ["owner_id"], unique=False)
    with op.batch_alter_table("cases") as batch:
        batch.add_column(
            sa.Column("transfers", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("transfers")
    op.drop_index(op.f("ix_feedback_owner_id"), table_name="feedback")
    op.drop_table("feedback")
