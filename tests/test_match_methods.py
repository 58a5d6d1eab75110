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
    # real names and signs whose short forms collide with ordinary names and words (the false-positive side)
    "CHB-1": "苏翊鸣",
    "CHB-2": "翊鸣",
    "CHB-3": "Su Yiming",
    "CHT-1": "马龙",
    "CHT-2": "陈梦",
    "EMG-3": "抗疫",
    "EMG-4": "新冠",
    "FAM-12": "Xiaomi",
    "FAM-13": "Hongqi",
    "FAM-14": "华为",
    "FAM-15": "TCL",
    "PLC-2": "新会",
    "PLC-3": "江门",
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
    ("NIKE-PRO", "FAM-2", "contains"),
    ("冰墩墩 Bing Dwen Dwen", "OLY-1", "contains"),
    ("冰敦敦", "OLY-1", "pinyin"),
    ("雷神扇", "EMG-1", "pinyin"),
    ("火神删", "EMG-2", "pinyin"),
    ("BINGDUNDUN", "OLY-1", "pinyin"),
    ("bing dun dun", "OLY-1", "pinyin"),
    ("Bing-Dun-Dun", "OLY-1", "pinyin"),
    ("XUERONGRONG", "OLY-2", "pinyin"),
    ("钟南珊", "PER-2", "pinyin"),
    ("苏逸鸣", "CHB-1", "pinyin"),
    ("SU YIMING", "CHB-1", "pinyin"),
    ("SUYIMING", "CHB-1", "pinyin"),
    ("苏逸鸣服饰", "CHB-1", "pinyin_contains"),
    ("SUYIMINGFUSHI", "CHB-3", "contains"),
    ("SUYIMING STORE", "CHB-3", "contains"),
    ("马龙乒乓", "CHT-1", "contains"),
    ("华为之家", "FAM-14", "contains"),
    ("抗疫英雄", "EMG-3", "contains"),
    ("HONGQI CAR", "FAM-13", "contains"),
    ("冰敦敦宝贝", "OLY-1", "pinyin_contains"),
    ("BINGDUNDUN STORE", "OLY-1", "pinyin_contains"),
    ("XIAOMI PHONE", "FAM-12", "contains"),
    ("XIAOMIPHONE", "FAM-12", "contains"),
    ("SUYIMINGFUSHI", "CHB-1", "pinyin_contains"),
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
    ("NIKEPRO", "FAM-2", "4-letter Latin term fused to a word: needs both boundaries (AUDI/AUDIO, SONY/SONYA)"),
    ("MILANO", "FAM-9", "spelled pinyin of a 2-syllable term"),
    ("TIANWENHUA", "PRJ-1", "spelled pinyin of a 2-syllable term inside a longer Latin word"),
    ("TIANWEN", "PRJ-1", "spelled pinyin of a 2-syllable term: also 天文, astronomy"),
    # a two-syllable spelling counts beside an English word only as a word of its own (test_match_recall.py:
    # XIAOMI PHONE, HUAWEI SMART); fused into one word it does not
    (
        "XIAOMIPHONE",
        "FAM-1",
        "spelled pinyin of a 2-syllable Han term fused into a word (the alias Xiaomi is evidence)",
    ),
    # two-syllable homophones are ordinary given names and brand words
    ("易铭", "CHB-2", "yì míng, same tones: a common given name"),
    ("逸铭", "CHB-2", "yì míng, same tones: a common given name"),
    ("逸明", "CHB-2", "a common given name"),
    ("YIMING", "CHB-2", "spelled pinyin of a 2-syllable term"),
    ("康怡", "EMG-3", "kang yi: an ordinary brand word"),
    ("佳怡", "EMG-3", "unrelated given name"),
    ("KANGYI", "EMG-3", "the pinyin of 康怡 as much as of 抗疫"),
    ("KANG YI", "EMG-3", "spaced pinyin of a 2-syllable term"),
    ("KANGYIPHARMA", "EMG-3", "spelled pinyin of a 2-syllable term fused into a longer word"),
    ("KANGYI YAOYE", "EMG-3", "spelled pinyin of a 2-syllable term beside more pinyin, no English word"),
    ("雷峰", "FAM-1", "unrelated"),
    # Latin terms inside pinyin runs must be whole syllables, and 3+ of them
    ("HONGQIANXING", "FAM-13", "hong|qian|xing: Hongqi straddles a syllable"),
    ("HONGQIXING", "FAM-13", "a 2-syllable pinyin term inside a longer pinyin run"),
    ("XIAOMIAN", "FAM-12", "xiao|mian (小面): Xiaomi straddles a syllable"),
    ("SUYIMINGAN", "CHB-3", "su|yi|ming|an is not cut before a vowel: su|yi|min|gan"),
    # two-character Han terms inside longer words
    ("斑马龙头", "CHT-1", "斑马|龙头: 马龙 straddles two words"),
    ("新冠军", "EMG-4", "新|冠军: a new champion"),
    ("陈梦想", "CHT-2", "陈|梦想"),
    ("新会员", "PLC-2", "新|会员: place name inside a common word"),
    ("浙江门业", "PLC-3", "浙江|门业: place name across two words"),
    # edit distance at length 2-3
    ("TCK", "FAM-15", "one letter changed in a 3-letter mark"),
    ("NIKI", "FAM-2", "one letter changed in a 4-letter mark"),
    ("雷神庙", "EMG-1", "one character changed in a 3-character mark"),
    ("冰墩", "OLY-1", "one character dropped from a 3-character term"),
    ("六个核挑", "LONG-1", "one change in a 4-character mark is another mark"),
    ("NUKE", "FAM-2", "one letter changed in a 4-letter mark"),
    ("冬天", "ONE-1", "unrelated"),
]


