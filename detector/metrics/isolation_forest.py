"""The anomaly score's isolation forest: one seeded fit and its outlier scores, run in this process or in the forked
helper (anomaly_helper.py), so both give the same bytes."""

from __future__ import annotations

import numpy as np

MIN_APPLICANTS = 50  # fewer applicants: no forest, all scores 0
SEED = 20221


def forest_scores(x: np.ndarray) -> np.ndarray:
    """-score_samples(x) of the seeded isolation forest fitted on `x` (higher: more unusual)."""
    from sklearn.ensemble import IsolationForest  # imported lazily: ~1 s

    forest = IsolationForest(n_estimators=100, max_samples=min(256, len(x)), random_state=SEED, n_jobs=1)
    forest.fit(x)
    return -forest.score_samples(x)
