"""Normalization steps, one small function each, and the batch helper that derives every form at once."""

from __future__ import annotations

from importlib import resources

import pytest

from detector.normalize import (
    FORM_COLUMNS,
    canonical,
    canonical_list,
    derive_forms,
    fold_case,
    fold_lookalikes,
    fold_visual,
    mark_separators,
    nfkc,
    pinyin_initials,
    pinyin_key,
    pinyin_keys,
    pinyin_toneless,
    spaced,
    spaced_many,
    spelled,
    split_scripts,
    strip_separators,
    to_halfwidth,
    to_simplified,
    visual_groups,
)
from detector.normalize.visual import load_pairs


def test_nfkc_folds_compatibility_forms_and_drops_trademark_notices():
    assert nfkc("①ﬁ") == "1fi"
    assert nfkc("NIKE™") == "NIKE "
    assert nfkc("\u2f08") == "人"  # Kangxi radical PERSON


def test_halfwidth():
    assert to_halfwidth("ＮＩＫＥ　２０２２！") == "NIKE 2022!"
    assert to_halfwidth("冰墩墩") == "冰墩墩"


def test_fold_case():
    assert fold_case("NIKE") == "nike"
    assert fold_case("Straße") == fold_case("STRASSE")


def test_strip_and_mark_separators():
    assert strip_separators("Bing-Dun·Dun 2022!") == "BingDunDun2022"
    assert strip_separators("冰 墩 墩") == "冰墩墩"
    assert mark_separators("bing-dun·dun  2022") == "bing dun dun 2022"
    assert mark_separators("冰墩墩bingdundun") == "冰墩墩 bingdundun"
    assert mark_separators("nike2022") == "nike 2022"


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("鍾南山", "钟南山"),
        ("冬奧會", "冬奥会"),
        ("一起向未來", "一起向未来"),
        ("谷愛凌", "谷爱凌"),
        ("雪容融", "雪容融"),
        ("火神山", "火神山"),
    ],
)
def test_to_simplified(traditional, simplified):
    assert to_simplified(traditional) == simplified


@pytest.mark.parametrize(
    ("raw", "canon"),
    [
        ("ＮＩＫＥ", "nike"),
        ("NIKE®", "nike"),
        ("冰 墩 墩", "冰墩墩"),
        ("Bing-Dun-Dun", "bingdundun"),
        ("鍾南山", "钟南山"),
        ("冬奧會！", "冬奥会"),
        ("", ""),
    ],
)
def test_canonical(raw, canon):
    assert canonical(raw) == canon


def test_canonical_list_equals_canonical_text_by_text(monkeypatch):
    from detector.normalize import canonical_form

    texts = ["冰墩墩 BINGDUNDUN", "Nike-Air\n2022", "ＡＢＣ\r\n冰", "", "鍾南山", "™ 華為", "\u2028長城", "头发", "發"]
    assert canonical_list(texts) == [canonical(t) for t in texts]
    monkeypatch.setattr(canonical_form, "JOIN_TEXTS", 2)  # several passes, one of a single text
    assert canonical_list(texts) == [canonical(t) for t in texts]
    assert canonical_list([]) == []


def test_spaced_is_canonical_with_boundaries():
    texts = ["冰墩墩 BINGDUNDUN", "Nike-Air 2022", "ＡＢＣ\n冰", "", "鍾南山"]
    assert [s.replace(" ", "") for s in spaced_many(texts)] == [canonical(t) for t in texts]
    assert spaced_many(texts) == [spaced(t) for t in texts]


def test_pinyin_toneless_uses_phrase_readings():
    assert pinyin_toneless("冰墩墩") == ["bing", "dun", "dun"]
    assert pinyin_toneless("重庆") == ["chong", "qing"]
    assert pinyin_toneless("银行") == ["yin", "hang"]
    assert pinyin_toneless("绿") == ["lv"]


def test_pinyin_key_format_and_tones():
    assert pinyin_key("冰墩墩2022") == " bing dun dun 2022 "
    assert pinyin_key("Bing Dun-Dun") == " bing dun dun "
    assert pinyin_key("天问", tones=True) == " tian1 wen4 "
    assert pinyin_key("天闻", tones=True) == " tian1 wen2 "
    assert pinyin_key("") == " "


def test_pinyin_keys_batch_equals_single():
    texts = ["重庆银行", "冰墩墩", "", "长城 NIKE", "行长"] * 20
    assert pinyin_keys(texts) == [pinyin_key(t) for t in texts]


