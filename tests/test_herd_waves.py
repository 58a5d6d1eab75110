"""Herds and waves from the batch alone (issue 15, part 5): strangers filing one trending term, or variants of it,
within days (2021 action plan and 2022 notice: chasing hot topics, 蹭热点; domain.md §3: "file variants of a trending
phrase rather than the phrase"). Near misses that must stay clear: everyday words and generic affixes filed by many
unrelated firms, a short word inside long shop names, identical marks years apart, one group's members, a busy
agency's clients filing common words.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.engines import make_executor
from detector.metrics.filing.wave_terms import TermRules, core_of, everyday_words, term_pairs
from detector.pipeline.plan import run_plan
from detector.pipeline.progress import Progress
from detector.pipeline.request import ScreenRequest
from detector.pipeline.result import ScreenResult
from detector.rules.load import load_ruleset


@pytest.fixture(scope="module")
def rules() -> TermRules:
    ruleset, _, _ = load_ruleset()
    return TermRules(ruleset.lists)


@pytest.mark.parametrize(
    "mark, core",
    [
        ("冰墩墩宝贝", "冰墩墩"),  # domain.md §3 suffix
        ("我的冰墩墩", "冰墩墩"),
        ("冰墩墩家族", "冰墩墩"),
        ("三星堆火锅", "三星堆"),  # a generic goods name (generic_terms.yaml)
        ("丁真的世界", "丁真"),
        ("雄安新区", "雄安"),
        ("小米", "小米"),  # stripping 小 would leave one character
        ("优选", "优选"),
    ],
)
def test_core_of(rules, mark, core):
    assert core_of(mark, rules.prefixes, rules.suffixes) == core


def test_everyday_words_are_never_a_term(rules):
    words = everyday_words()
    assert {"阳光", "科技", "幸福", "世界"} <= words
    assert not {"天问", "三星堆", "丁真", "雄安", "冰墩墩"} & words
    assert not rules.usable("阳光") and not rules.usable("优选") and not rules.usable("火锅")
    assert rules.usable("三星堆") and rules.usable("bingdwendwen") and not rules.usable("abc")


def test_a_term_must_make_up_40_percent_of_each_mark(rules):
    marks = np.array(["星途", "星途旅行", "星途国际旅行社", "丁真的世界"], dtype=object)
    pairs = term_pairs(marks, rules)
    got = {(marks[m], t) for m, t in zip(pairs["mark"], pairs["term"])}
    assert ("星途旅行", "星途") in got and ("丁真的世界", "丁真") in got
    assert ("星途国际旅行社", "星途") not in got  # 2 of 7 characters


def _screen(filings: list[dict], applicants: list[dict] | None = None, jobs: int = 1, partition_filings=None):
    for i, f in enumerate(filings):
        f.setdefault("filing_id", f"F{i:03d}")
    records = {"filings": filings, "applicants": applicants, "source": "test"}
    result = ScreenResult(
        ScreenRequest(records=records, lang="en"),
        make_executor("pandas", jobs=jobs, partition_filings=partition_filings),
        Progress(quiet=True),
    )
    run_plan(result)
    return result


def _herd(result) -> dict[str, bool]:
    """Applicant name -> HERD-001 reached it."""
    names = result.scores["applicant_name"].tolist()
    hit = {names[c.app] for c in result.hits.contributions if c.rule_id == "HERD-001"}
    return {n: n in hit for n in names}


def _wave(marks: list[str], start_day: int = 1, gap: int = 2, names: list[str] | None = None) -> list[dict]:
    names = names or [f"{'甲乙丙丁戊己庚辛'[i]}市某某贸易有限公司" for i in range(len(marks))]
    return [
        {"mark_text": m, "nice_class": str(9 + i), "filing_date": f"2021-03-{start_day + i * gap:02d}",
         "applicant_name": n}
        for i, (m, n) in enumerate(zip(marks, names))
    ]  # fmt: skip


def test_variants_of_one_term_are_a_wave_without_a_register():
    result = _screen(_wave(["三星堆火锅", "三星堆文明使者", "三星堆宝贝", "三星堆面具", "三星堆之光", "三星堆"]))
    assert all(_herd(result).values())
    fm = result.filing_metrics
    assert set(fm["wave_term"]) == {"三星堆"} and set(fm["wave_applicants"]) == {5}
    members = fm.loc[fm["mark_text"] == "三星堆火锅", "wave_members"].iloc[0]
    assert "乙市某某贸易有限公司 2021-03-03 三星堆文明使者" in members and members.count(";") == 4


def test_a_wave_with_no_bare_term():
    result = _screen(_wave(["冰墩墩宝贝", "冰墩墩家族", "我的冰墩墩", "冰墩墩玩偶", "冰墩墩糖"]))
    assert set(result.filing_metrics["wave_term"]) == {"冰墩墩"}


@pytest.mark.parametrize(
    "marks",
    [
        ["阳光"] * 6,  # an everyday word
        ["绿野优选", "鲜果优选", "禾苗优选", "木槿优选", "茶屿优选", "童趣优选", "优选"],  # a generic suffix
        ["老王记烧烤", "李记烧烤", "阿强记烧烤", "胖哥记烧烤", "陈记烧烤"],  # shop names around a goods name
        ["星途国际旅行社", "星途教育培训中心", "星途汽车维修服务", "星途家居装饰设计", "星途电子商务公司"],
        ["幸福", "快乐", "阳光", "美好", "幸福", "快乐", "阳光", "美好"],  # common words
    ],
)
def test_near_misses_stay_clear(marks):
    assert not any(_herd(_screen(_wave(marks, gap=1))).values())


def test_four_strangers_are_below_the_line_and_years_apart_is_no_wave():
    assert not any(_herd(_screen(_wave(["天问一号", "天问之旅", "天问科技", "天问"]))).values())
    far = [
        {"mark_text": "金鹰奇", "nice_class": "9", "filing_date": f"{2015 + 2 * i}-03-01", "applicant_name": f"公司{i}"}
        for i in range(6)
    ]
    assert not any(_herd(_screen(far)).values())


def test_linked_applicants_count_as_one():
    """Five firms sharing one phone, e-mail and legal representative file the same new term: one actor, no herd."""
    apps = [
        {"applicant_id": f"G{i}", "name": f"{'东南西北中'[i]}城宏达贸易有限公司", "entity_type": "company",
         "phone": "13800000001", "email": "ip@hongda.example", "legal_representative": "张建国"}
        for i in range(5)
    ]  # fmt: skip
    filings = [
        {
            "mark_text": "元宇宙星球",
            "nice_class": str(9 + i),
            "filing_date": f"2021-11-0{1 + i}",
            "applicant_id": a["applicant_id"],
            "applicant_name": a["name"],
        }
        for i, a in enumerate(apps)
    ]
    result = _screen(filings, apps)
    assert set(result.filing_metrics["wave_applicants"]) == {0}
    assert not any(_herd(result).values())


def test_a_busy_agency_clients_filing_common_words_stay_clear():
    words = ["阳光", "幸福", "快乐", "美好", "开心", "平安", "吉祥", "如意", "富贵", "健康"]
    filings = [
        {"mark_text": f"{words[i % 10]}{'生活' if i % 3 else ''}", "nice_class": str(1 + i % 45),
         "filing_date": f"2023-01-{1 + i % 28:02d}", "applicant_name": f"客户{i:02d}商贸有限公司",
         "agent": "杭州恒信知识产权代理有限公司"}
        for i in range(30)
    ]  # fmt: skip
    assert not any(_herd(_screen(filings)).values())


def test_waves_cross_partitions():
    """The wave is computed over the whole batch: a partitioned run gives the same metrics."""
    filings = _wave(["三星堆火锅", "三星堆文明使者", "三星堆宝贝", "三星堆面具", "三星堆之光", "三星堆"])
    filings += [
        {"mark_text": f"无关{i}号", "nice_class": "9", "filing_date": "2021-03-05", "applicant_name": f"散户{i}"}
        for i in range(40)
    ]
    one = _screen([dict(f) for f in filings]).filing_metrics
    many = _screen([dict(f) for f in filings], jobs=2, partition_filings=10).filing_metrics
    cols = ["wave_term", "wave_applicants", "wave_concentration", "wave_members"]
    assert one[cols].equals(many[cols])


@given(st.text(st.sampled_from(list("冰墩a1 \n一鿿丁-·") + ["\u4dff", "\ua000"]), max_size=10))
@settings(max_examples=300, deadline=None)
def test_long_enough_counts_han_characters(term):
    from detector.metrics.filing.wave_terms import MIN_HAN, long_enough, syllables

    han = sum("\u4e00" <= ch <= "\u9fff" for ch in term)
    latin_ok = len(term) >= 5 and not term.isdigit() and term not in syllables()
    assert long_enough(term) == (han >= MIN_HAN if han else latin_ok)


def _bursts_by_group_by(key, actor, day):
    """The first days per (key, actor) by a pandas group-by: the reference _bursts' sort must agree with."""
    import pandas as pd

    firsts = pd.DataFrame({"k": key, "a": actor, "d": day}).groupby(["k", "a"], sort=True)["d"].min()
    return (
        firsts.index.get_level_values(0).to_numpy(),
        firsts.index.get_level_values(1).to_numpy(),
        firsts.to_numpy(),
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 6), st.integers(19000, 19200)), min_size=1, max_size=60))
def test_bursts_first_days_equal_a_group_by(rows):
    from detector.metrics.filing.herd import HERD_DAYS, _bursts

    key, actor, day = (np.array(c, dtype=np.int64) for c in zip(*rows))
    got = _bursts(key, actor, day)
    k, a, d = _bursts_by_group_by(key, actor, day)
    assert got["k"].tolist() == k.tolist() and got["a"].tolist() == a.tolist() and got["d"].tolist() == d.tolist()
    for row in got.itertuples():  # burst: actors of the key whose first day is within HERD_DAYS; total: all of them
        same = (k == row.k) & (np.abs(d - row.d) <= HERD_DAYS)
        assert row.burst == int(same.sum()) and row.total == int((k == row.k).sum())


