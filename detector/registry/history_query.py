"""Read the history one screening needs: earlier filings of its applicants, of applicants sharing a link value with
them, and of its marks; and those applicants' rows. Index lookups in chunks, so the cost follows the answer's size,
not the registry's."""

from __future__ import annotations

import functools
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
    mark_since_day: int | None = None,
) -> History:
    """The filings of the applicants (and value holders) from since_day, then those of the marks from mark_since_day
    (default since_day) that are not among them, each part in (day, filing_id) order; the applicants of both parts:
    those of the first part (and the holders), then the others, each in id order."""
    holders = value_holders(conn, value_keys)
    ids = set(applicant_ids) | holders
    by_applicant = select_in(conn, _filings_query(since_day, exclude_batch), s.filings.c.applicant_id, ids)
    mark_since = since_day if mark_since_day is None else mark_since_day
    by_mark = select_in(conn, _filings_query(mark_since, exclude_batch), s.filings.c.mark_key, mark_keys)
    if mark_since_day is None:  # one window: one part
        by_applicant, by_mark = by_applicant + by_mark, []
    first = _ordered(frame_of(by_applicant, FILING_OUT))
    second = _ordered(frame_of(by_mark, FILING_OUT))
    second = second[~second["filing_id"].isin(first["filing_id"])]
    both = pd.concat([first, second], ignore_index=True) if len(second) else first
    filings = _typed_filings(both) if len(both) else _no_filings().copy()
    wanted_first = set(first["applicant_id"]) | holders
    wanted = wanted_first | set(second["applicant_id"])
    a = s.applicants
    arows = select_in(conn, sa.select(*(a.c[c] for c in APPLICANT_COLUMNS)), a.c.applicant_id, wanted)
    people = frame_of(arows, APPLICANT_COLUMNS).sort_values("applicant_id", kind="stable")
    in_first = people["applicant_id"].isin(wanted_first)
    people = pd.concat([people[in_first], people[~in_first]], ignore_index=True)
    return History(filings=filings, applicants=typed_applicants(people) if len(people) else _no_applicants().copy())


def _ordered(f: pd.DataFrame) -> pd.DataFrame:
    f = f.drop_duplicates("filing_id")
    return f.sort_values(["day", "filing_id"], kind="stable").reset_index(drop=True)


@functools.cache
def _no_filings() -> pd.DataFrame:
    """The typed filings of an empty answer (the usual one for a new applicant at intake), typed once."""
    return _typed_filings(frame_of([], FILING_OUT))


@functools.cache
def _no_applicants() -> pd.DataFrame:
    return typed_applicants(frame_of([], APPLICANT_COLUMNS))


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
