"""messages.response: the Rasa response a bot message came from (utter_summary…), so the app
knows the summary by its name and not by its Dutch wording (nlu/inbox.py)

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("messages", sa.Column("response", sa.String(64), nullable=True))
    # Summaries sent before this revision, known by the wording they all had then.
    op.execute(
        "UPDATE messages SET response = 'utter_summary' "
        "WHERE sender = 'bot' AND text LIKE 'Dus als ik het goed begrijp%'"
    )


def downgrade() -> None:
    op.drop_column("messages", "response")
