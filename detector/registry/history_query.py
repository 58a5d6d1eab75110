"""Read the history one screening needs: earlier filings of its applicants, of applicants sharing a link value with
them, and of its marks; and those applicants' rows. Index lookups in chunks, so the cost follows the answer's size,
not the registry's."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import sqlalchemy as sa

from detector.registry import schema as s
from detector.registry.model import APPLICANT_COLUMNS, FILING_COLUMNS, History
from detector.registry.tables import frame_of, select_in

FILING_OUT = [*FILING_COLUMNS, "batch_id", "mark_key", "day"]


def _filings_query(since_day: int | None, exclude_batch: str | None) -> sa.Select:
    f = s.filings
    query = sa.select(*(f.c[c] for c in FILING_OUT))
    if since_day is not None:
        query = query.where(f.c.day >= int(since_day))
    if exclude_batch:
        query = query.where(f.c.batch_id != exclude_batch)
    return query


def value_holders(conn: sa.Connection, value_keys: Iterable[str]) -> set[str]:
    """Applicants holding any of the link values."""
    v = s.applicant_values
    return {r[0] for r in select_in(conn, sa.select(v.c.applicant_id).distinct(), v.c.value_key, value_keys)}


def read_history(
    conn: sa.Connection,
    *,
    applicant_ids: Iterable[str],
    value_keys: Iterable[str],
    mark_keys: Iterable[str],
    since_day: int | None,
    exclude_batch: str | None,
) -> History:
    holders = value_holders(conn, value_keys)
    ids = set(applicant_ids) | holders
    query = _filings_query(since_day, exclude_batch)
    rows = select_in(conn, query, s.filings.c.applicant_id, ids)
    rows += select_in(conn, query, s.filings.c.mark_key, mark_keys)
    filings = frame_of(rows, FILING_OUT).drop_duplicates("filing_id")
    filings = filings.sort_values(["day", "filing_id"], kind="stable").reset_index(drop=True)
    filings = _typed_filings(filings)
    wanted = set(filings["applicant_id"]) | holders
    a = s.applicants
    arows = select_in(conn, sa.select(*(a.c[c] for c in APPLICANT_COLUMNS)), a.c.applicant_id, wanted)
    applicants = typed_applicants(frame_of(arows, APPLICANT_COLUMNS).sort_values("applicant_id", kind="stable"))
    return History(filings=filings, applicants=applicants.reset_index(drop=True))


def _typed_filings(f: pd.DataFrame) -> pd.DataFrame:
    """Text columns as str, filing_date as datetime64[ns] (as the pipeline reads it), day as int64."""
    out = f.copy()
    for col in FILING_OUT:
        if col not in ("filing_date", "day"):
            out[col] = out[col].astype(object).fillna("").astype("str")
    out["filing_date"] = pd.to_datetime(out["filing_date"].replace("", None), errors="coerce").astype("datetime64[ns]")
    out["day"] = out["day"].astype("int64") if len(out) else np.array([], dtype="int64")
    return out


def typed_applicants(a: pd.DataFrame) -> pd.DataFrame:
    """Text columns as str, registered_capital float64, established_date datetime64[ns] (as the pipeline's table)."""
    out = a.copy()
    for col in APPLICANT_COLUMNS:
        if col not in ("registered_capital", "established_date"):
            out[col] = out[col].astype(object).fillna("").astype("str")
    out["registered_capital"] = pd.to_numeric(out["registered_capital"], errors="coerce").astype("float64")
    dates = out["established_date"].astype(object).where(out["established_date"].astype(object).ne(""), None)
    out["established_date"] = pd.to_datetime(dates, errors="coerce").astype("datetime64[ns]")
    return out
