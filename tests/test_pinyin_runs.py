"""guards.pinyin_runs_ok: the pinyin-run guard of many finds at once gives pinyin_run_ok's answer for each."""

from __future__ import annotations

import numpy as np
import pytest

from detector.match import guards
from detector.match.form_table import FormTable

MARKS = [
    "HONGQIANXING",
    "hongqi tea",
    "SUPER HONGQI",
    "xian feng",
    "MAOTAIWINE",
    "NIKE AIR",
    "zhonghuashangpin",
    "a",
    "红旗 HONGQI 茶",
    "ABC-DEF ghi",
    "anhuiyuan",
    "qian'an",
    "",
    "HUAWEISMART",
    "bing",
]


@pytest.mark.parametrize("bounds", ["latin_bounds", "canon_bounds"])  # latin's look-alike folds; contains' forms
def test_many_finds_at_once_answer_as_one_by_one(bounds):
    texts = FormTable(MARKS)
    canon = texts.arr("canon")
    flags, offsets = getattr(texts, bounds)
    rng = np.random.RandomState(3)
    text, start, end, syllables = [], [], [], []
    for t, mark in enumerate(canon.tolist()):
        for s in range(len(mark)):
            for e in range(s + 1, len(mark) + 1):
                text.append(t)
                start.append(s)
                end.append(e)
                syllables.append(int(rng.choice([-1, 1, 2, 3, 4])))
    text, start, end, syllables = (np.asarray(v, dtype=np.int64) for v in (text, start, end, syllables))
    expected = np.array(
        [
            guards.pinyin_run_ok(canon[t], flags, int(offsets[t]), int(s), int(e), int(n))
            for t, s, e, n in zip(text, start, end, syllables)
        ],
        dtype=bool,
    )
    edges = texts.run_edges(bounds)
    assert texts.run_edges(bounds) is edges  # made once per form table
    found = guards.pinyin_runs_ok(canon, getattr(texts, bounds), edges, text, start, end, syllables)
    assert found.tolist() == expected.tolist()
    assert len(expected) > 500 and expected.any() and not expected.all()
    none = np.zeros(0, dtype=np.int64)
    assert guards.pinyin_runs_ok(canon, getattr(texts, bounds), edges, none, none, none, none).size == 0
