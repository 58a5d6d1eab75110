"""Index runs: the positions of many contiguous runs, concatenated, by index arithmetic (the expand step of every
CSR-style join in tmscreen: key indexes, filing expansion, rights holders, herds)."""

from __future__ import annotations

import numpy as np


def run_positions(start: np.ndarray, count: np.ndarray) -> np.ndarray:
    """start[i], start[i] + 1, ..., start[i] + count[i] - 1 for every i, concatenated (int64)."""
    count = np.asarray(count, dtype=np.int64)
    within = np.arange(int(count.sum()), dtype=np.int64) - np.repeat(np.cumsum(count) - count, count)
    return np.repeat(np.asarray(start, dtype=np.int64), count) + within
