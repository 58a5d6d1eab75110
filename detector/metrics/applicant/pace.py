"""How fast an applicant files: its busiest day and the span from its first to its last filing."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.metrics.applicant.table import ApplicantMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "applicant",
    order=20,
    metrics=[
        Metric(
            "peak_filings_per_day", "number", "filings", Text(en="Most filings on a single day", zh="单日最多申请件数")
        ),
        Metric(
            "active_days",
            "number",
            "days",
            Text(
                en="Days from first to last filing in the batch, inclusive", zh="本批次首次至末次申请的天数（含首尾）"
            ),
        ),
    ],
)
def pace(x: ApplicantMetricInputs) -> Columns:
    per_day = pd.DataFrame({"a": x.app, "d": x.day}).value_counts()
    peak = np.zeros(x.n_apps, dtype=np.int64)
    np.maximum.at(peak, per_day.index.get_level_values(0).to_numpy(), per_day.to_numpy())
    return {"peak_filings_per_day": peak, "active_days": x.last_day - x.first_day + 1}
