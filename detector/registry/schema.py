"""The registry's tables at the head migration (queries are written against these; migrations/ creates them).

tests/test_registry_schema.py checks these against a database migrated to head, so the two cannot drift."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

T = sa.Text
I = sa.Integer  # noqa: E741 - column type shorthand
F = sa.Float
B = sa.Boolean

batches = sa.Table(
    "batches",
    metadata,
    sa.Column("batch_id", sa.String(64), primary_key=True),
    sa.Column("recorded_at", sa.String(32), nullable=False),
    sa.Column("tool_version", T, nullable=False),
    sa.Column("ruleset_sha256", T, nullable=False),
    sa.Column("input_hashes", T, nullable=False),  # JSON object
    sa.Column("n_filings", I, nullable=False),
    sa.Column("n_new_filings", I, nullable=False),
    sa.Column("n_applicants", I, nullable=False),
    sa.Column("n_flagged", I, nullable=False),
    sa.Column("source", T, nullable=False),
)

FILING_TEXT = [
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
filings = sa.Table(
    "filings",
    metadata,
    sa.Column("filing_id", T, primary_key=True),
    sa.Column("batch_id", sa.String(64), sa.ForeignKey("batches.batch_id"), nullable=False),
    *[sa.Column(c, T, nullable=False) for c in FILING_TEXT],
    sa.Column("mark_key", T, nullable=False),
    sa.Column("day", I, nullable=False),
    sa.Index("ix_filings_applicant_day", "applicant_id", "day"),
    sa.Index("ix_filings_mark_day", "mark_key", "day"),
    sa.Index("ix_filings_batch", "batch_id"),
)

APPLICANT_TEXT = [
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
applicants = sa.Table(
    "applicants",
    metadata,
    sa.Column("applicant_id", T, primary_key=True),
    *[sa.Column(c, T, nullable=False) for c in APPLICANT_TEXT],
    sa.Column("registered_capital", F),
    sa.Column("name_key", T, nullable=False),
    sa.Column("first_batch", sa.String(64), nullable=False),
    sa.Column("last_batch", sa.String(64), nullable=False),
    sa.Index("ix_applicants_name_key", "name_key"),
)

applicant_names = sa.Table(
    "applicant_names",
    metadata,
    sa.Column("applicant_id", T, primary_key=True),
    sa.Column("name", T, primary_key=True),
    sa.Column("name_key", T, nullable=False),
    sa.Column("first_batch", sa.String(64), nullable=False),
    sa.Column("last_batch", sa.String(64), nullable=False),
    sa.Index("ix_applicant_names_key", "name_key"),
)

applicant_values = sa.Table(
    "applicant_values",
    metadata,
    sa.Column("applicant_id", T, primary_key=True),
    sa.Column("kind", T, primary_key=True),
    sa.Column("value_key", T, primary_key=True),
    sa.Column("batch_id", sa.String(64), nullable=False),
    sa.Index("ix_applicant_values_key", "value_key"),
)

links = sa.Table(
    "links",
    metadata,
    sa.Column("batch_id", sa.String(64), sa.ForeignKey("batches.batch_id"), nullable=False),
    sa.Column("a", T, nullable=False),
    sa.Column("b", T, nullable=False),
    sa.Column("link_type", T, nullable=False),
    sa.Column("value", T, nullable=False),
    sa.Index("ix_links_a", "a"),
    sa.Index("ix_links_b", "b"),
    sa.Index("ix_links_batch", "batch_id"),
)

clusters = sa.Table(
    "clusters",
    metadata,
    sa.Column("batch_id", sa.String(64), sa.ForeignKey("batches.batch_id"), primary_key=True),
    sa.Column("applicant_id", T, primary_key=True),
    sa.Column("cluster_id", T, nullable=False),
    sa.Index("ix_clusters_applicant", "applicant_id"),
    sa.Index("ix_clusters_cluster", "batch_id", "cluster_id"),
)

hits = sa.Table(
    "hits",
    metadata,
    sa.Column("batch_id", sa.String(64), sa.ForeignKey("batches.batch_id"), nullable=False),
    sa.Column("applicant_id", T, nullable=False),
    sa.Column("rule_id", T, nullable=False),
    sa.Column("filing_id", T, nullable=False),
    sa.Column("points", F, nullable=False),
    sa.Column("evidence", T, nullable=False),
    sa.Index("ix_hits_applicant", "applicant_id"),
    sa.Index("ix_hits_batch", "batch_id"),
)

scores = sa.Table(
    "scores",
    metadata,
    sa.Column("batch_id", sa.String(64), sa.ForeignKey("batches.batch_id"), primary_key=True),
    sa.Column("applicant_id", T, primary_key=True),
    sa.Column("applicant_name", T, nullable=False),
    sa.Column("score", F, nullable=False),
    sa.Column("level", T, nullable=False),
    sa.Column("flagged", B, nullable=False),
    sa.Column("repeat_offender", B, nullable=False),
    sa.Column("new_evidence", B, nullable=False),
    sa.Column("cluster_id", T, nullable=False),
    sa.Column("categories", T, nullable=False),
    sa.Column("rule_ids", T, nullable=False),
    sa.Index("ix_scores_applicant", "applicant_id"),
)

entries = sa.Table(
    "entries",
    metadata,
    sa.Column("applicant_id", T, primary_key=True),
    sa.Column("status", T, nullable=False),
    sa.Column("name", T, nullable=False),
    sa.Column("cluster_id", T, nullable=False),
    sa.Column("categories", T, nullable=False),
    sa.Column("rule_ids", T, nullable=False),
    sa.Column("score", F, nullable=False),
    sa.Column("level", T, nullable=False),
    sa.Column("repeat_offender", B, nullable=False),
    sa.Column("first_listed", sa.String(32), nullable=False),
    sa.Column("first_batch", T, nullable=False),
    sa.Column("last_seen", sa.String(32), nullable=False),
    sa.Column("n_batches", I, nullable=False),
    sa.Column("source", T, nullable=False),  # provenance: local, or the import source that first listed it
    sa.Column("sources", T, nullable=False),  # JSON list of every source that listed it
    sa.Column("cleared_evidence", T, nullable=False),  # JSON list of [rule_id, filing_id]
    sa.Column("updated_at", sa.String(32), nullable=False),
    sa.Column("last_batch", T, nullable=False, server_default=""),  # migration 0002
    sa.Index("ix_entries_status", "status"),
)

status_history = sa.Table(
    "status_history",
    metadata,
    sa.Column("id", I, primary_key=True, autoincrement=True),
    sa.Column("applicant_id", T, nullable=False),
    sa.Column("status", T, nullable=False),
    sa.Column("previous", T, nullable=False),
    sa.Column("applied", B, nullable=False),  # False: an imported decision kept out by a local one (a conflict)
    sa.Column("kind", T, nullable=False),  # screening | decision | new_evidence | import | conflict
    sa.Column("decided_by", T, nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("reason", T, nullable=False),
    sa.Column("batch_id", T, nullable=False),
    sa.Column("source", T, nullable=False),
    sa.Index("ix_status_history_applicant", "applicant_id"),
    sa.Index("ix_status_history_at", "at"),  # migration 0002
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("name", T, primary_key=True),
    sa.Column("role", T, nullable=False),
    sa.Column("secret_hash", T, nullable=False),
    sa.Column("token_id", T, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("disabled", B, nullable=False),
    sa.Index("ix_users_token", "token_id"),
)
