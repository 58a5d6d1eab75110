"""merge_partitions' sorts (detector/pipeline/partitions.py): numpy lexsort on integer codes gives what pandas'
stable multi-column sort_values gives, ties kept in input order, with a fresh index."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.pipeline.partitions import _ordered_by, _sorted


def _frame(rng: np.random.Generator, n: int) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "filing_idx": rng.integers(0, 5, n).astype(np.int64),
            "rule_id": pd.Series(rng.choice(["SQUAT-001", "HOARD-002", "CLUS-1", "a", "B"], n), dtype="str"),
            "x": np.arange(n),
            "_rule": rng.integers(0, 4, n).astype(np.int64),
        }
    )
    frame.index = rng.permutation(n)
    return frame


def test_same_order_as_sort_values():
    rng = np.random.default_rng(1)
    for _ in range(300):
        frame = _frame(rng, int(rng.integers(0, 50)))
        expected = frame.sort_values(["filing_idx", "rule_id"], kind="stable").reset_index(drop=True)
        codes = pd.factorize(frame["rule_id"], sort=True)[0]
        pd.testing.assert_frame_equal(_sorted(frame, frame["filing_idx"].to_numpy(), codes), expected)
        expected = frame.sort_values(["_rule", "filing_idx"], kind="stable").reset_index(drop=True)
        pd.testing.assert_frame_equal(
            _sorted(frame, frame["_rule"].to_numpy(), frame["filing_idx"].to_numpy()), expected
        )


def test_ordered_by_keeps_a_sorted_frame_and_sorts_another():
    rng = np.random.default_rng(2)
    for _ in range(100):
        frame = _frame(rng, int(rng.integers(0, 30)))
        expected = frame.iloc[np.argsort(frame["_rule"].to_numpy(), kind="stable")].reset_index(drop=True)
        pd.testing.assert_frame_equal(_ordered_by(frame, "_rule"), expected)
