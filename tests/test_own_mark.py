"""own_mark: an applicant with many own forms is searched at once (Aho-Corasick and the joined forms); the answer
is the one form-by-form comparison gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.metrics.applicant.own_marks import MANY_FORMS, own_mark

CHARS = st.sampled_from(list("华为小米阳光蓝湾ab1"))
TEXT = st.text(CHARS, max_size=6)


def _one_by_one(marks: list[str], app: list[int], forms: list[list[str]]) -> list[bool]:
    return [len(m) >= 2 and any(f in m or m in f for f in forms[a]) for m, a in zip(marks, app)]


@given(
    st.lists(st.lists(TEXT, max_size=3 * MANY_FORMS), min_size=1, max_size=3),
    st.lists(st.tuples(TEXT, st.integers(0, 2)), max_size=30),
)
@settings(max_examples=300, deadline=None)
def test_many_forms_give_what_one_by_one_gives(forms, filings):
    app = [a % len(forms) for _, a in filings]
    marks = [m for m, _ in filings]
    got = own_mark(pd.Series(marks, dtype="str"), np.array(app, dtype=np.int64), forms)
    assert got.tolist() == _one_by_one(marks, app, forms)


def test_a_brand_owner_with_many_register_marks():
    forms = [[f"品牌{i}号" for i in range(50)] + ["华为"]]
    marks = ["华为手机", "品牌7", "品牌7号店", "小米", "华"]
    got = own_mark(pd.Series(marks, dtype="str"), np.zeros(5, dtype=np.int64), forms)
    assert got.tolist() == [True, True, True, False, False]


def test_each_distinct_applicant_and_mark_once_gives_every_row():
    """From PAIRS_FROM rows with their mark codes, each distinct (applicant, mark) is tested once and spread back:
    the same answer per row, repeated pairs and applicants with many forms included."""
    from detector.metrics.applicant.own_marks import PAIRS_FROM

    rng = np.random.default_rng(3)
    pool = ["华为", "华为手机", "小米", "阳光", "蓝湾", "ab", "b1", "阳光华为", "米", ""]
    forms = [[pool[j] for j in rng.integers(0, 9, rng.integers(0, 2 * MANY_FORMS))] for _ in range(60)]
    n = PAIRS_FROM + 2000
    marks = np.array([pool[j] for j in rng.integers(0, len(pool), n)], dtype=object)
    app = rng.integers(0, len(forms), n).astype(np.int64)
    codes, _ = pd.factorize(marks)
    got = own_mark(marks, app, forms, codes.astype(np.int64))
    assert got.tolist() == own_mark(marks, app, forms).tolist() == _one_by_one(marks.tolist(), app.tolist(), forms)
    assert 0 < got.sum() < n
