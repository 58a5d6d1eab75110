"""distinct_pairs gives np.unique(np.stack([a, b]), axis=1): the same pairs in the same order."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.int_pairs import distinct_pairs

pairs = st.lists(st.tuples(st.integers(-3, 60), st.integers(-2, 50)), max_size=60)


@given(pairs)
@settings(max_examples=300, deadline=None)
def test_equals_numpy_unique_over_columns(rows):
    a = np.array([r[0] for r in rows], dtype=np.int64)
    b = np.array([r[1] for r in rows], dtype=np.int64)
    got = distinct_pairs(a, b)
    if not len(rows):
        assert len(got[0]) == len(got[1]) == 0
        return
    want = np.unique(np.stack([a, b]), axis=1)
    assert got[0].tolist() == want[0].tolist()
    assert got[1].tolist() == want[1].tolist()


def test_class_rows_of_a_batch():
    apps = np.array([3, 0, 3, 0, 2, 3], dtype=np.int64)
    classes = np.array([25, 9, 25, 35, 9, 1], dtype=np.int32)
    a, c = distinct_pairs(apps, classes)
    assert list(zip(a.tolist(), c.tolist())) == [(0, 9), (0, 35), (2, 9), (3, 1), (3, 25)]
