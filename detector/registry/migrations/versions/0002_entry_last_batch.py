"""entries.last_batch (the last batch an entry's applicant was screened in, for `registry list` and diff) and an
index on status_history.at (diff reads decisions since a time). Existing entries get their last batch from scores.

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
    with op.batch_alter_table("entries") as batch:
        batch.add_column(sa.Column("last_batch", sa.Text, nullable=False, server_default=""))
    op.execute(
        """
        UPDATE entries SET last_batch = COALESCE((
            SELECT s.batch_id FROM scores s JOIN batches b ON b.batch_id = s.batch_id
            WHERE s.applicant_id = entries.applicant_id
            ORDER BY b.recorded_at DESC, s.batch_id DESC LIMIT 1
        ), '')
        """
    )
    op.create_index("ix_status_history_at", "status_history", ["at"])


def downgrade() -> None:
    op.drop_index("ix_status_history_at", "status_history")
    with op.batch_alter_table("entries") as batch:
        batch.drop_column("last_batch")
