"""privacy: every Rasa sender id a contact had, the log of exports and erasures, when a
contact was erased, and outbox rows that are forgotten once delivered

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contact_sender_ids",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["contact_id"], ["contacts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("sender_id"),
    )
    op.create_index(op.f("ix_contact_sender_ids_contact_id"), "contact_sender_ids", ["contact_id"])
    # Every contact's current sender id; the ones closed cases replaced are lost already.
    op.execute(
        "INSERT INTO contact_sender_ids (contact_id, sender_id, created_at) "
        "SELECT id, rasa_sender_id, created_at FROM contacts"
    )
    op.create_table(
        "privacy_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("via", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["employee_id"], ["employees.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(
            sa.Column(
                "forget_when_sent", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("forget_when_sent")
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("erased_at")
    op.drop_table("privacy_log")
    op.drop_index(op.f("ix_contact_sender_ids_contact_id"), table_name="contact_sender_ids")
    op.drop_table("contact_sender_ids")
