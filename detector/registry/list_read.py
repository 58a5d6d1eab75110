"""Read the maintained list: entries (best first), one entry in full, offenders, cleared evidence, labels, batches."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import sqlalchemy as sa

from detector.normalize.org_name import org_keys
from detector.registry import schema as s
from detector.registry.history_query import typed_applicants
from detector.registry.model import APPLICANT_COLUMNS, Offenders
from detector.registry.tables import frame_rows, select_in, split

ENTRY_COLUMNS = [
    "applicant_id",
    "name",
    "former_names",
    "status",
    "cluster_id",
    "categories",
    "rule_ids",
    "first_listed",
    "first_batch",
    "last_seen",
    "last_batch",
    "n_batches",
    "score",
    "level",
    "repeat_offender",
    "source",
    "sources",
]


def _former_names(conn: sa.Connection, frame: pd.DataFrame) -> pd.Series:
    n = s.applicant_names
    rows = select_in(
        conn, sa.select(n.c.applicant_id, n.c.name, n.c.first_batch), n.c.applicant_id, frame["applicant_id"]
    )
    names: dict[str, list[str]] = {}
    for aid, name, _first in sorted(rows, key=lambda r: (r[0], r[2], r[1])):
        names.setdefault(aid, []).append(name)
    current = dict(zip(frame["applicant_id"], frame["name"], strict=True))
    return (
        frame["applicant_id"].map(lambda a: ";".join(x for x in names.get(a, []) if x != current.get(a))).astype("str")
    )


def read_entries(
    conn: sa.Connection,
    statuses: list[str] | tuple[str, ...] | None = None,
    *,
    applicant_ids: list[str] | None = None,
    category: str | None = None,
    rule_id: str | None = None,
    batch_id: str | None = None,
    repeat_offender: bool | None = None,
    search: str | None = None,
) -> pd.DataFrame:
    e = s.entries
    query = sa.select(*(e.c[c] for c in ENTRY_COLUMNS if c != "former_names"))
    if statuses:
        query = query.where(e.c.status.in_(list(statuses)))
    if applicant_ids is not None:
        query = query.where(e.c.applicant_id.in_(list(applicant_ids)))
    if repeat_offender is not None:
        query = query.where(e.c.repeat_offender == bool(repeat_offender))
    if batch_id:
        query = query.where(
            e.c.applicant_id.in_(sa.select(s.scores.c.applicant_id).where(s.scores.c.batch_id == batch_id))
        )
    frame = frame_rows(conn, query)
    if category:
        frame = frame[frame["categories"].map(lambda v: category in split(v))]
    if rule_id:
        frame = frame[frame["rule_ids"].map(lambda v: rule_id in split(v))]
    frame = frame.copy()
    frame["former_names"] = _former_names(conn, frame) if len(frame) else pd.Series(dtype="str")
    if search:
        needle = search.casefold()
        hay = frame["applicant_id"] + "\n" + frame["name"] + "\n" + frame["former_names"]
        frame = frame[hay.str.casefold().str.contains(needle, regex=False)]
    frame["repeat_offender"] = frame["repeat_offender"].astype(bool)
    frame["score"] = frame["score"].astype("float64")
    frame["n_batches"] = frame["n_batches"].astype("int64")
    frame = frame.sort_values(
        ["repeat_offender", "score", "applicant_id"], ascending=[False, False, True], kind="stable"
    )
    return frame[ENTRY_COLUMNS].reset_index(drop=True)


def read_entry(conn: sa.Connection, applicant_id: str) -> dict[str, Any] | None:
    entries = read_entries(conn, applicant_ids=[applicant_id])
    a = s.applicants
    applicant = typed_applicants(
        frame_rows(conn, sa.select(*(a.c[c] for c in APPLICANT_COLUMNS)).where(a.c.applicant_id == applicant_id))
    )
    if entries.empty and applicant.empty:
        return None
    n, h, f, hi, sc, b = s.applicant_names, s.status_history, s.filings, s.hits, s.scores, s.batches
    names = frame_rows(
        conn,
        sa.select(n.c.name, n.c.name_key, n.c.first_batch, n.c.last_batch)
        .where(n.c.applicant_id == applicant_id)
        .order_by(n.c.first_batch, n.c.name),
    )
    history = frame_rows(
        conn,
        sa.select(
            h.c.at,
            h.c.status,
            h.c.previous,
            h.c.applied,
            h.c.kind,
            h.c.decided_by,
            h.c.reason,
            h.c.batch_id,
            h.c.source,
        )
        .where(h.c.applicant_id == applicant_id)
        .order_by(h.c.at, h.c.id),
    )
    batches = frame_rows(
        conn,
        sa.select(sc.c.batch_id, b.c.recorded_at, sc.c.score, sc.c.level, sc.c.flagged, sc.c.rule_ids)
        .join(b, b.c.batch_id == sc.c.batch_id)
        .where(sc.c.applicant_id == applicant_id)
        .order_by(b.c.recorded_at),
    )
    filings = frame_rows(
        conn,
        sa.select(f.c.filing_id, f.c.batch_id, f.c.mark_text, f.c.nice_class, f.c.filing_date, f.c.agent)
        .where(f.c.applicant_id == applicant_id)
        .order_by(f.c.filing_date, f.c.filing_id),
    )
    hits = frame_rows(
        conn,
        sa.select(hi.c.batch_id, hi.c.rule_id, hi.c.filing_id, hi.c.points, hi.c.evidence).where(
            hi.c.applicant_id == applicant_id
        ),
    )
    entry = entries.iloc[0].to_dict() if len(entries) else None
    return {
        "entry": entry,
        "applicant": applicant.iloc[0].to_dict() if len(applicant) else None,
        "names": names,
        "history": history,
        "batches": batches,
        "filings": filings,
        "hits": hits,
        "cluster": _cluster(conn, applicant_id),
    }


def _cluster(conn: sa.Connection, applicant_id: str) -> pd.DataFrame:
    """Members of the applicant's cluster in the latest batch that recorded one."""
    c, b = s.clusters, s.batches
    latest = conn.execute(
        sa.select(c.c.batch_id, c.c.cluster_id)
        .join(b, b.c.batch_id == c.c.batch_id)
        .where(c.c.applicant_id == applicant_id)
        .order_by(b.c.recorded_at.desc())
        .limit(1)
    ).first()
    if latest is None:
        return pd.DataFrame({"applicant_id": pd.Series(dtype="str"), "cluster_id": pd.Series(dtype="str")})
    return frame_rows(
        conn,
        sa.select(c.c.applicant_id, c.c.cluster_id, c.c.batch_id)
        .where(c.c.batch_id == latest[0], c.c.cluster_id == latest[1])
        .order_by(c.c.applicant_id),
    )


