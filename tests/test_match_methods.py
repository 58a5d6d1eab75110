"""Each match method on real disguises, and the near-misses that must not match (the false-positive side)."""

from __future__ import annotations

import pandas as pd
import pytest

from detector.match import METHODS, Matcher, describe_method, method_class

TERMS = {
    "OLY-1": "冰墩墩",
    "OLY-2": "雪容融",
    "OLY-3": "一起向未来",
    "OLY-4": "冬奥会",
    "PER-1": "谷爱凌",
    "PER-2": "钟南山",
    "EMG-1": "雷神山",
    "EMG-2": "火神山",
    "PRJ-1": "天问",
    "PLC-1": "北京",
    "FAM-1": "小米",
    "FAM-2": "NIKE",
    "FAM-3": "GOOGLE",
    "FAM-4": "ADIDAS",
    "FAM-5": "康师傅",
    "FAM-6": "雪碧",
    "FAM-7": "TIMBERLAND",
    "FAM-8": "ADIDAS ORIGINALS",
    "FAM-9": "米兰",
    "FAM-10": "LV",
    "FAM-11": "期终",
    "ONE-1": "奥",
    "ONE-2": "凌",
    "LONG-1": "六个核桃",
}


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(pd.DataFrame({"term_id": list(TERMS), "term": list(TERMS.values())}))


def best(matcher: Matcher, text: str, methods=METHODS, min_similarity: int = 85) -> dict[str, tuple[str, int, str]]:
    out = matcher.match([text], list(methods), min_similarity)
    return {r.term_id: (r.method, r.similarity, r.matched) for r in out.itertuples()}


POSITIVE = [
    # (mark, term id, best method)
    ("冰墩墩", "OLY-1", "exact"),
    ("冰 墩 墩", "OLY-1", "exact"),
    ("ＮＩＫＥ", "FAM-2", "exact"),
    ("nike", "FAM-2", "exact"),
    ("鍾南山", "PER-2", "exact"),
    ("冬奧會", "OLY-4", "exact"),
    ("一起向未來", "OLY-3", "exact"),
    ("谷愛凌", "PER-1", "exact"),
    ("冰墩墩 BINGDUNDUN", "OLY-1", "exact"),
    ("BINGDUNDUN 冰墩墩", "OLY-1", "exact"),
    ("冰墩墩宝贝", "OLY-1", "contains"),
    ("谷爱凌家族", "PER-1", "contains"),
    ("冰墩墩雪容融", "OLY-1", "contains"),
    ("冰墩墩雪容融", "OLY-2", "contains"),
    ("北京烤鸭", "PLC-1", "contains"),
    ("NIKE AIR", "FAM-2", "contains"),
    ("冰墩墩 Bing Dwen Dwen", "OLY-1", "contains"),
    ("冰敦敦", "OLY-1", "pinyin"),
    ("雷神扇", "EMG-1", "pinyin"),
    ("火神删", "EMG-2", "pinyin"),
    ("BINGDUNDUN", "OLY-1", "pinyin"),
    ("bing dun dun", "OLY-1", "pinyin"),
    ("Bing-Dun-Dun", "OLY-1", "pinyin"),
    ("XUERONGRONG", "OLY-2", "pinyin"),
    ("TIANWEN", "PRJ-1", "pinyin"),
    ("冰敦敦宝贝", "OLY-1", "pinyin_contains"),
    ("BINGDUNDUN STORE", "OLY-1", "pinyin_contains"),
    ("XIAOMI PHONE", "FAM-1", "pinyin_contains"),
    ("爱心雷神扇", "EMG-1", "pinyin_contains"),
    ("BINDUNDUN", "OLY-1", "edit"),
    ("ADIDAS ORIGNALS", "FAM-8", "edit"),
    ("一起向末来", "OLY-3", "visual"),
    ("康帅傅", "FAM-5", "visual"),
    ("雷碧", "FAM-6", "visual"),
    ("康帅傅方便面", "FAM-5", "visual"),
    ("G00GLE", "FAM-3", "latin"),
    ("NlKE", "FAM-2", "latin"),
    ("ADlDAS", "FAM-4", "latin"),
    ("TIRNBERLAND", "FAM-7", "latin"),
    ("G00GLE PLAY", "FAM-3", "latin"),
]


@pytest.mark.parametrize(("text", "term_id", "method"), POSITIVE)
def test_disguise_is_seen_through(matcher, text, term_id, method):
    hits = best(matcher, text)
    assert term_id in hits, f"{text!r} should match {TERMS[term_id]!r}"
    assert hits[term_id][0] == method
    assert 85 <= hits[term_id][1] <= 100


