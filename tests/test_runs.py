"""detector.runs.run_positions: the positions of many runs, concatenated, against a plain loop."""

from __future__ import annotations

import numpy as np

from detector.runs import run_positions


def test_run_positions_equal_concatenated_ranges():
    rng = np.random.default_rng(5)
    for _ in range(50):
        start = rng.integers(0, 100, size=int(rng.integers(0, 12)))
        count = rng.integers(0, 5, size=len(start))
        expected = [p for s, c in zip(start.tolist(), count.tolist()) for p in range(s, s + c)]
        got = run_positions(start, count)
        assert got.dtype == np.int64 and got.tolist() == expected


def test_no_runs():
    assert run_positions(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)).tolist() == []
