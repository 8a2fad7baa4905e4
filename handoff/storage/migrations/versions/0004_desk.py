"""the desk: passwords and the admin role; per case when it was assigned, what was promised,
the reminder and the first answer

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("employees") as batch:
        batch.add_column(
            sa.Column("is_admin", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("password_hash", sa.String(length=200), nullable=True))
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("answer_by", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("first_answer_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE cases SET assigned_at = opened_at")
    # Transfer notes were kept as the employee's messages; they are notes for colleagues.
    op.execute(
        "UPDATE messages SET sender = 'note'"
        " WHERE sender = 'employee' AND text LIKE 'Doorgezet naar %. Notitie: %'"
    )
    op.execute(
        "UPDATE cases SET first_answer_at = (SELECT min(created_at) FROM messages"
        " WHERE messages.case_id = cases.id AND messages.sender = 'employee')"
    )
    with op.batch_alter_table("cases") as batch:
        batch.alter_column("assigned_at", existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        for column in ("first_answer_at", "reminded_at", "answer_by", "assigned_at"):
            batch.drop_column(column)
    with op.batch_alter_table("employees") as batch:
        batch.drop_column("password_hash")
        batch.drop_column("is_admin")