def test_bursts_of_nothing_is_an_empty_table():
    from detector.metrics.filing.herd import _bursts

    empty = np.array([], dtype=np.int64)
    assert list(_bursts(empty, empty, empty).columns) == ["k", "a", "d", "burst", "total"]


def test_term_rows_are_the_inner_merge_of_marks_and_pairs():
    """_term_rows gives what pandas' inner merge on the mark code gives: rows, order, index and dtypes."""
    from detector.metrics.filing.herd import _term_rows

    rng = np.random.default_rng(3)
    for _ in range(300):
        n, n_marks = int(rng.integers(0, 40)), int(rng.integers(1, 10))
        mark_code = rng.integers(0, n_marks, size=n).astype(np.intp)
        pair_mark = np.sort(rng.integers(0, n_marks, size=int(rng.integers(1, 25)))).astype(np.int64)
        term_code = rng.integers(0, 6, size=len(pair_mark)).astype(np.intp)
        expected = pd.DataFrame({"m": mark_code, "row": np.arange(n)}).merge(
            pd.DataFrame({"m": pair_mark, "t": term_code}), on="m"
        )
        m, row, t = _term_rows(mark_code, pair_mark, term_code)
        pd.testing.assert_frame_equal(pd.DataFrame({"m": m, "row": row, "t": t}), expected)


PIECES = ["冰墩墩", "三星堆", "丁真", "宝贝", "火锅", "我的", "星途", "旅行", "bingdwendwen", "雄安", "的", "x", ""]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=4).map("".join), min_size=1, max_size=40, unique=True))
def test_terms_found_in_one_pass_equal_those_found_mark_by_mark(rules, texts):
    """A batch of JOINED_FROM marks or more has its terms found in one pass over all the marks joined
    (wave_terms._found_joined): the same pairs, in the same order, as mark by mark (marks that contain one another,
    repeat a term, or are empty)."""
    from detector.metrics.filing import wave_terms

    marks = np.array(texts, dtype=object)
    one_by_one = term_pairs(marks, rules)
    saved = wave_terms.JOINED_FROM
    wave_terms.JOINED_FROM = 0
    try:
        joined = term_pairs(marks, rules)
    finally:
        wave_terms.JOINED_FROM = saved
    pd.testing.assert_frame_equal(joined, one_by_one)
