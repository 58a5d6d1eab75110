"""Write one screened batch: filings, applicants, link values, links, clusters, hits, scores, and the list entries.

Runs inside the caller's write transaction (one per batch): either all of it is stored or none."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa

from detector.normalize.canonical_form import canonical_chunk
from detector.normalize.org_name import org_key_list
from detector.registry import schema as s
from detector.registry.model import APPLICANT_COLUMNS, FILING_COLUMNS, NEW_EVIDENCE, BatchRecord
from detector.registry.tables import (
    bulk_insert,
    insert_rows,
    joined,
    now_iso,
    select_in,
)

EPOCH = np.datetime64("1970-01-01", "D")


def _text(series: pd.Series) -> pd.Series:
    """A column as str with "" for missing (a str column is only filled, not converted)."""
    if series.dtype == "str":
        return series.fillna("")
    return series.astype(object).where(series.notna(), "").astype("str")


def _iso_dates(series: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """(YYYY-MM-DD text, day number) of a date column given as datetimes or text; '' and -1 when missing."""
    dates = pd.to_datetime(series.where(series.astype("str").ne(""), None), errors="coerce")
    text = dates.dt.strftime("%Y-%m-%d").astype(object).where(dates.notna(), "").astype("str")
    days = (dates.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]") - EPOCH).astype("int64")
    days = np.where(dates.notna().to_numpy(), days, -1)
    return text, days


def _per_distinct(values: pd.Series, convert) -> pd.Series:
    """convert(distinct values as an object array) -> list, mapped back to every row (each value converted once)."""
    if values.empty:
        return pd.Series([], index=values.index, dtype="str")
    codes, uniques = pd.factorize(values)
    keys = np.asarray(convert(np.asarray(uniques, dtype=object)), dtype=object)
    return pd.Series(keys[codes], index=values.index).astype("str")


def filings_frame(rec: BatchRecord) -> pd.DataFrame:
    """The record's filings in stored form: contract columns as text, ISO filing_date, mark_key and day."""
    f = rec.filings
    out = pd.DataFrame(index=f.index)
    for col in FILING_COLUMNS:
        out[col] = _text(f[col]) if col in f.columns else ""
    out["filing_date"], out["day"] = _iso_dates(f["filing_date"]) if "filing_date" in f.columns else ("", -1)
    if "mark_key" in f.columns:
        out["mark_key"] = _text(f["mark_key"])
    else:
        out["mark_key"] = _per_distinct(out["mark_text"], lambda v: canonical_chunk(v).tolist())
    out = out[out["filing_id"].ne("")].drop_duplicates("filing_id")
    out["batch_id"] = rec.batch_id
    return out.reset_index(drop=True)


def applicants_frame(rec: BatchRecord) -> pd.DataFrame:
    """The record's applicants in stored form (text columns, ISO established_date, float capital, name key)."""
    a = rec.applicants
    out = pd.DataFrame(index=a.index)
    for col in APPLICANT_COLUMNS:
        out[col] = _text(a[col]) if col in a.columns else ""
    if "established_date" in a.columns:
        out["established_date"] = _iso_dates(a["established_date"])[0]
    capital = a["registered_capital"] if "registered_capital" in a.columns else pd.Series(np.nan, index=a.index)
    out["registered_capital"] = pd.to_numeric(capital, errors="coerce")
    out = out[out["applicant_id"].ne("")].drop_duplicates("applicant_id")
    if "name_key" in a.columns:  # the pipeline may hand over the keys it computed (org_key of the name)
        out["name_key"] = _text(a.loc[out.index, "name_key"])
    else:
        out["name_key"] = _per_distinct(out["name"], org_key_list)
    out["first_batch"] = rec.batch_id
    out["last_batch"] = rec.batch_id
    return out.reset_index(drop=True)


