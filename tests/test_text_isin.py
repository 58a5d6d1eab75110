"""text_isin equals pandas' isin on text columns: missing values, empty sets, repeated values, non-text input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detector.text_isin import text_isin, text_positions


@pytest.mark.parametrize(
    ("values", "wanted"),
    [
        (["A1", "B2", "", "甲", "A1"], ["A1", "甲", "x"]),
        (["A1", None, "B2"], ["B2", None]),  # missing matches missing
        (["A1", None, "B2"], ["B2"]),
        (["A1", "B2"], []),
        ([], ["A1"]),
    ],
)
def test_equals_pandas_isin_on_text(values, wanted):
    v, w = pd.Series(values, dtype="str"), pd.Series(wanted, dtype="str")
    got = text_isin(v, w)
    assert got.dtype == bool
    assert got.tolist() == v.isin(w).tolist()


@pytest.mark.parametrize("form", ["object", "sliced", "filtered", "concatenated"])
def test_equals_pandas_isin_on_other_layouts(form):
    """pyarrow-backed columns are read in place (slices, filtered rows, several chunks); others are converted."""
    base = pd.Series(["x", "A1", None, "甲", "B2", "A1", "乙"], dtype="str")
    if form == "object":
        v = base.astype(object)
    elif form == "sliced":
        v = base.iloc[2:]
    elif form == "filtered":
        v = base[base.str.len().fillna(0) != 1]
    else:
        v = pd.concat([base.iloc[:3], base.iloc[4:]])
    for wanted in (["A1", "乙", None], ["甲"], []):
        w = pd.Series(wanted, dtype="str")
        assert text_isin(v, w).tolist() == v.isin(w).tolist()


def test_non_text_falls_back_to_pandas():
    v, w = pd.Series([1, 2, 3]), pd.Series([2])
    assert text_isin(v, w).tolist() == [False, True, False]
    assert np.asarray(text_isin(pd.Series(["a", 1], dtype=object), pd.Series(["a"]))).tolist() == [True, False]


@pytest.mark.parametrize("form", ["str", "object", "sliced"])
def test_text_positions_are_each_values_place_among_the_wanted(form):
    base = pd.Series(["x", "A1", None, "甲", "B2", "A1", ""], dtype="str")
    values = base.astype(object) if form == "object" else base.iloc[1:] if form == "sliced" else base
    wanted = ["A1", "甲", "", "zz"]
    expected = [wanted.index(v) if isinstance(v, str) and v in wanted else -1 for v in values.tolist()]
    got = text_positions(values, wanted)
    assert got.dtype == np.int64 and got.tolist() == expected


def test_text_positions_of_nothing():
    assert text_positions(pd.Series(["a"], dtype="str"), []).tolist() == [-1]
    assert text_positions(pd.Series([], dtype="str"), ["a"]).tolist() == []
