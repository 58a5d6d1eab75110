"""How fast an applicant files: its busiest day and the span from its first to its last filing."""

from __future__ import annotations

import numpy as np

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
    """The busiest day from one sort of (applicant, day) keys: the length of each run of equal keys, its maximum
    per applicant (no frame value_counts)."""
    return {"peak_filings_per_day": _peak_per_day(x.app, x.day, x.n_apps), "active_days": x.last_day - x.first_day + 1}


def _peak_per_day(app: np.ndarray, day: np.ndarray, n_apps: int) -> np.ndarray:
    """Per applicant code: the most filings on one day (0 without filings)."""
    peak = np.zeros(n_apps, dtype=np.int64)
    if not len(app):
        return peak
    day = np.asarray(day, dtype=np.int64)
    width = int(day.max() - day.min()) + 1
    key = np.sort(np.asarray(app, dtype=np.int64) * width + (day - day.min()))
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    runs = np.diff(np.r_[starts, len(key)])
    np.maximum.at(peak, key[starts] // width, runs)
    return peak
