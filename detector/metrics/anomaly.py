"""anomaly_score: an isolation-forest outlier score over applicant metrics, seeded and deterministic.

It says how unusual an applicant's filing pattern is within this batch (0 ordinary .. 1 the most unusual,
as a rank among the applicants); it does not say bad faith. Rules may use it only beside real evidence.
See docs/auditing.md ("What anomaly_score means").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.metrics import anomaly_helper
from detector.metrics.isolation_forest import MIN_APPLICANTS, forest_scores

FEATURES = ("n_filings", "n_classes", "n_marks", "peak_filings_per_day", "transfer_ratio", "short_mark_share")


def anomaly_features(metrics: pd.DataFrame) -> np.ndarray:
    """The feature matrix: log1p of the counts and shares above, unknown values as 0."""
    x = np.column_stack(
        [pd.to_numeric(metrics[c], errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan) for c in FEATURES]
    )
    return np.log1p(np.clip(np.nan_to_num(x, nan=0.0), 0.0, None))


def anomaly_score(metrics: pd.DataFrame) -> np.ndarray:
    """Rank-normalized isolation-forest score; all zeros for batches too small to say anything.

    The forest is fitted on the rows in applicant-id order, so the score does not depend on the order of
    the input file; identical metrics always get identical scores.
    """
    n = len(metrics)
    if n < MIN_APPLICANTS:
        return np.zeros(n)
    order = (
        np.argsort(metrics["applicant_id"].astype("str").to_numpy(), kind="stable")
        if "applicant_id" in metrics.columns
        else np.arange(n)
    )
    x = anomaly_features(metrics)[order]
    scores = anomaly_helper.fit_scores(x)  # a forked helper imported scikit-learn meanwhile, when one runs
    raw = np.empty(n)
    raw[order] = forest_scores(x) if scores is None else scores
    ranks = pd.Series(raw).rank(method="average").to_numpy()
    return np.round((ranks - 1) / max(n - 1, 1), 6)
