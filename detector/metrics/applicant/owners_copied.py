"""Whose marks the applicant copies: how many distinct owners, and the most filings against any one of them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.metrics.applicant.table import ApplicantMetricInputs
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
    flags = x.flags
    sq = flags.loc[flags["group"].eq("squatting") & flags["owner"].ne("")].drop_duplicates(["filing_idx", "owner"])
    if not len(sq):
        return {"distinct_owners_copied": 0, "max_filings_one_owner": 0}
    owners = pd.DataFrame({"a": x.app[sq["filing_idx"].to_numpy()], "o": sq["owner"].to_numpy()})
    per_owner = owners.value_counts()
    most = np.zeros(x.n_apps, dtype=np.int64)
    np.maximum.at(most, per_owner.index.get_level_values(0).to_numpy(), per_owner.to_numpy())
    return {
        "distinct_owners_copied": np.bincount(owners.drop_duplicates()["a"].to_numpy(), minlength=x.n_apps),
        "max_filings_one_owner": most,
    }
