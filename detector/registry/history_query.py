"""Read the history one screening needs: earlier filings of its applicants, of applicants sharing a link value with
them, and of its marks; and those applicants' rows. Index lookups in chunks, so the cost follows the answer's size,
not the registry's. The answer is ordered and deduplicated on the fetched rows (plain tuples) and typed column by
column: an intake check reads a few hundred rows at most, where each pandas call on a frame costs more than the
rows' own work. Up to SMALL_ROWS rows the columns are typed from the rows' Python values (_typed_small), into the
frames pandas makes of them."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import sqlalchemy as sa

from detector.registry import schema as s
from detector.registry.model import APPLICANT_COLUMNS, FILING_COLUMNS, History
from detector.registry.tables import frame_of, select_in
from detector.small_batch import NS_FIRST_DAY, NS_LAST_DAY, SMALL_ROWS, str_arrays

FILING_OUT = [*FILING_COLUMNS, "batch_id", "mark_key", "day"]
_FILING_ID = FILING_OUT.index("filing_id")
_APPLICANT = FILING_OUT.index("applicant_id")
_DAY = FILING_OUT.index("day")
_APPLICANT_ID = APPLICANT_COLUMNS.index("applicant_id")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# The selects' columns, built once: a Select is immutable (each where() makes a new one).
_FILINGS_SELECT = sa.select(*(s.filings.c[c] for c in FILING_OUT))
_APPLICANTS_SELECT = sa.select(*(s.applicants.c[c] for c in APPLICANT_COLUMNS))
_HOLDERS_SELECT = sa.select(s.applicant_values.c.applicant_id).distinct()


def _filings_query(since_day: int | None, exclude_batch: str | None) -> sa.Select:
    f = s.filings
    query = _FILINGS_SELECT
    if since_day is not None:
        query = query.where(f.c.day >= int(since_day))
    if exclude_batch:
        query = query.where(f.c.batch_id != exclude_batch)
    return query


def value_holders(conn: sa.Connection, value_keys: Iterable[str]) -> set[str]:
    """Applicants holding any of the link values."""
    return {r[0] for r in select_in(conn, _HOLDERS_SELECT, s.applicant_values.c.value_key, value_keys)}


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
    first = _ordered(by_applicant)
    in_first = {r[_FILING_ID] for r in first}
    second = [r for r in _ordered(by_mark) if r[_FILING_ID] not in in_first]
    rows = first + second
    filings = _filings_of(rows) if rows else _no_filings().copy()
    wanted_first = {r[_APPLICANT] for r in first} | holders
    wanted = wanted_first | {r[_APPLICANT] for r in second}
    arows = select_in(conn, _APPLICANTS_SELECT, s.applicants.c.applicant_id, wanted)
    people = _people_ordered(arows, wanted_first)
    applicants = _applicants_of(people) if people else _no_applicants().copy()
    return History(filings=filings, applicants=applicants)


def _ordered(rows: Sequence[sa.Row]) -> list[sa.Row]:
    """Fetched filing rows once each (the first of a filing_id read twice: the same stored row), by (day, filing_id);
    the key is unique, so the order is the one a stable sort on both columns gives."""
    once = {r[_FILING_ID]: r for r in reversed(rows)}
    return sorted(once.values(), key=lambda r: (r[_DAY], r[_FILING_ID]))


def _people_ordered(rows: Sequence[sa.Row], first: set[str]) -> list[sa.Row]:
    """Applicant rows by id (the primary key: unique), those in `first` before the others."""
    by_id = sorted(rows, key=lambda r: r[_APPLICANT_ID])
    return [r for r in by_id if r[_APPLICANT_ID] in first] + [r for r in by_id if r[_APPLICANT_ID] not in first]


@functools.cache
def _no_filings() -> pd.DataFrame:
    """The typed filings of an empty answer (the usual one for a new applicant at intake), typed once."""
    return _typed_filings(frame_of([], FILING_OUT))


@functools.cache
def _no_applicants() -> pd.DataFrame:
    return typed_applicants(frame_of([], APPLICANT_COLUMNS))


def _text(column: pd.Series) -> pd.Series:
    """A column as str with missing values as ''. A str column only needs its gaps filled (one call, none when it
    has none: the registry's text columns are NOT NULL); any other goes through object, as a file's cells would."""
    if column.dtype == "str":
        return column.fillna("") if column.hasnans else column
    return column.astype(object).fillna("").astype("str")


def _typed_filings(f: pd.DataFrame) -> pd.DataFrame:
    """Text columns as str, filing_date as datetime64[ns] (as the pipeline reads it), day as int64."""
    texts = set(FILING_OUT) - {"filing_date", "day"}
    out = {col: _text(f[col]) if col in texts else f[col] for col in f.columns}
    out["filing_date"] = pd.to_datetime(f["filing_date"].replace("", None), errors="coerce").astype("datetime64[ns]")
    out["day"] = f["day"].astype("int64") if len(f) else pd.Series(np.array([], dtype="int64"), index=f.index)
    return pd.DataFrame(out, index=f.index)


def typed_applicants(a: pd.DataFrame) -> pd.DataFrame:
    """Text columns as str, registered_capital float64, established_date datetime64[ns] (as the pipeline's table)."""
    texts = set(APPLICANT_COLUMNS) - {"registered_capital", "established_date"}
    out = {col: _text(a[col]) if col in texts else a[col] for col in a.columns}
    out["registered_capital"] = pd.to_numeric(a["registered_capital"], errors="coerce").astype("float64")
    raw = a["established_date"].astype(object)
    out["established_date"] = pd.to_datetime(raw.where(raw.ne(""), None), errors="coerce").astype("datetime64[ns]")
    return pd.DataFrame(out, index=a.index)


def _texts(values: tuple) -> list[str] | None:
    """A text column's fetched values with None as "" (what _text makes of them), when each is a str or None."""
    if all(v.__class__ is str or v is None for v in values):
        return ["" if v is None else v for v in values]
    return None


def _iso_days(values: tuple) -> np.ndarray | None:
    """A date column's fetched values as datetime64[ns] ("" and None: NaT), when each is "" or None or an ISO day
    (YYYY-MM-DD) within datetime64[ns]'s range: what pd.to_datetime(errors="coerce") makes of them (the format it
    infers is that of an ISO day); else None."""
    texts = [v or None for v in values]
    if not all(v is None or (v.__class__ is str and _ISO_DAY.fullmatch(v)) for v in texts):
        return None
    try:
        days = np.array(texts, dtype="datetime64[D]")
    except ValueError:  # no such day (2024-02-30): pandas makes it NaT
        return None
    if not (np.isnat(days) | ((days >= NS_FIRST_DAY) & (days <= NS_LAST_DAY))).all():
        return None
    return days.astype("datetime64[ns]")


def _days(values: tuple) -> np.ndarray | None:
    """The day column as int64, when each value is an int within int64."""
    if not all(v.__class__ is int for v in values):
        return None
    try:
        return np.array(values, dtype="int64")
    except OverflowError:  # beyond int64: left to pandas
        return None


def _capital(values: tuple) -> np.ndarray | None:
    """registered_capital as float64 (None: NaN), when each value is a float or None (a REAL column's values)."""
    if all(v.__class__ is float or v is None for v in values):
        return np.array([np.nan if v is None else v for v in values], dtype="float64")
    return None


_FILING_TYPES = {"filing_date": _iso_days, "day": _days}
_APPLICANT_TYPES = {"registered_capital": _capital, "established_date": _iso_days}


def _typed_small(rows: Sequence[sa.Row], names: list[str], typed: dict) -> pd.DataFrame | None:
    """Up to SMALL_ROWS fetched rows as a typed frame, column by column from Python lists: the columns of `typed`
    (column -> a function of its values giving the typed array, or None for a value it does not type as pandas
    would) by it, the others as text (_texts); None when any column is not typed here (pandas then types them)."""
    if not rows or len(rows) > SMALL_ROWS:
        return None
    values = dict(zip(names, zip(*rows, strict=True), strict=True))
    out = {c: typed[c](values[c]) if c in typed else _texts(values[c]) for c in names}
    if any(v is None for v in out.values()):
        return None
    text = str_arrays({c: v for c, v in out.items() if c not in typed})
    return pd.DataFrame({c: text[c] if c in text else out[c] for c in names}, copy=False)


def _filings_of(rows: Sequence[sa.Row]) -> pd.DataFrame:
    """Fetched filing rows (FILING_OUT) as _typed_filings types them."""
    small = _typed_small(rows, FILING_OUT, _FILING_TYPES)
    return small if small is not None else _typed_filings(frame_of(rows, FILING_OUT))


def _applicants_of(rows: Sequence[sa.Row]) -> pd.DataFrame:
    """Fetched applicant rows (APPLICANT_COLUMNS) as typed_applicants types them."""
    small = _typed_small(rows, APPLICANT_COLUMNS, _APPLICANT_TYPES)
    return small if small is not None else typed_applicants(frame_of(rows, APPLICANT_COLUMNS))
