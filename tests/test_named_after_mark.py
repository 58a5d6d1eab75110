"""named_after: each distinct (mark, trade name) pair is judged once and the answer spread to its rows; every row
gets the answer it gets alone."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.metrics.filing.named_after_mark import named_after

MARKS = st.sampled_from(["华为", "huawei", "xiaomi", "小米", "", "米", "华为手机", "tengxun", "腾讯", "mihua", "hua"])
TRADES = st.sampled_from(["华为", "小米", "", "腾讯", "华", "米华", "xiaomi", "腾讯科技"])


@given(st.lists(st.tuples(MARKS, TRADES), max_size=40))
@settings(max_examples=150, deadline=None)
def test_each_row_gets_its_own_answer(rows):
    marks = pd.Series([m for m, _ in rows], dtype="str")
    trades = pd.Series([t for _, t in rows], dtype="str")
    got = named_after(marks, trades)
    assert got.dtype == bool and len(got) == len(rows)
    alone = [bool(named_after(marks.iloc[i : i + 1], trades.iloc[i : i + 1])[0]) for i in range(len(rows))]
    assert got.tolist() == alone


def test_a_trade_name_and_its_pinyin():
    got = named_after(pd.Series(["华为手机", "huawei", "xiaomi", "阳光"], dtype="str"), pd.Series(["华为"] * 4))
    assert got.tolist() == [True, True, False, False]
