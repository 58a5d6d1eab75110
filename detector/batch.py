"""The batch after normalization: inputs plus derived keys every later stage shares (codes, days, canon)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from detector.io import Inputs
from detector.metrics.trade_name import trade_names
from detector.normalize import canonical

EPOCH = np.datetime64("1970-01-01", "D")


def canonical_series(texts: pd.Series) -> pd.Series:
    """canonical() of each distinct text once, mapped back."""
    codes, uniques = pd.factorize(texts)
    table = np.array([canonical(u) for u in uniques], dtype=object)
    return pd.Series(table[codes] if len(uniques) else [], index=texts.index, dtype="str")


@dataclass
class Batch:
    """Everything later stages read: filings with `app` codes, `day`, `canon`; applicants indexed by code."""

    filings: pd.DataFrame
    filing_classes: pd.DataFrame
    applicants: pd.DataFrame
    register: pd.DataFrame | None

    @property
    def n_apps(self) -> int:
        return len(self.applicants)


def prepare_batch(inputs: Inputs) -> Batch:
    """Add shared derived columns: applicant codes, day numbers, canonical marks, names and trade names."""
    apps = inputs.applicants.reset_index(drop=True).copy()
    app_index = pd.Index(apps["applicant_id"])
    f = inputs.filings.copy()
    f["app"] = app_index.get_indexer(f["applicant_id"]).astype(np.int64)
    f["day"] = (f["filing_date"].to_numpy().astype("datetime64[D]") - EPOCH).astype(np.int64)
    f["canon"] = canonical_series(f["mark_text"])
    apps["canon_name"] = canonical_series(apps["name"])
    apps["trade_name"] = trade_names(apps["name"], apps["entity_type"])
    apps["canon_trade_name"] = canonical_series(apps["trade_name"])
    fc = inputs.filing_classes.copy()
    fc["app"] = f["app"].to_numpy()[fc["filing_idx"].to_numpy()]
    reg = inputs.register
    if reg is not None:
        reg = reg.copy()
        reg["canon"] = canonical_series(reg["mark_text"])
        reg["canon_owner"] = canonical_series(reg["owner_name"])
    return Batch(f, fc, apps, reg)
