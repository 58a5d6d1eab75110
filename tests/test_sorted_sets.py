"""detector.sorted_sets against numpy's own np.unique and np.isin, on both sides of SORT_FROM."""

from __future__ import annotations

import numpy as np
import pytest

from detector.sorted_sets import SORT_FROM, distinct, member_of, search


@pytest.mark.parametrize("n", [0, 1, 50, SORT_FROM + 7, 120_000])
@pytest.mark.parametrize("high", [3, 1_000, 10**12])
def test_distinct_is_np_unique(n, high):
    values = np.random.default_rng(n + high).integers(-high // 2, high, n)
    got = distinct(values)
    assert np.array_equal(got, np.unique(values)) and got.dtype == values.dtype


@pytest.mark.parametrize("n, m", [(0, 5), (5, 0), (40, 30), (SORT_FROM, 300), (150_000, 90_000), (30_000, 1)])
def test_member_of_is_np_isin(n, m):
    rng = np.random.default_rng(n * 7 + m)
    values = rng.integers(-(10**9), 10**9, n)
    test = np.concatenate([values[: m // 2], rng.integers(-(10**9), 10**9, m - m // 2)])
    got = member_of(values, test)
    assert np.array_equal(got, np.isin(values, test)) and got.dtype == bool
    assert got[: min(n, m // 2)].all()


def test_other_dtypes_take_numpy_s_way():
    floats = np.array([2.5, np.nan, 1.0, 2.5] * 5_000)
    assert np.array_equal(distinct(floats), np.unique(floats), equal_nan=True)
    assert np.array_equal(member_of(floats, np.array([1.0])), np.isin(floats, [1.0]))


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("n, m", [(0, 5), (40, 30), (SORT_FROM, 300), (150_000, 90_000)])
def test_search_is_np_searchsorted(n, m, side):
    """Values searched for in ascending order give the positions of a search in their own order, ties and values
    outside the sorted array included."""
    rng = np.random.default_rng(n + m)
    ordered = np.sort(rng.integers(-1000, 10**6, m))
    values = np.concatenate([rng.choice(ordered, n // 2) if m else [], rng.integers(-2000, 2 * 10**6, n - n // 2)])
    values = values.astype(np.int64)
    got = search(ordered, values, side=side)
    assert np.array_equal(got, np.searchsorted(ordered, values, side=side)) and got.dtype == np.intp
