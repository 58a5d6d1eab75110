"""Matcher.match keeps each method's candidates on the PreparedTexts it matched (PreparedTexts.found): a list asked
again with fewer methods or another threshold (the rules ask famous marks at 85 with every method, then at 95 with
four) reads them instead of finding them again; and the methods keep what they derive from the texts alone on the
texts' FormTable (FormTable.memo: row subsets, folds, joined strings, indexed values, the edit items), which
the next list reads. Every answer must be the one a fresh match gives."""

from __future__ import annotations

import pandas as pd
import pytest

from detector.match import METHODS, Matcher, PreparedTexts, method_class

TERMS = {
    "FAM-1": "康师傅",
    "FAM-2": "雪碧",
    "FAM-3": "NIKE",
    "FAM-4": "阿里巴巴集团",
    "FAM-5": "TIMBERLAND",
    "FAM-6": "六个核桃",
    "OLY-1": "冰墩墩",
    "PER-1": "谷爱凌",
}
TEXTS = [
    "康帅傅",  # visual
    "雪碧饮料",  # contains
    "xuebi",  # pinyin
    "NIKEE",  # latin / edit
    "阿里巴巴集困",  # edit (one of six characters)
    "TIMBERLAN",  # edit
    "六个核桃",  # exact
    "冰墩墩宝贝",  # contains
    "bingdundun",  # pinyin
    "谷爱凌家族",
    "春风",  # nothing
    "康师傅",
]
# The asks of one partition in turn, as the rules make them: every method at 85, a subset at 95, every method at 90.
ASKS = [(list(METHODS), 85), (["exact", "latin", "visual", "pinyin"], 95), (list(METHODS), 90), (["edit"], 85)]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(pd.DataFrame({"term_id": list(TERMS), "term": list(TERMS.values())}))


def test_asks_again_answer_as_fresh_matches(matcher):
    prepared = PreparedTexts(TEXTS)
    for methods, threshold in ASKS:
        again = matcher.match(prepared, methods, threshold)
        fresh = matcher.match(PreparedTexts(TEXTS), methods, threshold)
        pd.testing.assert_frame_equal(again, fresh)
    assert len(matcher.match(PreparedTexts(TEXTS), list(METHODS), 85)) >= 8  # the texts do match: a real check


def test_each_method_found_once_per_threshold_it_reads(matcher, monkeypatch):
    calls: list[tuple[str, int]] = []
    for name in METHODS:
        cls = method_class(name)
        original = cls.find

        def counted(self, ctx, original=original, name=name):
            calls.append((name, ctx.min_similarity))
            return original(self, ctx)

        monkeypatch.setattr(cls, "find", counted)
    prepared = PreparedTexts(TEXTS)
    for methods, threshold in ASKS:
        matcher.match(prepared, methods, threshold)
    found = sorted(name for name, _ in calls)
    # edit reads the threshold (its radius): found at 85 and at 90; every other method once.
    assert found == sorted([*METHODS, "edit"])
    assert sorted(t for name, t in calls if name == "edit") == [85, 90]
    other = Matcher(pd.DataFrame({"term_id": ["X"], "term": ["康师傅"]}))
    other.match(prepared, ["exact"], 85)  # another list's terms: found for them
    assert calls[-1] == ("exact", 85)


OTHER = {"PER-2": "钟南山", "EMG-1": "雷神山", "FAM-9": "阿迪达斯三叶草", "FAM-10": "TIMBERLANDS", "FAM-11": "雪碧"}


def test_lists_matched_in_turn_answer_as_each_alone(matcher):
    """Two lists matched in turn on one PreparedTexts (the texts' memo filled by the first), in both orders."""
    other = Matcher(pd.DataFrame({"term_id": list(OTHER), "term": list(OTHER.values())}))
    texts = [
        *TEXTS,
        "钟南山牌",
        "雷坤山",
        "阿迪达斯三叶艹",
        "TIMBERLANDZ",
        "雪碧",
        "兵敦敦乐园",
        "谷艾玲家族",
        "NIKE SPORT",
        "NlKE",
        "NlKE STORE",
    ]
    for first, second in ((matcher, other), (other, matcher)):
        prepared = PreparedTexts(texts)
        for methods, threshold in ASKS:
            for m in (first, second):
                alone = m.match(PreparedTexts(texts), methods, threshold)
                pd.testing.assert_frame_equal(m.match(prepared, methods, threshold), alone)
        assert prepared.forms.memo(("edit items",), lambda: None) is not None  # the texts' side was kept
        # Each method alone on fresh texts (nothing else derived from them first) against what the shared texts
        # found while every method and both lists filled their memo.
        for method in METHODS:
            for m in (first, second):
                alone = m.match(PreparedTexts(texts), [method], 85)
                pd.testing.assert_frame_equal(m.match(prepared, [method], 85), alone)
    assert len(other.match(PreparedTexts(texts), list(METHODS), 85)) >= 4
    for method in ("exact", "contains", "pinyin_contains", "visual", "latin", "edit"):  # each texts' memo is read
        assert len(matcher.match(PreparedTexts(texts), [method], 85)), method
