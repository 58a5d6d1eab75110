"""compare (detector/rules/conditions/registry.py): numpy number columns against a number take numpy's comparison,
which must give what the pandas path gives for every operator, including NaN, infinities, booleans and unsigned
integers; nullable and text columns keep the pandas path."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from detector.rules.conditions.registry import compare

COLUMNS = [
    np.array([1.0, np.nan, 3.5, -0.0, np.inf, -np.inf]),
    np.array([1, 2, 3, 0, -5, 7]),
    np.array([True, False, True, False, True, False]),
    np.array([1, 2, 3, 4, 5, 250], dtype=np.uint8),
    pd.Series([1.0, None, 2, 3, 4, 0.5]),
    pd.Series([1, 2, 3, 4, 5, 6], dtype="Int64"),
    pd.Series([1, None, 3, 4, 5, 6], dtype="Int64"),
    pd.Series([True, None, False, True, True, False], dtype="boolean"),
    pd.Series(["a", "b", "", "c", "1", "3"], dtype="str"),
    np.array(["a", np.nan, "", None, "3", pd.NA], dtype=object),  # a text metric as ScopeFrame.metric reads it
    np.array(["3", "b", "3", "", "x", "a"], dtype=object),
    np.array([True, False, True, True, False, False], dtype=object),
]
OPS = ["==", "!=", ">", ">=", "<", "<="]
TARGETS = [0, 1, 2.5, -1, 3.5, np.float64(1.0), np.int64(3), "3", True, False, np.bool_(True), "", "a"]


def _pandas(values, op, target) -> np.ndarray:
    s = pd.Series(values)
    result = {
        "==": lambda: s == target,
        "!=": lambda: (s != target) & s.notna(),
        ">": lambda: s > target,
        ">=": lambda: s >= target,
        "<": lambda: s < target,
        "<=": lambda: s <= target,
    }[op]()
    return result.fillna(False).to_numpy(dtype=bool)


@pytest.mark.parametrize("index", range(len(COLUMNS)))
def test_same_answer_as_pandas(index):
    values = COLUMNS[index]
    for op, target in itertools.product(OPS, TARGETS):
        try:
            expected = _pandas(values, op, target)
        except TypeError:
            with pytest.raises(TypeError):
                compare(values, op, target)
            continue
        got = compare(values, op, target)
        assert got.dtype == bool
        assert got.tolist() == expected.tolist(), (values, op, target)


def test_between_same_answer_as_pandas():
    for values in COLUMNS:
        for low, high in [(0, 3), (1.5, 1.5), (-1, 0), (3, 1), (np.int64(2), 4.0)]:
            s = pd.Series(values)
            try:
                expected = ((s >= low) & (s <= high)).fillna(False).to_numpy(dtype=bool)
            except TypeError:
                with pytest.raises(TypeError):
                    compare(values, "between", [low, high])
                continue
            got = compare(values, "between", [low, high])
            assert got.dtype == bool
            assert got.tolist() == expected.tolist(), (values, low, high)


def test_missing_values_never_satisfy():
    values = np.array([np.nan, np.nan])
    for op in OPS:
        assert not compare(values, op, 1.0).any()


def test_row_objects_are_the_object_array_elements():
    """RowObjects gives each row as np.asarray(column, dtype=object) would: same type, same value."""
    from detector.rules.conditions.registry import RowObjects

    columns = [
        np.array([1, -2, 3], dtype=np.int64),
        np.array([0.5, np.nan, -0.0]),
        np.array([True, False, True]),
        np.array([1, 2, 250], dtype=np.uint8),
        np.array(["a", "", "丙"], dtype=object),
        pd.Series(["x", "y", "z"], dtype="str").to_numpy(),
        np.array(["2024-01-02", "NaT", "1999-12-31"], dtype="datetime64[ns]"),
        np.array(["2024-01-02", "NaT", "1999-12-31"], dtype="datetime64[D]"),
    ]
    for column in columns:
        whole = np.asarray(column, dtype=object)
        lazy = RowObjects(column)
        assert len(lazy) == len(whole)
        for row in range(len(column)):
            got, expected = lazy[row], whole[row]
            assert type(got) is type(expected)
            assert got == expected or (got != got and expected != expected)  # NaN and NaT equal themselves here