def _scores_frame(rec: BatchRecord) -> pd.DataFrame:
    sc = rec.scores
    out = pd.DataFrame(index=sc.index)
    out["applicant_id"] = _text(sc["applicant_id"])
    for col in ("applicant_name", "level", "cluster_id"):
        out[col] = _text(sc[col]) if col in sc.columns else ""
    out["score"] = pd.to_numeric(sc["score"], errors="coerce").fillna(0.0) if "score" in sc.columns else 0.0
    for col in ("flagged", "repeat_offender", NEW_EVIDENCE):
        out[col] = sc[col].fillna(False).astype(bool) if col in sc.columns else False
    for col in ("categories", "rule_ids"):
        out[col] = [joined(v) for v in sc[col].tolist()] if col in sc.columns else ""
    out = out[out["applicant_id"].ne("")].drop_duplicates("applicant_id")
    out["batch_id"] = rec.batch_id
    return out.reset_index(drop=True)


def _simple(frame: pd.DataFrame, columns: list[str], batch_id: str, numeric: tuple[str, ...] = ()) -> pd.DataFrame:
    out = pd.DataFrame(index=frame.index)
    for col in columns:
        if col in numeric:
            out[col] = pd.to_numeric(frame[col], errors="coerce").fillna(0.0) if col in frame.columns else 0.0
        else:
            out[col] = _text(frame[col]) if col in frame.columns else ""
    out["batch_id"] = batch_id
    return out


def record(conn: sa.Connection, rec: BatchRecord) -> bool:
    """Store the batch; False (nothing written) when its id is already recorded. Caller holds the write lock."""
    if conn.execute(sa.select(s.batches.c.batch_id).where(s.batches.c.batch_id == rec.batch_id)).first():
        return False
    at = now_iso()
    filings = filings_frame(rec)
    applicants = applicants_frame(rec)
    scores = _scores_frame(rec)
    n_applicants = len(set(applicants["applicant_id"]) | set(scores["applicant_id"]) | set(filings["applicant_id"]))
    conn.execute(
        s.batches.insert().values(
            batch_id=rec.batch_id,
            recorded_at=at,
            tool_version=str(rec.tool_version),
            ruleset_sha256=str(rec.ruleset_sha256),
            input_hashes=json.dumps(dict(rec.input_hashes), sort_keys=True, ensure_ascii=False),
            n_filings=len(filings),
            n_new_filings=0,  # counted below, once the filings not stored before are in
            n_applicants=n_applicants,
            n_flagged=int(scores["flagged"].sum()),
            source=rec.source,
        )
    )
    # A filing seen in an earlier batch keeps its first batch: only the ones not stored yet go in.
    bulk_insert(conn, s.filings, filings, ignore_existing=True)
    b = s.batches
    n_new = conn.execute(sa.select(sa.func.count()).where(s.filings.c.batch_id == rec.batch_id)).scalar_one()
    conn.execute(b.update().where(b.c.batch_id == rec.batch_id).values(n_new_filings=n_new))
    _applicants(conn, applicants)
    values = _simple(rec.values, ["applicant_id", "kind", "value_key"], rec.batch_id)
    values = values[values["applicant_id"].ne("") & values["value_key"].ne("")].drop_duplicates(
        ["applicant_id", "kind", "value_key"]
    )
    bulk_insert(conn, s.applicant_values, values, ignore_existing=True)
    bulk_insert(conn, s.links, _simple(rec.links, ["a", "b", "link_type", "value"], rec.batch_id))
    clusters = _simple(rec.clusters, ["cluster_id", "applicant_id"], rec.batch_id).drop_duplicates("applicant_id")
    bulk_insert(conn, s.clusters, clusters)
    hits = _simple(rec.hits, ["applicant_id", "rule_id", "filing_id", "points", "evidence"], rec.batch_id, ("points",))
    bulk_insert(conn, s.hits, hits)
    bulk_insert(conn, s.scores, scores)
    _entries(conn, rec, scores, at)
    return True


