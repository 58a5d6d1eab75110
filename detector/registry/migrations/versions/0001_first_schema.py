"""The registry as first shipped: batches, filings, applicants (names, link values), links, clusters, hits, scores,
the list (entries, status history) and users.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

T = sa.Text
B64 = sa.String(64)
TS = sa.String(32)


def upgrade() -> None:
    op.create_table(
        "batches",
        sa.Column("batch_id", B64, primary_key=True),
        sa.Column("recorded_at", TS, nullable=False),
        sa.Column("tool_version", T, nullable=False),
        sa.Column("ruleset_sha256", T, nullable=False),
        sa.Column("input_hashes", T, nullable=False),
        sa.Column("n_filings", sa.Integer, nullable=False),
        sa.Column("n_new_filings", sa.Integer, nullable=False),
        sa.Column("n_applicants", sa.Integer, nullable=False),
        sa.Column("n_flagged", sa.Integer, nullable=False),
        sa.Column("source", T, nullable=False),
    )
    filing_text = [
        "mark_text",
        "nice_class",
        "filing_date",
        "applicant_name",
        "applicant_id",
        "applicant_address",
        "agent",
        "goods",
        "status",
        "assignee",
    ]
    op.create_table(
        "filings",
        sa.Column("filing_id", T, primary_key=True),
        sa.Column("batch_id", B64, sa.ForeignKey("batches.batch_id"), nullable=False),
        *[sa.Column(c, T, nullable=False) for c in filing_text],
        sa.Column("mark_key", T, nullable=False),
        sa.Column("day", sa.Integer, nullable=False),
    )
    op.create_index("ix_filings_applicant_day", "filings", ["applicant_id", "day"])
    op.create_index("ix_filings_mark_day", "filings", ["mark_key", "day"])
    op.create_index("ix_filings_batch", "filings", ["batch_id"])
    applicant_text = [
        "name",
        "entity_type",
        "address",
        "phone",
        "email",
        "legal_representative",
        "contact_person",
        "shareholders",
        "established_date",
        "business_scope",
        "registry_status",
    ]
    op.create_table(
        "applicants",
        sa.Column("applicant_id", T, primary_key=True),
        *[sa.Column(c, T, nullable=False) for c in applicant_text],
        sa.Column("registered_capital", sa.Float),
        sa.Column("name_key", T, nullable=False),
        sa.Column("first_batch", B64, nullable=False),
        sa.Column("last_batch", B64, nullable=False),
    )
    op.create_index("ix_applicants_name_key", "applicants", ["name_key"])
    op.create_table(
        "applicant_names",
        sa.Column("applicant_id", T, primary_key=True),
        sa.Column("name", T, primary_key=True),
        sa.Column("name_key", T, nullable=False),
        sa.Column("first_batch", B64, nullable=False),
        sa.Column("last_batch", B64, nullable=False),
    )
    op.create_index("ix_applicant_names_key", "applicant_names", ["name_key"])
    op.create_table(
        "applicant_values",
        sa.Column("applicant_id", T, primary_key=True),
        sa.Column("kind", T, primary_key=True),
        sa.Column("value_key", T, primary_key=True),
        sa.Column("batch_id", B64, nullable=False),
    )
    op.create_index("ix_applicant_values_key", "applicant_values", ["value_key"])
    op.create_table(
        "links",
        sa.Column("batch_id", B64, sa.ForeignKey("batches.batch_id"), nullable=False),
        sa.Column("a", T, nullable=False),
        sa.Column("b", T, nullable=False),
        sa.Column("link_type", T, nullable=False),
        sa.Column("value", T, nullable=False),
    )
    op.create_index("ix_links_a", "links", ["a"])
    op.create_index("ix_links_b", "links", ["b"])
    op.create_index("ix_links_batch", "links", ["batch_id"])
    op.create_table(
        "clusters",
        sa.Column("batch_id", B64, sa.ForeignKey("batches.batch_id"), primary_key=True),
        sa.Column("applicant_id", T, primary_key=True),
        sa.Column("cluster_id", T, nullable=False),
    )
    op.create_index("ix_clusters_applicant", "clusters", ["applicant_id"])
    op.create_index("ix_clusters_cluster", "clusters", ["batch_id", "cluster_id"])
    op.create_table(
        "hits",
        sa.Column("batch_id", B64, sa.ForeignKey("batches.batch_id"), nullable=False),
        sa.Column("applicant_id", T, nullable=False),
        sa.Column("rule_id", T, nullable=False),
        sa.Column("filing_id", T, nullable=False),
        sa.Column("points", sa.Float, nullable=False),
        sa.Column("evidence", T, nullable=False),
    )
    op.create_index("ix_hits_applicant", "hits", ["applicant_id"])
    op.create_index("ix_hits_batch", "hits", ["batch_id"])
    op.create_table(
        "scores",
        sa.Column("batch_id", B64, sa.ForeignKey("batches.batch_id"), primary_key=True),
        sa.Column("applicant_id", T, primary_key=True),
        sa.Column("applicant_name", T, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("level", T, nullable=False),
        sa.Column("flagged", sa.Boolean, nullable=False),
        sa.Column("repeat_offender", sa.Boolean, nullable=False),
        sa.Column("new_evidence", sa.Boolean, nullable=False),
        sa.Column("cluster_id", T, nullable=False),
        sa.Column("categories", T, nullable=False),
        sa.Column("rule_ids", T, nullable=False),
    )
    op.create_index("ix_scores_applicant", "scores", ["applicant_id"])
    op.create_table(
        "entries",
        sa.Column("applicant_id", T, primary_key=True),
        sa.Column("status", T, nullable=False),
        sa.Column("name", T, nullable=False),
        sa.Column("cluster_id", T, nullable=False),
        sa.Column("categories", T, nullable=False),
        sa.Column("rule_ids", T, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("level", T, nullable=False),
        sa.Column("repeat_offender", sa.Boolean, nullable=False),
        sa.Column("first_listed", TS, nullable=False),
        sa.Column("first_batch", T, nullable=False),
        sa.Column("last_seen", TS, nullable=False),
        sa.Column("n_batches", sa.Integer, nullable=False),
        sa.Column("source", T, nullable=False),
        sa.Column("sources", T, nullable=False),
        sa.Column("cleared_evidence", T, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_index("ix_entries_status", "entries", ["status"])
    op.create_table(
        "status_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("applicant_id", T, nullable=False),
        sa.Column("status", T, nullable=False),
        sa.Column("previous", T, nullable=False),
        sa.Column("applied", sa.Boolean, nullable=False),
        sa.Column("kind", T, nullable=False),
        sa.Column("decided_by", T, nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("reason", T, nullable=False),
        sa.Column("batch_id", T, nullable=False),
        sa.Column("source", T, nullable=False),
    )
    op.create_index("ix_status_history_applicant", "status_history", ["applicant_id"])
    op.create_table(
        "users",
        sa.Column("name", T, primary_key=True),
        sa.Column("role", T, nullable=False),
        sa.Column("secret_hash", T, nullable=False),
        sa.Column("token_id", T, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False),
    )
    op.create_index("ix_users_token", "users", ["token_id"])


def downgrade() -> None:
    for table in (
        "users",
        "status_history",
        "entries",
        "scores",
        "hits",
        "clusters",
        "links",
        "applicant_values",
        "applicant_names",
        "applicants",
        "filings",
        "batches",
    ):
        op.drop_table(table)
