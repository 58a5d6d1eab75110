"""One row per applicant of the batch: names and addresses from the filings, enriched by registry data."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.io.contract import APPLICANTS
from detector.io.validate import infer_entity_type

TEXT_COLUMNS = [c for c in APPLICANTS.names() if c not in ("registered_capital", "established_date")]


def _most_frequent(filings: pd.DataFrame, column: str) -> pd.Series:
    """Per applicant, the most frequent non-empty value of `column` (ties: the smallest value).

    Counted on integer codes: applicants and values factorized in sorted order, so the smallest code is the
    smallest value."""
    sub = filings.loc[filings[column].ne(""), ["applicant_id", column]]
    if sub.empty:
        return pd.Series(dtype="str")
    apps, app_ids = pd.factorize(sub["applicant_id"], sort=True)
    vals, values = pd.factorize(sub[column], sort=True)
    pairs, counts = np.unique(apps.astype(np.int64) * len(values) + vals, return_counts=True)
    app, val = np.divmod(pairs, len(values))
    best = np.lexsort((val, -counts, app))  # per applicant: most frequent first, then the smallest value
    first = best[np.r_[True, app[best][1:] != app[best][:-1]]]
    return pd.Series(
        np.asarray(values)[val[first]],
        index=pd.Index(np.asarray(app_ids)[app[first]], name="applicant_id"),
        name=column,
        dtype="str",
    )


def _text(values: pd.Series | None, ids: pd.Index) -> pd.Series:
    """A text column of the table: missing values as ""."""
    if values is None:
        return pd.Series("", index=ids, dtype="str")
    return values.astype(object).fillna("").astype("str")


def build_applicant_table(filings: pd.DataFrame, registry: pd.DataFrame | None) -> pd.DataFrame:
    """Applicants of the batch (sorted by id), registry columns filled where known, entity type inferred.

    The columns are gathered first and the frame made once (setting a dozen columns one by one was most of an
    intake check's load time)."""
    ids = pd.Index(np.sort(filings["applicant_id"].unique()), name="applicant_id")
    found = {
        "name": _most_frequent(filings, "applicant_name").reindex(ids),
        "address": _most_frequent(filings, "applicant_address").reindex(ids),
    }
    capital: object = np.nan
    established: object = pd.NaT
    in_registry: object = False
    if registry is not None and not registry.empty:
        reg = registry.set_index("applicant_id").reindex(ids)
        in_registry = reg["name"].notna()
        for col in TEXT_COLUMNS:
            if col != "applicant_id" and col in reg:
                value = reg[col].where(reg[col].ne(""), np.nan)
                found[col] = value.combine_first(found[col]) if col in ("name", "address") else value
        capital, established = reg["registered_capital"], reg["established_date"]
    order = ["name", "address", *(c for c in TEXT_COLUMNS if c not in ("applicant_id", "name", "address"))]
    out = pd.DataFrame({col: _text(found.get(col), ids) for col in order}, index=ids)
    out["registered_capital"] = pd.Series(capital, index=ids).astype("float64")
    out["established_date"] = pd.to_datetime(pd.Series(established, index=ids)).astype("datetime64[ns]")
    out["in_registry"] = pd.Series(in_registry, index=ids).astype(bool)
    missing_type = out["entity_type"].eq("")
    if missing_type.any():
        out.loc[missing_type, "entity_type"] = infer_entity_type(out.loc[missing_type, "name"])
    return out.reset_index()