def test_pinyin_initials_and_spelled():
    assert pinyin_initials("冰墩墩") == "bdd"
    assert pinyin_initials("冰墩墩 BDD") == "bdd"
    assert spelled(pinyin_key("冰墩墩")) == "bingdundun"


def test_split_scripts():
    assert split_scripts("冰墩墩bingdundun") == ("冰墩墩", "bingdundun")
    assert split_scripts("北京2022") == ("北京", "2022")
    assert split_scripts("nike") == ("", "nike")


@pytest.mark.parametrize(
    ("disguised", "original"),
    [
        ("g00gle", "google"),
        ("nlke", "nike"),
        ("adldas", "adidas"),
        ("tirnberland", "timberland"),
        ("vvolf", "wolf"),
        ("nіke", "nike"),
        ("5ony", "sony"),
    ],
)
def test_fold_lookalikes(disguised, original):
    assert fold_lookalikes(disguised) == fold_lookalikes(original)


def test_fold_lookalikes_keeps_different_words_apart():
    assert fold_lookalikes("nike") != fold_lookalikes("nuke")
    assert fold_lookalikes("冰墩墩") == "冰墩墩"


@pytest.mark.parametrize(
    ("copy", "original"),
    [("雷碧", "雪碧"), ("康帅傅", "康师傅"), ("冰敦敦", "冰墩墩"), ("一起向末来", "一起向未来"), ("粤利粤", "奥利奥")],
)
def test_fold_visual(copy, original):
    assert fold_visual(copy) == fold_visual(original)


@pytest.mark.parametrize(("a", "b"), [("天问", "天闻"), ("小米", "小麦"), ("冰箱", "冰墩")])
def test_fold_visual_keeps_unrelated_characters_apart(a, b):
    assert fold_visual(a) != fold_visual(b)


def test_visual_table_is_documented_and_small():
    text = resources.files("detector.normalize").joinpath("data/visual_chars.tsv").read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("Source and method" in line for line in header)
    pairs = load_pairs()
    assert pairs and all(a != b and len(a) == 1 and len(b) == 1 and note for a, b, note in pairs)
    sizes: dict[str, int] = {}
    for rep in visual_groups().values():
        sizes[rep] = sizes.get(rep, 0) + 1
    assert max(sizes.values()) <= 5


def test_derive_forms_keeps_raw_next_to_every_form():
    texts = ["冰墩墩 BINGDUNDUN", "ＮＩＫＥ", "鍾南山", "", "冰墩墩 SPORT"]
    forms = derive_forms(texts)
    assert list(forms.columns) == FORM_COLUMNS
    assert forms["raw"].tolist() == texts
    assert forms["canon"].tolist() == [canonical(t) for t in texts]
    assert forms["core"].tolist() == ["冰墩墩", "nike", "钟南山", "", "冰墩墩sport"]
    assert forms.loc[2, "pinyin"] == " zhong nan shan "
    assert forms.loc[0, "initials"] == "bdd"
    assert forms.loc[1, "latin_fold"] == "nlke"


def test_pinyin_syllables_of_letter_runs():
    from detector.normalize import syllables

    assert syllables.count("hongqianxing") == 3
    assert syllables.count("bingdundun") == 3
    assert syllables.count("xian") == 1
    assert syllables.count("nike") == 2 and syllables.count("nikepro") == -1
    assert syllables.count("google") == -1 and syllables.count("") == 0
    assert not syllables.is_pinyin("m") and not syllables.is_pinyin("ng")  # interjections left out
    assert syllables.on_edges("hongqianxing", 0, 4)  # hong
    assert not syllables.on_edges("hongqianxing", 0, 6)  # hongqi|anxing: no cut before a vowel
    assert syllables.on_edges("suyimingfushi", 0, 8)
    assert not syllables.on_edges("xiaomian", 0, 6)


def test_dictionary_words_of_a_han_run():
    from detector.normalize import lexicon

    assert lexicon.is_token("马龙乒乓", 0, 2)
    assert not lexicon.is_token("斑马龙头", 1, 3)
    assert not lexicon.is_token("新冠军", 0, 2)
    assert lexicon.is_token("华为之家", 0, 2)
    assert lexicon.is_token("北京烤鸭", 0, 2)
    assert lexicon.is_token("小米手机", 0, 2)
    if lexicon.source() == "jieba":
        assert not lexicon.is_token("新会员", 0, 2)
        assert {"天文", "终南山", "梦想"} <= lexicon.words()
