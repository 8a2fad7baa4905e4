"""employee logouts: a count that a desk session is bound to, so logging out ends every session
of the employee (a copied cookie too), also after the app restarts (security review #9)

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("employees") as batch:
        batch.add_column(sa.Column("logouts", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("employees") as batch:
        batch.drop_column("logouts")
