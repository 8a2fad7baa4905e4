"""inbound updates by contact: a tenant's new message waits behind their earlier ones that are
not finished, which is looked up for every message (reliability review, defect 5)

Revision ID: 0011
Revises: 0010
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_inbound_contact", "inbound_updates", ["contact_id", "processed_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_inbound_contact", table_name="inbound_updates")
