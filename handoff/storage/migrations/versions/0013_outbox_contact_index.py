"""outbox rows by contact: what a tenant was sent last and which buttons they were offered is
read for every message they send (services/conversation.py)

Revision ID: 0013
Revises: 0012
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_outbox_contact", "outbox", ["contact_id", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_outbox_contact", table_name="outbox")
