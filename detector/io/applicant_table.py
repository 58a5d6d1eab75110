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


def build_applicant_table(filings: pd.DataFrame, registry: pd.DataFrame | None) -> pd.DataFrame:
    """Applicants of the batch (sorted by id), registry columns filled where known, entity type inferred."""
    ids = pd.Index(np.sort(filings["applicant_id"].unique()), name="applicant_id")
    out = pd.DataFrame(index=ids)
    out["name"] = _most_frequent(filings, "applicant_name").reindex(ids)
    out["address"] = _most_frequent(filings, "applicant_address").reindex(ids)
    for col in TEXT_COLUMNS:
        if col not in ("applicant_id",) and col not in out:
            out[col] = pd.Series(np.nan, index=ids, dtype=object)
    out["registered_capital"] = np.nan
    out["established_date"] = pd.NaT
    out["in_registry"] = False
    if registry is not None and not registry.empty:
        reg = registry.set_index("applicant_id").reindex(ids)
        known = reg["name"].notna()
        out.loc[known, "in_registry"] = True
        for col in TEXT_COLUMNS:
            if col == "applicant_id":
                continue
            value = reg[col].where(reg[col].ne(""), np.nan) if col in reg else None
            if value is not None:
                out[col] = value.combine_first(out[col]) if col in ("name", "address") else value
        out["registered_capital"] = reg["registered_capital"]
        out["established_date"] = reg["established_date"]
    for col in TEXT_COLUMNS:
        if col != "applicant_id":
            out[col] = out[col].astype(object).fillna("").astype("str")
    missing_type = out["entity_type"].eq("")
    out.loc[missing_type, "entity_type"] = infer_entity_type(out.loc[missing_type, "name"])
    out["registered_capital"] = out["registered_capital"].astype("float64")
    out["established_date"] = pd.to_datetime(out["established_date"]).astype("datetime64[ns]")
    return out.reset_index()
