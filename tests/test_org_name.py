"""Organisation names as one key however they are written (detector/normalize/org_name.py), and the two users of
it: the watchlist (names, former names, ids) and agency recognition (agent column, own name, business scope).

Expected keys are written by hand from the naming rule 行政区划 + 字号 + 行业 + 组织形式 (or the place in brackets
after the industry), not taken from the code."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.lists.load import ReferenceList
from detector.lists.watchlist import on_watchlist, watch_keys
from detector.normalize import canonical
from detector.normalize.org_name import org_key, org_key_list

GUANGZHOU = "广州指南针会计咨询"


@pytest.mark.parametrize(
    "name",
    [
        "广州市指南针会计咨询有限公司",
        "广州指南针会计咨询有限公司",
        "指南针会计咨询（广州）有限公司",
        "指南针会计咨询(广州)有限公司",
        "廣州市指南針會計諮詢有限公司",
        "广州市指南针会计咨询有限责任公司",
        "广州市指南针会计咨询有限公司天河分公司",
        " 广州市 指南针会计咨询有限公司 ",
    ],
)
def test_variants_of_one_firm_share_a_key(name):
    assert org_key(name) == GUANGZHOU


@pytest.mark.parametrize(
    "name",
    [
        "杭州指南针文具有限公司",  # same trade name, another city and trade
        "广州指南针餐饮管理有限公司",  # same city and trade name, another trade
        "指南针会计咨询有限公司",  # the place is part of the name: dropped, it is another registration
        "广州市指南针会计",
    ],
)
def test_other_firms_keep_other_keys(name):
    assert org_key(name) != GUANGZHOU


def test_levels_forms_and_edge_cases():
    assert org_key("广东省广州市天河区某某科技有限公司") == "广东广州天河某某科技"
    assert org_key("北京智诚知识产权代理有限公司（有限合伙）") == "北京智诚知识产权代理"
    assert org_key("华润万家超市有限公司") == "华润万家超市"  # 市 of 超市 is no level word at the end
    assert org_key("Huawei Technologies Co., Ltd.") == org_key("HUAWEI TECHNOLOGIES CO LTD") == "huaweitechnologies"
    assert org_key("TESCO") == "tesco" and org_key("ZINC Inc.") == "zinc"  # CO and INC only after a separator
    assert org_key("王二") == "王二"  # a person's name is itself
    assert org_key("有限公司") == "有限公司" and org_key("北京市") == "北京市"  # never empty for a non-empty name
    assert org_key("") == "" and org_key(None) == ""


NAMES = [
    "广州市指南针会计咨询有限公司",
    "指南针会计咨询（广州）有限公司",
    "廣州市指南針會計諮詢有限公司",
    "广州市指南针会计咨询有限公司天河分公司",
    " 广州市 指南针会计咨询有限公司 ",
    "北京智诚知识产权代理有限公司（有限合伙）",
    "Huawei Technologies Co., Ltd.",
    "【深圳】某某贸易有限公司",
    "ZINC Inc.",
    "有限公司",
    "",
    "广州市指南针\n会计咨询有限公司",  # a line break inside: the one-by-one way
    "北京市\u2028某某",
    "王二",
]


def test_org_key_list_equals_org_key_name_by_name():
    assert org_key_list(NAMES) == [org_key(n) for n in NAMES]
    assert org_key_list([]) == []


NAME_PARTS = st.sampled_from(
    [*"广州市省区县指南针會計諮詢集团分（）()[]【】 ,.中国-·Ａ\n", "有限公司", "Co., Ltd.", " Inc", "tesco", "（广州）"]
)


@given(st.lists(st.lists(NAME_PARTS, max_size=8).map("".join), max_size=8))
@settings(max_examples=150, deadline=None)
def test_org_key_list_property(names):
    assert org_key_list(names) == [org_key(n) for n in names]


def _watchlist(entries: list[dict]) -> ReferenceList:
    return ReferenceList("watchlist", None, "watchlist", {}, entries)


def test_watchlist_matches_variants_former_names_and_ids():
    keys = watch_keys(
        [
            _watchlist(
                [
                    {
                        "id": "W1",
                        "term": "广州市指南针会计咨询有限公司",
                        "former_names": ["广州市罗盘财务咨询有限公司"],
                        "ids": ["91440101MA59XXXX1X"],
                    },
                    {"id": "W2", "term": "广州中唯企业管理咨询服务有限公司"},
                ]
            )
        ]
    )
    names = pd.Series(
        [
            "广州指南针会计咨询有限公司",  # without 市
            "中唯企业管理咨询服务(广州)有限公司",  # place in brackets
            "广州罗盘财务咨询有限公司",  # former name, without 市
            "新名字贸易有限公司",  # renamed, known by its credit code
            "杭州指南针文具有限公司",  # a namesake elsewhere
            "广州中唯餐饮管理有限公司",  # same trade name, other trade
        ]
    )
    ids = pd.Series(["", "", "", "91440101ma59xxxx1x", "", ""])
    assert on_watchlist(names, ids, keys).tolist() == [True, True, True, True, False, False]
    assert not on_watchlist(names, ids, set()).any()


def test_on_watchlist_keys_every_name_and_id_as_org_key_and_canonical_do_one_by_one():
    """The names and ids are keyed in one pass each; the answer is the one-by-one keys' (line breaks, brackets,
    full-width forms, repeats and missing cells included)."""
    rng = random.Random(20)
    parts = [
        "广州市",
        "指南针",
        "（广州）",
        "有限公司",
        "Co., Ltd.",
        "ＡＢＣ",
        "\n",
        " ",
        "集团",
        "分公司",
        "鍾",
        "(",
        ")",
    ]
    names = pd.Series(["".join(rng.choice(parts) for _ in range(rng.randint(0, 5))) for _ in range(400)] + [None])
    ids = pd.Series(
        [rng.choice(["91440101MA59XXXX1X", "91440101-ma59 xxxx1x", "", "ＩＤ１", "id\n1"]) for _ in range(401)]
    )
    keys = {org_key(n) for n in names.dropna().tolist()[::7]} | {canonical("91440101MA59XXXX1X")}
    keys.discard("")
    expected = [
        bool(n) and org_key(n) in keys or bool(i) and canonical(i) in keys
        for n, i in zip(names.fillna("").tolist(), ids.tolist())
    ]
    assert on_watchlist(names, ids, keys).tolist() == expected
    assert sum(expected) > 50


def test_agency_recognised_by_identity():
    from detector.metrics.applicant.agency import agency
    from detector.metrics.applicant.table import ApplicantMetricInputs
    from detector.normalize.org_name import org_keys

    names = [
        "北京智诚知识产权代理有限公司",  # own name
        "杭州汇智商标事务所有限公司",  # own name
        "深圳市前海标准科技有限公司",  # business scope
        "北京星辰知产有限公司",  # agent column, written there with 市
        "广州远航国际货运代理有限公司",  # 货运代理 is not trademark agency
        "武汉驰远汽车销售代理有限公司",
        "上海正衡律师事务所",
    ]
    batch = _batch(names, scopes={"深圳市前海标准科技有限公司": "商标代理；版权代理"})
    inputs = ApplicantMetricInputs.standalone(batch)
    inputs = ApplicantMetricInputs(**{**inputs.__dict__, "agency_names": org_keys(["北京市星辰知产有限公司"])})
    out = agency(inputs)
    by_name = dict(zip(batch.applicants["name"], out["agency_evidence"]))
    assert [by_name[n] for n in names] == ["name", "name", "scope", "agent", "", "", ""]
    assert np.array_equal(out["is_agency"], out["agency_evidence"] != "")


def test_agency_named_beforehand():
    """The identity keys' child makes the agent-name test for the whole batch (batch_named_agency, by applicant
    code); a partition given its applicants' part of it answers as if it keyed their names itself."""
    from detector.metrics.applicant.agency import agency, batch_named_agency
    from detector.metrics.applicant.table import ApplicantMetricInputs
    from detector.normalize.org_name import org_keys

    names = [
        "北京星辰知产有限公司",
        "北京市星辰知产有限公司",
        "上海正衡律师事务所",
        "星辰知产（北京）有限公司",
        "某某贸易有限公司",
    ]
    batch = _batch(names, scopes={})
    agents = pd.Series(["北京市星辰知产有限公司", "", "北京市星辰知产有限公司"])
    named = batch_named_agency(batch.applicants, agents)
    assert named.tolist() == [True, True, False, True, False]
    inputs = ApplicantMetricInputs.standalone(batch)
    keyed = ApplicantMetricInputs(**{**inputs.__dict__, "agency_names": org_keys(agents.unique())})
    given = ApplicantMetricInputs(**{**keyed.__dict__, "named_agency": named})
    for column in ("is_agency", "agency_evidence"):
        assert agency(given)[column].tolist() == agency(keyed)[column].tolist()
    everyone = ApplicantMetricInputs(**{**keyed.__dict__, "named_agency": np.ones(len(names), dtype=bool)})
    assert agency(everyone)["agency_evidence"].tolist() == ["agent"] * len(names)  # the given test is the one read
    no_agents = batch_named_agency(batch.applicants, pd.Series(["", ""]))
    assert not no_agents.any() and len(no_agents) == len(names)


def _batch(names: list[str], scopes: dict[str, str]):
    """A batch of one filing per name, each applicant with its business scope."""
    from detector.batch import prepare_batch
    from detector.pipeline.request import ScreenRequest

    filings = [
        {
            "filing_id": f"F{i}",
            "mark_text": "某标",
            "nice_class": "25",
            "filing_date": "2023-01-01",
            "applicant_name": n,
        }
        for i, n in enumerate(names)
    ]
    applicants = [
        {"applicant_id": f"A{i}", "name": n, "entity_type": "company", "business_scope": scopes.get(n, "")}
        for i, n in enumerate(names)
    ]
    for f, a in zip(filings, applicants):
        f["applicant_id"] = a["applicant_id"]
    request = ScreenRequest(records={"filings": filings, "applicants": applicants, "source": "test"})
    return prepare_batch(request.load())
