"""Whose marks the applicant copies: how many distinct owners, and the most filings against any one of them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.metrics.applicant.table import ApplicantMetricInputs, distinct_count
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "applicant",
    order=100,
    metrics=[
        Metric(
            "distinct_owners_copied",
            "number",
            "owners",
            Text(en="Distinct owners whose marks the applicant's filings copy", zh="被其申请摹仿的不同商标权利人数"),
        ),
        Metric(
            "max_filings_one_owner",
            "number",
            "filings",
            Text(en="Most filings copying marks of one and the same owner", zh="摹仿同一权利人商标的最多申请件数"),
        ),
    ],
)
def owners_copied(x: ApplicantMetricInputs) -> Columns:
    """On object arrays of the flags (`==`/`!=` there are Series.eq/ne, a missing text included) and integer codes
    of the owners: one sort of (filing, owner) keys drops repeated flags, one of (applicant, owner) keys gives the
    filings per owner (value_counts, which leaves a missing owner out) and the distinct owners (which keep it)."""
    flags = x.flags
    owner = flags["owner"].to_numpy(dtype=object)
    sq = (flags["group"].to_numpy(dtype=object) == "squatting") & (owner != "")
    if not sq.any():
        return {"distinct_owners_copied": 0, "max_filings_one_owner": 0}
    who, uniques = pd.factorize(owner[sq], use_na_sentinel=False)
    width = len(uniques)
    pairs = _distinct(flags["filing_idx"].to_numpy().astype(np.int64)[sq] * width + who)
    app, who = x.app[pairs // width].astype(np.int64), pairs % width
    keys = np.sort(app * width + who)
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    runs = np.diff(np.r_[starts, len(keys)])
    counted = ~pd.isna(np.asarray(uniques, dtype=object))[keys[starts] % width]
    most = np.zeros(x.n_apps, dtype=np.int64)
    np.maximum.at(most, keys[starts][counted] // width, runs[counted])
    return {"distinct_owners_copied": distinct_count(app, who, x.n_apps), "max_filings_one_owner": most}


def _distinct(keys: np.ndarray) -> np.ndarray:
    """The distinct values of an int64 array, ascending (a sort, not np.unique's slower hash path)."""
    keys = np.sort(keys)
    return keys[np.r_[True, keys[1:] != keys[:-1]]]
