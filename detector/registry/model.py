"""The registry's public values: what a screening hands in (BatchRecord), what it reads back (History, Offenders).

These are a contract shared by the pipeline (history and record stages), `tmscreen registry` and `tmscreen serve`:
extend them, never rename or drop a field."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from detector.io.contract import APPLICANTS, FILINGS
from detector.registry.statuses import STATUSES  # noqa: F401 (re-exported: part of the model)

ROLES = ("reviewer", "auditor", "api")

FILING_COLUMNS = FILINGS.names()
APPLICANT_COLUMNS = APPLICANTS.names()
VALUE_COLUMNS = ["applicant_id", "kind", "value_key"]
LINK_COLUMNS = ["a", "b", "link_type", "value"]
CLUSTER_COLUMNS = ["cluster_id", "applicant_id"]
HIT_COLUMNS = ["applicant_id", "rule_id", "filing_id", "points", "evidence"]
SCORE_COLUMNS = [
    "applicant_id",
    "applicant_name",
    "score",
    "level",
    "flagged",
    "repeat_offender",
    "cluster_id",
    "categories",
    "rule_ids",
]
# Optional score column: True when a cleared applicant fired rules on evidence it was not cleared on.
NEW_EVIDENCE = "new_evidence"
# Extra filings columns stored beside the contract ones (filled by the registry when the record lacks them).
FILING_EXTRA_COLUMNS = ["mark_key", "day"]


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="str") for c in columns})


@dataclass
class History:
    """Earlier filings read back from the registry for one screening.

    filings: the filings contract columns + "batch_id" (the batch that first recorded the filing), "mark_key" (the
    canonical mark key stored with it) and "day" (filing_date as days since 1970-01-01); applicants: the applicants
    contract columns of every applicant those filings belong to or that holds a requested value key."""

    filings: pd.DataFrame = field(default_factory=lambda: _empty([*FILING_COLUMNS, "batch_id", *FILING_EXTRA_COLUMNS]))
    applicants: pd.DataFrame = field(default_factory=lambda: _empty(APPLICANT_COLUMNS))


@dataclass
class BatchRecord:
    """Everything one screening writes to the registry, as plain tables (all may be empty except scores' columns).

    filings: filings contract columns (optional "mark_key": canonical_form.canonical of mark_text, computed when
    absent); applicants: applicants contract columns (optional "name_key": org_name.org_key of name);
    values: VALUE_COLUMNS (the link values the graph uses: phone, email, address, ...); links: LINK_COLUMNS;
    clusters: CLUSTER_COLUMNS; hits: HIT_COLUMNS; scores: SCORE_COLUMNS (+ optional bool "new_evidence").
    `categories` and `rule_ids` are ";"-joined strings or lists. Flagged scores become or refresh list entries
    with status suspected (confirmed stays confirmed; cleared stays cleared unless new_evidence)."""

    batch_id: str
    tool_version: str
    ruleset_sha256: str
    input_hashes: dict[str, str]
    source: str = "local"
    filings: pd.DataFrame = field(default_factory=lambda: _empty(FILING_COLUMNS))
    applicants: pd.DataFrame = field(default_factory=lambda: _empty(APPLICANT_COLUMNS))
    values: pd.DataFrame = field(default_factory=lambda: _empty(VALUE_COLUMNS))
    links: pd.DataFrame = field(default_factory=lambda: _empty(LINK_COLUMNS))
    clusters: pd.DataFrame = field(default_factory=lambda: _empty(CLUSTER_COLUMNS))
    hits: pd.DataFrame = field(default_factory=lambda: _empty(HIT_COLUMNS))
    scores: pd.DataFrame = field(default_factory=lambda: _empty(SCORE_COLUMNS))


@dataclass
class Offenders:
    """Confirmed applicants: their ids, the org keys of their names and former names, and their cluster members
    (applicants sharing a recorded cluster with a confirmed one, the confirmed ones excluded)."""

    ids: set[str] = field(default_factory=set)
    name_keys: set[str] = field(default_factory=set)
    cluster_members: set[str] = field(default_factory=set)
