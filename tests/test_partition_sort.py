"""detector/frame_order.py (merge_partitions' and the filing rules' sorts): numpy lexsort on integer codes gives
what pandas' stable multi-column sort_values and group-by firsts give, ties kept in input order, with a fresh
index."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.frame_order import first_per_key, ordered_by, sorted_by


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
        pd.testing.assert_frame_equal(sorted_by(frame, frame["filing_idx"].to_numpy(), codes), expected)
        expected = frame.sort_values(["_rule", "filing_idx"], kind="stable").reset_index(drop=True)
        pd.testing.assert_frame_equal(
            sorted_by(frame, frame["_rule"].to_numpy(), frame["filing_idx"].to_numpy()), expected
        )


def test_ordered_by_keeps_a_sorted_frame_and_sorts_another():
    rng = np.random.default_rng(2)
    for _ in range(100):
        frame = _frame(rng, int(rng.integers(0, 30)))
        expected = frame.iloc[np.argsort(frame["_rule"].to_numpy(), kind="stable")].reset_index(drop=True)
        pd.testing.assert_frame_equal(ordered_by(frame, "_rule"), expected)


def test_first_per_key_is_the_group_by_first():
    rng = np.random.default_rng(3)
    for _ in range(300):
        n = int(rng.integers(0, 40))
        rows = np.sort(rng.choice(1000, size=n, replace=False)).astype(np.int64)
        keys = rng.integers(0, 6, n).astype(np.int64)
        expected = pd.Series(rows).groupby(keys).first().to_numpy()
        got = first_per_key(rows, keys)
        assert got.dtype == expected.dtype
        assert got.tolist() == expected.tolist()
