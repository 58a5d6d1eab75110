"""given_name match method: a distinctive given name with only generic affixes around it; near misses stay clear."""

import pandas as pd

from detector.match import Matcher
from detector.match.methods.given_name import given_name_of


def test_given_names():
    assert given_name_of("谷爱凌") == "爱凌"
    assert given_name_of("苏翊鸣") == "翊鸣"
    assert given_name_of("隋文静") == ""  # 文静 is a word (quiet)
    assert given_name_of("王建国") == ""  # a common given name that is a word
    assert given_name_of("欧阳娜") == ""  # compound surname
    assert given_name_of("丁真") == ""  # two characters: no given name to take


def test_affixed_given_name_matches_and_near_misses_do_not():
    m = Matcher(pd.DataFrame({"term_id": ["a", "b", "c"], "term": ["谷爱凌", "苏翊鸣", "隋文静"]}))
    texts = [
        "爱凌公主",
        "我的翊鸣",
        "翊鸣宝贝",
        "文静公主",
        "爱凌",
        "凌霄花开",
        "谷爱凌公主",
        "爱凌霄汉",
        "翊鸣科技有限",
    ]
    hits = m.match(texts, ["given_name"], 90)
    assert sorted(zip(hits["text_idx"], hits["term_id"])) == [(0, "a"), (1, "b"), (2, "b")]
