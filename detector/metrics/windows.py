"""Rolling-window counts: the most filings of one group (applicant, cluster, agent) inside any span of days."""

from __future__ import annotations

import numpy as np


def max_in_window(group: np.ndarray, day: np.ndarray, span_days: int, n_groups: int) -> np.ndarray:
    """Per group 0..n_groups-1, the largest number of rows whose days fall within any `span_days` window.

    `group` holds the group of each row (-1 = none) and `day` its day number. Vectorized: sort by (group, day),
    and for each row count the rows of the same group whose day is < day + span via one searchsorted.
    """
    out = np.zeros(n_groups, dtype=np.int64)
    keep = group >= 0
    if not keep.any():
        return out
    g = group[keep].astype(np.int64)
    d = day[keep].astype(np.int64)
    d = d - d.min()
    width = int(d.max()) + span_days + 1
    key = g * width + d
    key.sort()
    ends = np.searchsorted(key, key + span_days, side="left")
    counts = ends - np.arange(len(key))
    np.maximum.at(out, key // width, counts)
    return out
