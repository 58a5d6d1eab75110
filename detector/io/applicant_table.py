"""One row per applicant of the batch: names and addresses from the filings, enriched by registry data.

Built on whole-column arrays (the applicants' sorted positions, one factorization per text column, one take per
registry column) and made into a frame once: an intake check builds this table twice for one filing and a few
hundred history rows, where a dozen pandas steps per column (masks, reindex, where, combine_first, fillna, astype)
cost far more than the data."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.io.contract import APPLICANTS
from detector.io.validate import entity_types

TEXT_COLUMNS = [c for c in APPLICANTS.names() if c not in ("registered_capital", "established_date")]
# The table's text columns after applicant_id: the filings' two first, then the registry's in contract order.
_TABLE_TEXT = ["name", "address", *(c for c in TEXT_COLUMNS if c not in ("applicant_id", "name", "address"))]
_FROM_FILINGS = {"name": "applicant_name", "address": "applicant_address"}


def _sorted_positions(ids: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ids in sorted order (Python string order, as np.sort) and each row's position among them.

    Factorized once, then only the distinct ids are sorted, so every per-applicant step works on integer codes."""
    codes, uniques = pd.factorize(ids, use_na_sentinel=False)
    uniques = np.asarray(uniques, dtype=object)
    order = np.argsort(uniques, kind="stable")
    rank = np.empty(len(order), dtype=np.intp)
    rank[order] = np.arange(len(order))
    return uniques[order], rank[codes]


def _most_frequent(app: np.ndarray, n_apps: int, column: pd.Series) -> np.ndarray:
    """Per applicant (`app`: each row's applicant position), the most frequent non-empty value of `column` (ties:
    the smallest value); "" for an applicant without one.

    Counted on integer codes: values factorized in sorted order, so the smallest code is the smallest value; the
    empty value, the smallest of all, is code 0 when present and left out."""
    out = np.full(n_apps, "", dtype=object)
    vals, values = pd.factorize(column, sort=True)
    values = np.asarray(values, dtype=object)
    keep = vals >= (1 if len(values) and values[0] == "" else 0)
    if not keep.any():
        return out
    pairs, counts = np.unique(app[keep].astype(np.int64) * len(values) + vals[keep], return_counts=True)
    apps, val = np.divmod(pairs, len(values))
    best = np.lexsort((val, -counts, apps))  # per applicant: most frequent first, then the smallest value
    first = best[np.r_[True, apps[best][1:] != apps[best][:-1]]]
    out[apps[first]] = values[val[first]]
    return out


def _registry_text(registry: pd.DataFrame, column: str, pos: np.ndarray, found: np.ndarray) -> np.ndarray:
    """The registry's `column` at each applicant's registry row (`pos`, -1 when the registry lacks it); where the
    registry has no row or an empty or missing value, `found` (the filings' value, or "")."""
    values = registry[column].to_numpy(dtype=object, na_value="")
    out = found.copy()
    hit = np.flatnonzero(pos >= 0)
    given = values[pos[hit]]
    filled = given != ""
    out[hit[filled]] = given[filled]
    return out


def _registry_columns(registry: pd.DataFrame | None, ids: np.ndarray, texts: dict[str, np.ndarray]) -> dict:
    """Registry columns aligned on `ids`: the text columns over `texts` (the filings' name and address, "" for the
    rest), registered_capital (float64, NaN unknown), established_date (datetime64[ns], NaT unknown), in_registry."""
    n = len(ids)
    if registry is None or registry.empty:
        return {
            **texts,
            "registered_capital": np.full(n, np.nan, dtype="float64"),
            "established_date": np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]"),
            "in_registry": np.zeros(n, dtype=bool),
        }
    pos = pd.Index(registry["applicant_id"]).get_indexer(ids)
    out = {c: _registry_text(registry, c, pos, found) if c in registry else found for c, found in texts.items()}
    known = pos >= 0
    named = registry["name"].notna().to_numpy(dtype=bool)
    out["registered_capital"] = np.asarray(registry["registered_capital"].array.take(pos, allow_fill=True), "float64")
    dates = pd.to_datetime(registry["established_date"].array.take(pos, allow_fill=True))
    out["established_date"] = np.asarray(dates.astype("datetime64[ns]"))
    out["in_registry"] = known & named[np.where(known, pos, 0)]  # the registry has rows: position 0 exists
    return out


def build_applicant_table(filings: pd.DataFrame, registry: pd.DataFrame | None) -> pd.DataFrame:
    """Applicants of the batch (sorted by id), registry columns filled where known, entity type inferred.

    The columns are gathered as arrays and the frame made once: the many small pandas steps per column were most
    of an intake check's load time."""
    ids, app = _sorted_positions(filings["applicant_id"])
    texts = {c: np.full(len(ids), "", dtype=object) for c in _TABLE_TEXT}
    for col, source in _FROM_FILINGS.items():
        texts[col] = _most_frequent(app, len(ids), filings[source])
    columns = _registry_columns(registry, ids, texts)
    kind = columns["entity_type"]
    missing = kind == ""
    if missing.any():
        kind = kind.copy()
        kind[missing] = entity_types(columns["name"][missing])
        columns["entity_type"] = kind
    table = {"applicant_id": pd.Index(ids).array}  # the dtype inferred as before: str (object when no applicant)
    table.update({c: pd.array(columns[c], dtype="str") for c in _TABLE_TEXT})
    table.update({c: columns[c] for c in ("registered_capital", "established_date", "in_registry")})
    return pd.DataFrame(table)