_CONFIRMED = sa.select(s.entries.c.applicant_id, s.entries.c.name).where(s.entries.c.status == "confirmed")
_CLEARED = sa.select(s.entries.c.applicant_id, s.entries.c.cleared_evidence).where(s.entries.c.status == "cleared")
_NAMES = sa.select(s.applicant_names.c.name)
_APPLICANT_NAMES = sa.select(s.applicants.c.name)
_MATES = s.clusters.alias("mates")
# Everyone sharing a recorded cluster (same batch, same cluster id) with the applicants the IN list names.
_CLUSTER_MATES = sa.select(_MATES.c.applicant_id).join_from(
    s.clusters,
    _MATES,
    sa.and_(_MATES.c.batch_id == s.clusters.c.batch_id, _MATES.c.cluster_id == s.clusters.c.cluster_id),
)


def read_offenders(conn: sa.Connection) -> Offenders:
    """The confirmed entries' ids; the org keys of their listed, recorded and former names; the members of every
    cluster one of them was recorded in (one join per chunk of ids, not a query per cluster)."""
    confirmed = conn.execute(_CONFIRMED).fetchall()
    ids = {aid for aid, _ in confirmed}
    names = [name for _, name in confirmed]
    names += [r[0] for r in select_in(conn, _NAMES, s.applicant_names.c.applicant_id, ids)]
    names += [r[0] for r in select_in(conn, _APPLICANT_NAMES, s.applicants.c.applicant_id, ids)]
    members = {r[0] for r in select_in(conn, _CLUSTER_MATES, s.clusters.c.applicant_id, ids)}
    return Offenders(ids=ids, name_keys=org_keys(names), cluster_members=members - ids)


def read_cleared(conn: sa.Connection) -> dict[str, set[tuple[str, str]]]:
    """applicant_id -> the (rule_id, filing_id) pairs each cleared entry was cleared on."""
    return {aid: {(str(r), str(f)) for r, f in json.loads(ev or "[]")} for aid, ev in conn.execute(_CLEARED)}


def read_labels(conn: sa.Connection) -> pd.DataFrame:
    e = s.entries
    frame = frame_rows(
        conn,
        sa.select(e.c.applicant_id, e.c.status, e.c.categories)
        .where(e.c.status.in_(["confirmed", "cleared"]))
        .order_by(e.c.applicant_id),
    )
    return pd.DataFrame(
        {
            "applicant_id": frame["applicant_id"].astype("str"),
            "label": (frame["status"] == "confirmed").astype("int64"),
            "category": frame["categories"].map(lambda v: (split(v) or [""])[0]).astype("str"),
        }
    )


def read_batches(conn: sa.Connection) -> pd.DataFrame:
    b = s.batches
    cols = [
        "batch_id",
        "recorded_at",
        "tool_version",
        "ruleset_sha256",
        "n_filings",
        "n_new_filings",
        "n_applicants",
        "n_flagged",
        "source",
        "input_hashes",
    ]
    return frame_rows(conn, sa.select(*(b.c[c] for c in cols)).order_by(b.c.recorded_at, b.c.batch_id))
