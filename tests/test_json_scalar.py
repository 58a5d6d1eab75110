"""json_scalar: the one converter every JSON output uses (evidence, traces, hits.jsonl, report.html, rules diff)."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from detector.json_scalar import json_scalar


@pytest.mark.parametrize("missing", [None, float("nan"), np.float64("nan"), np.float32("nan"), pd.NaT, pd.NA])
def test_missing_is_null(missing):
    assert json_scalar(missing) is None and json_scalar(missing, 4) is None


def test_numpy_numbers_become_python_numbers():
    for value, want in [(np.int64(5), 5), (np.uint8(3), 3), (np.bool_(True), True), (np.float64(0.25), 0.25)]:
        got = json_scalar(value)
        assert got == want and type(got) is type(want)


def test_floats_round_with_pythons_correctly_rounded_round():
    """2.5e-06 is stored a little above 2.5e-06, so it rounds up to 3e-06 (numpy's scaled rounding gives 2e-06)."""
    assert json_scalar(2.5e-6, 6) == 3e-06
    assert json_scalar(np.float64(2.5e-6), 6) == 3e-06
    assert json_scalar(1 / 3, 4) == 0.3333
    assert json_scalar(1 / 3) == 1 / 3
    assert json_scalar(math.inf, 4) == math.inf


def test_bool_int_str_as_they_are_anything_else_as_text():
    assert [json_scalar(v, 4) for v in (True, 7, 2**70, "商标", np.str_("x"))] == [True, 7, 2**70, "商标", "x"]
    assert json_scalar(pd.Timestamp("2022-01-03")) == "2022-01-03 00:00:00"
    assert json.dumps([json_scalar(v) for v in ([1, 2], {"a": 1})]) == '["[1, 2]", "{\'a\': 1}"]'
