"""The integer-code helpers the metric groups count with give what the pandas steps they replace gave."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from detector.metrics.applicant.pace import _peak_per_day
from detector.metrics.applicant.table import contains, distinct_count, texts


def test_distinct_count_is_drop_duplicates_then_bincount():
    rng = np.random.default_rng(7)
    for n in (0, 1, 5, 300):
        owner = rng.integers(0, 20, n)
        value = rng.integers(-3, 40, n)
        pairs = pd.DataFrame({"a": owner, "v": value}).drop_duplicates()
        expected = np.bincount(pairs["a"].to_numpy(dtype=np.int64), minlength=25)
        got = distinct_count(owner, value, 25)
        assert got.dtype == expected.dtype and np.array_equal(got, expected)


def test_peak_per_day_is_value_counts_maximum():
    rng = np.random.default_rng(3)
    for n in (0, 1, 50, 500):
        app, day = rng.integers(0, 30, n), rng.integers(19000, 19040, n)
        counts = pd.DataFrame({"a": app, "d": day}).value_counts()
        expected = np.zeros(32, dtype=np.int64)
        np.maximum.at(expected, counts.index.get_level_values(0).to_numpy(), counts.to_numpy())
        assert np.array_equal(_peak_per_day(app, day, 32), expected)


def test_texts_and_contains_match_pandas_on_both_paths(monkeypatch):
    import detector.metrics.applicant.table as table

    column = pd.Series(["北京商标代理有限公司", None, "", "货运代理", "某知识产权服务中心"], dtype="str")
    pattern = re.compile("商标代理|知识产权服务")
    expected = column.fillna("").astype(str).str.contains(pattern).to_numpy(dtype=bool)
    for small in (2000, 0):
        monkeypatch.setattr(table, "SMALL", small)
        assert texts(column).tolist() == column.fillna("").astype(str).tolist()
        assert np.array_equal(contains(column, pattern), expected)


def test_portfolio_marks_is_the_groupby_of_candidate_rows():
    from detector.metrics.applicant.own_marks import COFILE_SHARE, PORTFOLIO_CLASSES, PORTFOLIO_MAX, _portfolio_marks

    rng = np.random.default_rng(11)
    words = np.array(["格力", "GREE", "晶弘", "大松", "b", "Ab", "ab", "阳光", "蓝湾", "青松", "松"], dtype=object)
    for n in (1, 40, 400):
        code = rng.integers(0, len(words), n)
        app, cls, covered = rng.integers(0, 4, n), rng.integers(1, 8, n), rng.random(n) < 0.9
        rows = pd.DataFrame({"app": app, "mark": words[code], "cls": cls, "covered": covered})
        per_mark = (
            rows.groupby(["app", "mark"], sort=True)
            .agg(n=("covered", "size"), hit=("covered", "sum"), classes=("cls", "nunique"))
            .reset_index()
        )
        ok = per_mark[(per_mark["hit"] >= COFILE_SHARE * per_mark["n"]) & (per_mark["classes"] >= PORTFOLIO_CLASSES)]
        sizes = ok.groupby("app")["mark"].transform("size")
        kept = ok[sizes <= PORTFOLIO_MAX]
        expected = list(zip(kept["app"].tolist(), kept["mark"].tolist()))
        assert _portfolio_marks(app, code, words, cls, covered) == expected
