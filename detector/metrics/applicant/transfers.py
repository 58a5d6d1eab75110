"""Filings passed on: the share assigned to someone else, and to how many different assignees."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.metrics.applicant.table import ApplicantMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "applicant",
    order=50,
    metrics=[
        Metric(
            "transfer_ratio",
            "number",
            "share 0-1",
            Text(en="Share of filings assigned to someone else", zh="已转让（记载受让人）的申请比例"),
        ),
        Metric(
            "distinct_assignees", "number", "assignees", Text(en="Distinct assignees of its filings", zh="不同受让人数")
        ),
    ],
)
def transfers(x: ApplicantMetricInputs) -> Columns:
    assignee = x.filings["assignee"]
    assigned = (assignee.ne("") & assignee.ne(x.filings["applicant_name"])).to_numpy()
    pairs = pd.DataFrame({"a": x.app[assigned], "s": assignee.to_numpy()[assigned]}).drop_duplicates()
    return {
        "transfer_ratio": np.bincount(x.app, weights=assigned.astype(float), minlength=x.n_apps)
        / np.maximum(x.n_filings, 1),
        "distinct_assignees": np.bincount(pairs["a"].to_numpy(), minlength=x.n_apps),
    }