@pytest.mark.parametrize(("text", "term_id", "method"), POSITIVE)
def test_the_method_alone_finds_it(matcher, text, term_id, method):
    assert best(matcher, text, [method])[term_id][0] == method


NEGATIVE = [
    # (mark, term id that must NOT match, why)
    ("冰箱", "OLY-1", "shares one character"),
    ("雷神", "EMG-1", "a prefix is not the mark"),
    ("雪容", "OLY-2", "a prefix is not the mark"),
    ("天闻", "PRJ-1", "2-character mark, one character changed (and another tone)"),
    ("小麦", "FAM-1", "2-character mark, one character changed"),
    ("小蜜", "FAM-1", "toneless homophone of a 2-character term, different tones"),
    ("期中", "FAM-11", "same tones, but the mark is itself a dictionary word"),
    ("奥利奥", "ONE-1", "one-character term inside a word"),
    ("凌云", "ONE-2", "one-character term inside a word"),
    ("SILVER", "FAM-10", "2-letter Latin term inside a word"),
    ("SNIKERS", "FAM-2", "4-letter Latin term inside a word"),
    ("MILANO", "FAM-9", "spelled pinyin of a 2-syllable term needs both word boundaries"),
    ("TIANWENHUA", "PRJ-1", "spelled pinyin of a 2-syllable term inside a longer Latin word"),
    ("六个核挑", "LONG-1", "one change in a 4-character mark is another mark"),
    ("NUKE", "FAM-2", "one letter changed in a 4-letter mark"),
    ("冬天", "ONE-1", "unrelated"),
]


@pytest.mark.parametrize(("text", "term_id", "why"), NEGATIVE)
def test_near_miss_does_not_match(matcher, text, term_id, why):
    assert term_id not in best(matcher, text, min_similarity=0), why


def test_one_character_term_matches_only_as_the_whole_mark(matcher):
    assert best(matcher, "奥")["ONE-1"][0] == "exact"
    for method in ("contains", "pinyin", "pinyin_contains", "edit", "visual", "latin"):
        assert "ONE-1" not in best(matcher, "奥运", [method], 0)
        assert "ONE-1" not in best(matcher, "澳", [method], 0)


def test_edit_is_length_aware(matcher):
    assert "PRJ-1" not in best(matcher, "天闻", ["edit"], 0)
    assert "LONG-1" not in best(matcher, "六个核挑", ["edit"], 0)
    assert best(matcher, "一起向末来", ["edit"], 0)["OLY-3"][1] == 80


def test_similarity_orders_evidence(matcher):
    assert best(matcher, "冰墩墩")["OLY-1"][1] == 100
    assert best(matcher, "冰敦敦")["OLY-1"][1] == 95
    short_suffix = best(matcher, "冰墩墩宝贝")["OLY-1"][1]
    long_suffix = best(matcher, "冰墩墩宝贝玩具专卖旗舰店")["OLY-1"][1]
    assert 90 <= long_suffix < short_suffix < 100


def test_min_similarity_filters(matcher):
    assert "OLY-1" in best(matcher, "冰墩墩宝贝", min_similarity=90)
    assert "OLY-1" not in best(matcher, "冰墩墩宝贝", min_similarity=99)


def test_per_term_min_similarity_tightens():
    terms = pd.DataFrame({"term_id": ["a", "b"], "term": ["北京", "冰墩墩"], "min_similarity": [100, None]})
    out = Matcher(terms).match(["北京烤鸭", "北京", "冰墩墩宝贝"], METHODS, 85)
    assert list(zip(out["text_idx"], out["term_id"])) == [(1, "a"), (2, "b")]


def test_methods_describe_themselves():
    for name in METHODS:
        assert method_class(name).name == name
        assert describe_method(name, "en") and describe_method(name, "zh")
        assert any("\u4e00" <= c <= "\u9fff" for c in describe_method(name, "zh"))


def test_unknown_method_is_an_error(matcher):
    with pytest.raises(ValueError, match="unknown match method 'soundex'"):
        matcher.match(["x"], ["exact", "soundex"], 80)


def test_result_contract(matcher):
    out = matcher.match(["冰敦敦宝贝", "", None, "NIKE", "冰敦敦宝贝"], METHODS, 85)
    assert list(out.columns) == ["text_idx", "term_id", "method", "similarity", "matched"]
    assert str(out["text_idx"].dtype) == "int64" and str(out["similarity"].dtype) == "int64"
    assert out["text_idx"].tolist() == [0, 3, 4]
    assert out["matched"].tolist() == ["冰敦敦", "nike", "冰敦敦"]


def test_empty_inputs(matcher):
    assert matcher.match([], METHODS, 80).empty
    assert Matcher(pd.DataFrame({"term_id": [], "term": []})).match(["冰墩墩"], METHODS, 80).empty