@pytest.mark.parametrize(("text", "term_id", "why"), NEGATIVE)
def test_near_miss_does_not_match(matcher, text, term_id, why):
    assert term_id not in best(matcher, text, min_similarity=0), why


def test_short_terms_need_more_than_sound(matcher):
    """A two-syllable term is never matched by sound alone, whatever the method; three syllables are."""
    for text in ("易铭", "逸铭", "YIMING", "yi ming", "翌铭"):
        assert "CHB-2" not in best(matcher, text, ["pinyin", "pinyin_contains", "edit"], 0)
    for text in ("康怡", "KANGYI", "抗议"):
        assert "EMG-3" not in best(matcher, text, METHODS, 0)
    assert best(matcher, "苏逸鸣", ["pinyin"], 0)["CHB-1"][0] == "pinyin"
    assert best(matcher, "钟南珊", ["pinyin"], 0)["PER-2"][0] == "pinyin"
    assert best(matcher, "谷愛凌", ["exact"], 0)["PER-1"][0] == "exact"
    assert best(matcher, "翊鸣", ["exact"], 0)["CHB-2"][0] == "exact"
    assert best(matcher, "翊鳴", ["exact"], 0)["CHB-2"][0] == "exact"


def test_distinctive_terms_may_match_by_sound():
    """Terms marked distinctive (a coined word, a nickname tied to one person) get the two-syllable sound path back,
    with its own guards: same tones, not a dictionary word, spelled pinyin only with both word boundaries."""
    terms = pd.DataFrame({"term_id": ["a", "b"], "term": ["翊鸣", "抗疫"], "distinctive": [True, None]})
    m = Matcher(terms)
    out = m.match(["逸鸣", "YIMING", "YIMING SPORT", "YIMINGSHI", "KANGYI", "一鸣", "翊明"], METHODS, 85)
    got = set(zip(out["text_idx"], out["term_id"]))
    assert got == {(0, "a"), (1, "a"), (2, "a"), (6, "a")}


def test_one_character_term_matches_only_as_the_whole_mark(matcher):
    assert best(matcher, "奥")["ONE-1"][0] == "exact"
    for method in ("contains", "pinyin", "pinyin_contains", "edit", "visual", "latin"):
        assert "ONE-1" not in best(matcher, "奥运", [method], 0)
        assert "ONE-1" not in best(matcher, "澳", [method], 0)


def test_edit_is_length_aware(matcher):
    for text, term_id in [
        ("小米米", "FAM-1"),
        ("TCK", "FAM-15"),
        ("TC", "FAM-15"),
        ("NIKI", "FAM-2"),
        ("冰墩", "OLY-1"),
        ("雷神庙", "EMG-1"),
    ]:
        assert term_id not in best(matcher, text, ["edit"], 0), text
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
    assert list(out.columns) == ["text_idx", "term_id", "method", "similarity", "matched", "term_row"]
    assert str(out["text_idx"].dtype) == "int64" and str(out["similarity"].dtype) == "int64"
    assert out["text_idx"].tolist() == [0, 3, 4]
    assert out["matched"].tolist() == ["冰敦敦", "nike", "冰敦敦"]
    # term_row points back at the term's row of the terms table the Matcher was built from.
    ids = list(TERMS)
    assert [ids[r] for r in out["term_row"]] == out["term_id"].tolist()


def test_empty_inputs(matcher):
    assert matcher.match([], METHODS, 80).empty
    assert Matcher(pd.DataFrame({"term_id": [], "term": []})).match(["冰墩墩"], METHODS, 80).empty