def _applicants(conn: sa.Connection, applicants: pd.DataFrame) -> None:
    """Upsert applicants (the latest values win, first_batch kept) and their names (former names kept)."""
    columns = [c.name for c in s.applicants.columns]
    update = [c for c in columns if c not in ("applicant_id", "first_batch")]
    bulk_insert(conn, s.applicants, applicants, update=update)
    names = applicants[applicants["name"].ne("")][["applicant_id", "name", "name_key", "first_batch", "last_batch"]]
    bulk_insert(conn, s.applicant_names, names, update=["last_batch"])


def _entries(conn: sa.Connection, rec: BatchRecord, scores: pd.DataFrame, at: str) -> None:
    """Flagged applicants become or refresh list entries; entries seen again count the batch (see BatchRecord)."""
    e = s.entries
    existing_rows = select_in(conn, sa.select(e.c.applicant_id, e.c.status), e.c.applicant_id, scores["applicant_id"])
    status_of = dict(existing_rows)
    counts = dict(
        select_in(
            conn,
            sa.select(s.scores.c.applicant_id, sa.func.count()).group_by(s.scores.c.applicant_id),
            s.scores.c.applicant_id,
            scores["applicant_id"],
        )
    )
    new_rows: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []
    for row in scores.itertuples(index=False):
        aid = row.applicant_id
        flagged = bool(row.flagged)
        fields = {
            "name": row.applicant_name,
            "cluster_id": row.cluster_id,
            "categories": row.categories,
            "rule_ids": row.rule_ids,
            "score": float(row.score),
            "level": row.level,
            "repeat_offender": bool(row.repeat_offender),
        }
        base = {"applicant_id": aid, "batch_id": rec.batch_id, "at": at, "source": rec.source}
        if aid not in status_of:
            if not flagged:
                continue
            new_rows.append(
                {
                    **fields,
                    "applicant_id": aid,
                    "status": "suspected",
                    "first_listed": at,
                    "first_batch": rec.batch_id,
                    "last_seen": at,
                    "last_batch": rec.batch_id,
                    "n_batches": int(counts.get(aid, 1)),
                    "source": rec.source,
                    "sources": json.dumps([rec.source]),
                    "cleared_evidence": "[]",
                    "updated_at": at,
                }
            )
            history.append(
                {
                    **base,
                    "status": "suspected",
                    "previous": "",
                    "applied": True,
                    "kind": "screening",
                    "decided_by": "tmscreen",
                    "reason": f"flagged by screening: {row.rule_ids}",
                }
            )
            continue
        status = status_of[aid]
        update = {
            "key": aid,
            "last_seen": at,
            "last_batch": rec.batch_id,
            "n_batches": int(counts.get(aid, 1)),
            "updated_at": at,
            "status": status,
        }
        if row.applicant_name:
            update["name"] = row.applicant_name  # the entry shows the current name; former ones stay in names
        if flagged:
            update.update(fields)
        if status == "cleared" and bool(getattr(row, NEW_EVIDENCE)):
            update["status"] = "suspected"
            history.append(
                {
                    **base,
                    "status": "suspected",
                    "previous": "cleared",
                    "applied": True,
                    "kind": "new_evidence",
                    "decided_by": "tmscreen",
                    "reason": f"new evidence after clearing: {row.rule_ids}",
                }
            )
        updates.append(update)
    if new_rows:
        insert_rows(conn, e, new_rows)
    _update_entries(conn, updates)
    if history:
        insert_rows(conn, s.status_history, history)


def _update_entries(conn: sa.Connection, updates: list[dict[str, Any]]) -> None:
    """executemany UPDATE, grouped by which columns each row sets."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in updates:
        groups.setdefault(tuple(sorted(k for k in row if k != "key")), []).append(row)
    for cols, rows in groups.items():
        stmt = (
            s.entries.update()
            .where(s.entries.c.applicant_id == sa.bindparam("key"))
            .values({c: sa.bindparam("v_" + c) for c in cols})
        )
        conn.execute(stmt, [{"key": r["key"], **{"v_" + c: r[c] for c in cols}} for r in rows])
