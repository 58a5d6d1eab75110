"""anomaly_score: an isolation-forest outlier score over applicant metrics, seeded and deterministic.

It says how unusual an applicant's filing pattern is within this batch (0 ordinary .. 1 the most unusual,
as a rank among the applicants); it does not say bad faith. Rules may use it only beside real evidence.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

FEATURES = ("n_filings", "n_classes", "n_marks", "peak_filings_per_day", "transfer_ratio", "short_mark_share")
MIN_APPLICANTS = 50
SEED = 20221


def anomaly_score(metrics: pd.DataFrame) -> np.ndarray:
    """Rank-normalized isolation-forest score; all zeros for batches too small to say anything."""
    n = len(metrics)
    if n < MIN_APPLICANTS:
        return np.zeros(n)
    from sklearn.ensemble import IsolationForest  # imported lazily: ~1 s

    x = metrics[list(FEATURES)].to_numpy(dtype=float)
    x = np.log1p(np.nan_to_num(x, nan=0.0))
    forest = IsolationForest(n_estimators=100, max_samples=min(256, n), random_state=SEED, n_jobs=1)
    forest.fit(x)
    raw = -forest.score_samples(x)
    ranks = pd.Series(raw).rank(method="average").to_numpy()
    return np.round((ranks - 1) / max(n - 1, 1), 6)
