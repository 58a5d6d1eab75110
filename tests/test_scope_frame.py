"""ScopeFrame (detector/rules/frame.py): metric columns read once and read-only; rows' evidence values read once per
column list, equal to a per-column read, and dropped by forget_contexts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detector.rules.conditions import _plain
from detector.rules.frame import ScopeFrame


def _frame() -> ScopeFrame:
    table = pd.DataFrame(
        {
            "applicant_id": pd.Series(["A1", "A2", "A3"], dtype="str"),
            "n_filings": np.array([3, 40, 7]),
            "share": np.array([0.123456, np.nan, 1.0]),
            "flag": np.array([True, False, True]),
        },
        index=[7, 8, 9],
    )
    return ScopeFrame("applicant", table)


def test_metric_is_read_once_and_read_only():
    frame = _frame()
    first = frame.metric("n_filings")
    assert first is frame.metric("n_filings")
    assert first.tolist() == [3, 40, 7]
    with pytest.raises(ValueError):
        first[0] = 1
    with pytest.raises(KeyError):
        frame.metric("absent")


def test_context_values_as_a_per_column_read_gives_them():
    frame = _frame()
    columns = ["applicant_id", "n_filings", "share", "flag", "absent"]
    got = frame.context(np.array([2, 0, 2]), columns, _plain)
    table = frame.table
    for row in (0, 2):
        expected = {c: _plain(table[c].take([row]).tolist()[0]) for c in columns if c in table.columns}
        assert got[row] == expected
    again = frame.context(np.array([0]), columns, _plain)
    assert again[0] is got[0]  # read once per column list
    frame.forget_contexts()
    assert frame.context(np.array([0]), columns, _plain)[0] is not got[0]
