"""Rights holders and owners are known by identity, never by trade name; brand owners' portfolios are no hoarding.

Each screening test states a small batch and what the law says of its applicant (Trademark Law Art. 13, 32, 58;
Examination Guidelines 2022 on defensive filings; domain.md §3: "a name is no licence: rights holders are known by
identity, registration and declared affiliation"). Near misses sit beside each reach: the same facts minus the tie
must stay flagged, and the same facts minus the copy must stay clear.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT

from detector.batch import prepare_batch
from detector.engines import make_executor
from detector.io import inputs_from_records
from detector.metrics.applicant.own_marks import PORTFOLIO_MAX, own_forms_and_filings, own_forms_of, own_mark
from detector.metrics.filing.named_after_mark import named_after
from detector.normalize.identity import (
    COMPANY_FORMS,
    HUB_HOLDERS,
    holder_keys,
    holder_keys_many,
    id_key,
    id_keys,
    name_key,
    related_keys,
)
from detector.pipeline.plan import run_plan
from detector.pipeline.progress import Progress
from detector.pipeline.request import ScreenRequest
from detector.pipeline.result import ScreenResult

NIKE_REGISTER = [
    {"registration_no": "146658", "mark_text": "NIKE", "nice_class": "25", "owner_name": "耐克创新有限合伙公司",
     "owner_id": "US-NIKE-INNOVATE", "famous": "1"},
    {"registration_no": "3155713", "mark_text": "耐克", "nice_class": "25", "owner_name": "耐克创新有限合伙公司",
     "owner_id": "US-NIKE-INNOVATE", "famous": "1"},
]  # fmt: skip


def _filing(mark: str, cls: str, name: str, app_id: str = "", date: str = "2023-03-01") -> dict:
    out = {"mark_text": mark, "nice_class": cls, "filing_date": date, "applicant_name": name}
    return {**out, "applicant_id": app_id} if app_id else out


def screen(filings, applicants=None, register=None, rules: list[Path] | None = None) -> pd.DataFrame:
    """Scores of a batch screened through the real plan (pandas, one job): applicant_id, name, score, rules."""
    filings = [{"filing_id": f"F{i + 1:05d}", **f} for i, f in enumerate(filings)]
    register = [{"registration_no": f"R{i + 1:05d}", **r} for i, r in enumerate(register)] if register else None
    records = {"filings": filings, "applicants": applicants, "register": register, "source": "identity test"}
    result = ScreenResult(
        ScreenRequest(records=records, rules=rules, lang="en"), make_executor("pandas", jobs=1), Progress(quiet=True)
    )
    run_plan(result)
    names = result.inputs.filings.drop_duplicates("applicant_id").set_index("applicant_id")["applicant_name"]
    scores = result.scores.copy()
    scores["name"] = scores["applicant_id"].map(names)
    return scores.set_index("name")


def flagged(scores: pd.DataFrame, name: str) -> bool:
    return bool(scores.loc[name, "flagged"])


def rules_of(scores: pd.DataFrame, name: str) -> set[str]:
    return set(filter(None, str(scores.loc[name, "rule_ids"]).split(";")))


# ---------------------------------------------------------------------------------------------- identity keys


def test_one_firm_is_one_key_however_written():
    assert set(holder_keys("腾讯科技（深圳）有限公司")) == set(holder_keys("腾讯科技(深圳)有限公司"))
    assert "n:华为技术" in holder_keys("华为技术有限公司")
    assert "i:usnikeinnovate" in holder_keys("US-NIKE-INNOVATE")


def test_many_holders_at_once_get_the_keys_of_each():
    """holder_keys_many canonicalizes in one pass; it gives what holder_keys gives for each value, line breaks,
    placeholders, ids, traditional characters and empty values included."""
    values = [
        "腾讯科技（深圳）有限公司",
        "US-NIKE-INNOVATE",
        "耐克創新有限合夥公司",
        "無",
        "",
        "华为\n技术有限公司",
        "Apple\u2028Inc.",
        "北京市 某某 科技有限公司",
        "91110108MA01ABCD1X",
        "腾讯科技（深圳）有限公司",
    ]
    assert holder_keys_many(values) == [holder_keys(v) for v in values]


def test_many_ids_at_once_get_the_key_of_each():
    """id_keys keys the ASCII ids in one pass over them joined by newlines; it gives what id_key gives for each
    value: separators, case, placeholders, missing values, non-ASCII ids and an id holding a line break."""
    values = [
        "US-NIKE-INNOVATE",
        "91110108MA01ABCD1X",
        " a_b.c ",
        "N/A",
        "none",
        "",
        None,
        float("nan"),
        "９１１１０１０８ＭＡ０１",
        "ab\ncd",
        "ab\u2028cd",
        "统一社会信用代码91110108",
        "US-NIKE-INNOVATE",
    ]
    assert id_keys(values) == [id_key(v) for v in values]
    assert id_keys([]) == []


def test_a_name_loses_its_longest_company_form_first():
    """name_key looks the forms up by length, longest first: the form COMPANY_FORMS names first for a name is its
    longest (a longer form that ends like a shorter one stands before it)."""
    for i, form in enumerate(COMPANY_FORMS):
        for later in COMPANY_FORMS[i + 1 :]:
            assert not later.endswith(form) or len(later) <= len(form), (form, later)
    assert name_key("华为技术有限公司") == "华为技术"
    assert name_key("某某集团有限公司") == "某某"
    assert name_key("某某集团股份有限公司") == "某某"
    assert name_key("深圳市耐克优品贸易有限公司") == "深圳耐克优品贸易"
    assert name_key("公司") == "公司"
    assert name_key("abccoltd") == "abc"


def test_a_name_that_contains_the_brand_is_another_firm():
    owner = set(holder_keys("耐克创新有限合伙公司"))
    for squatter in ("深圳市耐克优品贸易有限公司", "耐克创新贸易有限公司", "深圳市耐克创新有限公司"):
        assert not owner & set(holder_keys(squatter)), squatter


def test_an_organisation_is_itself_without_its_city():
    assert "n:火神山医院" in holder_keys("武汉火神山医院")
    assert "n:火神山医院" in holder_keys("武汉市火神山医院")
    assert "n:雄安新管理委员会" in holder_keys("河北雄安新区管理委员会")
    # near misses: a generic name left after the city, and a company (anyone may register a city + brand firm)
    assert "n:人民医院" not in holder_keys("武汉市人民医院")
    assert "n:火神山医疗器械" not in holder_keys("武汉火神山医疗器械有限公司")


def test_a_unit_belongs_to_the_body_its_name_begins_with():
    assert "n:国家航天局" in holder_keys("国家航天局探月与航天工程中心")
    assert "n:华为技术" not in holder_keys("华为技术服务有限公司")  # a company named after a company is not its unit


def _apps(rows: list[dict]) -> pd.DataFrame:
    apps = pd.DataFrame(rows).fillna("")
    apps["canon_name"] = apps["name"]
    return apps


def test_shareholders_legal_representatives_and_siblings_tie():
    apps = _apps(
        [
            {"applicant_id": "P", "name": "宝洁公司", "shareholders": "", "legal_representative": ""},
            {"applicant_id": "C", "name": "宝洁中国有限公司", "shareholders": "宝洁公司", "legal_representative": ""},
            {
                "applicant_id": "S",
                "name": "大靖体育文化有限公司",
                "shareholders": "武大靖",
                "legal_representative": "武大靖",
            },
            {"applicant_id": "A", "name": "甲公司", "shareholders": "", "legal_representative": "丁雄军"},
            {"applicant_id": "B", "name": "乙公司", "shareholders": "", "legal_representative": "丁雄军"},
            {"applicant_id": "X", "name": "丙公司", "shareholders": "", "legal_representative": "王伟"},
            {"applicant_id": "Y", "name": "丁公司", "shareholders": "", "legal_representative": "王伟"},
        ]
    )
    keys = [set(k.split("\n")) for k in related_keys(apps)]
    assert "n:宝洁" in keys[1]  # the subsidiary belongs to its shareholder
    assert "i:c" in keys[0]  # the parent may file for its subsidiary
    assert "n:武大靖" in keys[2]  # the athlete's company
    assert "i:b" in keys[3] and "i:a" in keys[4]  # a shared three-character legal representative
    assert "i:y" not in keys[5]  # a two-character name proves nothing


def test_a_hub_value_ties_nobody():
    rows = [
        {
            "applicant_id": f"F{i}",
            "name": f"第{i}号公司",
            "shareholders": "某某创业投资有限公司",
            "legal_representative": "",
        }
        for i in range(HUB_HOLDERS + 1)
    ]
    keys = related_keys(_apps(rows))
    assert not any("i:f1" in k.split("\n") for k in keys[2:])
    small = related_keys(_apps(rows[:3]))
    assert "i:f1" in small.iloc[0].split("\n")


# ---------------------------------------------------------------------------------------------- squatting rules


def test_a_company_named_after_the_brand_is_flagged():
    scores = screen(
        [_filing("NIKE", "25", "深圳市耐克优品贸易有限公司"), _filing("耐克", "25", "深圳市耐克优品贸易有限公司")],
        register=NIKE_REGISTER,
    )
    assert flagged(scores, "深圳市耐克优品贸易有限公司")
    assert {"SQUAT-001", "SQUAT-002", "SQUAT-007", "SQUAT-008"} <= rules_of(scores, "深圳市耐克优品贸易有限公司")


def test_the_register_owner_by_id_under_another_name_is_clear():
    filings = [
        _filing("NIKE", "25", "耐克公司", "US-NIKE-INNOVATE"),
        _filing("耐克", "28", "耐克公司", "US-NIKE-INNOVATE"),
    ]
    assert not flagged(screen(filings, register=NIKE_REGISTER), "耐克公司")
    # near miss: the same name with another id is a stranger
    filings = [_filing("NIKE", "25", "耐克公司", "CN-OTHER-01"), _filing("耐克", "28", "耐克公司", "CN-OTHER-01")]
    assert flagged(screen(filings, register=NIKE_REGISTER), "耐克公司")


def test_the_register_owner_of_the_same_mark_is_clear_for_every_squatting_rule():
    """DOVE soap (Unilever) and DOVE chocolate (Mars) coexist on the register."""
    register = [
        {"mark_text": "DOVE", "nice_class": "30", "owner_name": "玛氏公司", "famous": "1"},
        {"mark_text": "DOVE", "nice_class": "3", "owner_name": "联合利华知识产权控股有限公司", "famous": "1"},
    ]
    name = "联合利华知识产权控股有限公司"
    assert not flagged(screen([_filing("DOVE", "3", name)], register=register), name)
    assert flagged(screen([_filing("DOVE", "3", "广州洁美日化有限公司")], register=register), "广州洁美日化有限公司")


def test_a_subsidiary_and_a_sibling_are_known_by_their_ties():
    register = [{"mark_text": "茅台", "nice_class": "33", "owner_name": "中国贵州茅台酒厂（集团）有限责任公司",
                 "owner_id": "91520000214409696J", "famous": "1"}]  # fmt: skip
    owner = {"applicant_id": "91520000214409696J", "name": "中国贵州茅台酒厂（集团）有限责任公司",
             "entity_type": "company", "legal_representative": "丁雄军"}  # fmt: skip
    child = {"applicant_id": "915200007090232960", "name": "贵州茅台酒股份有限公司", "entity_type": "company",
             "shareholders": "中国贵州茅台酒厂（集团）有限责任公司"}  # fmt: skip
    sibling = {"applicant_id": "91520000MA6TEST01X", "name": "贵州茅台酱香酒营销有限公司", "entity_type": "company",
               "legal_representative": "丁雄军"}  # fmt: skip
    stranger = {**sibling, "applicant_id": "91520000MA6TEST02X", "name": "贵州茅台镇酒业有限公司",
                "legal_representative": "刘兵"}  # fmt: skip
    filings = [
        _filing("茅台", "33", child["name"], child["applicant_id"]),
        _filing("茅台", "33", sibling["name"], sibling["applicant_id"]),
        _filing("茅台", "33", stranger["name"], stranger["applicant_id"]),
    ]
    scores = screen(filings, applicants=[owner, child, sibling, stranger], register=register)
    assert not flagged(scores, child["name"])
    assert not flagged(scores, sibling["name"])
    assert flagged(scores, stranger["name"])


def test_a_company_whose_legal_representative_is_the_athlete_is_his():
    company = {"applicant_id": "91110105MA7DJ00001", "name": "大靖体育文化（北京）有限公司", "entity_type": "company",
               "legal_representative": "武大靖", "shareholders": "武大靖"}  # fmt: skip
    other = {**company, "applicant_id": "91110105MA7DJ00002", "name": "北京冰刃体育文化有限公司",
             "legal_representative": "李明华", "shareholders": "李明华"}  # fmt: skip
    filings = [
        _filing("武大靖", "28", company["name"], company["applicant_id"], "2022-03-15"),
        _filing("武大靖", "28", other["name"], other["applicant_id"], "2022-03-15"),
    ]
    scores = screen(filings, applicants=[company, other])
    assert not flagged(scores, company["name"])
    assert flagged(scores, other["name"])


def test_organisations_file_their_own_signs():
    filings = [
        _filing("火神山", "44", "武汉火神山医院", date="2020-04-20"),
        _filing("嫦娥", "16", "国家航天局探月与航天工程中心", date="2019-03-01"),
        _filing("火神山", "10", "武汉火神山医疗器械有限公司", date="2020-02-05"),
    ]
    scores = screen(filings)
    assert not flagged(scores, "武汉火神山医院")
    assert not flagged(scores, "国家航天局探月与航天工程中心")
    assert flagged(scores, "武汉火神山医疗器械有限公司")


def test_an_everyday_word_inside_a_longer_mark_in_another_class_is_clear():
    register = [{"mark_text": "苹果", "nice_class": "9", "owner_name": "苹果公司", "famous": "1"}]
    scores = screen([_filing("苹果妹妹", "31", "洛川县秦岭果业专业合作社")], register=register)
    assert not flagged(scores, "洛川县秦岭果业专业合作社")


@pytest.fixture(scope="module")
def declared_rules(tmp_path_factory) -> Path:
    """The shipped rules with one declared affiliate in the allowlist."""
    rules = tmp_path_factory.mktemp("rules") / "rules"
    shutil.copytree(ROOT / "rules", rules)
    path = rules / "lists" / "allowlist.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + """  - id: AL-T01
    term: 福建鞋服控股有限公司
    kind: affiliate
    rights_holders: [US-NIKE-INNOVATE]
    source: test
    source_date: "2026-11-23"
    note: licensee of the owner (test)
""",
        encoding="utf-8",
    )
    return rules


def test_a_declared_affiliate_is_a_holder_of_its_owners_signs_only(declared_rules):
    name = "福建鞋服控股有限公司"
    register = [
        *NIKE_REGISTER,
        {"mark_text": "ADIDAS", "nice_class": "25", "owner_name": "阿迪达斯有限公司", "famous": "1"},
    ]
    assert not flagged(screen([_filing("NIKE", "25", name)], register=register, rules=[declared_rules]), name)
    scores = screen([_filing("ADIDAS", "25", name)], register=register, rules=[declared_rules])
    assert flagged(scores, name)  # no blanket exemption
    assert flagged(screen([_filing("NIKE", "25", name)], register=register), name)  # undeclared: a stranger


# ---------------------------------------------------------------------------------------------- named_after_mark


def test_named_after_mark():
    marks = pd.Series(["耐克", "星巴克咖啡", "huawei", "nike", "华为"])
    trades = pd.Series(["耐克优品", "星巴克", "华为智能", "耐克优品", ""])
    assert named_after(marks, trades).tolist() == [True, True, True, False, False]


# ---------------------------------------------------------------------------------------------- portfolios


def _batch(filings: list[dict]):
    filings = [{"filing_id": f"F{i + 1:05d}", **f} for i, f in enumerate(filings)]
    return prepare_batch(inputs_from_records(filings, None, None, source="portfolio test"))


def _own_share(batch, name: str) -> float:
    forms = own_forms_of(batch)
    f = batch.filings
    own = own_mark(f["canon"], f["app"].to_numpy(), forms)
    return float(own[f["applicant_name"].eq(name).to_numpy()].mean())


def _every_class(mark: str, name: str, start: str = "2021-08-02") -> list[dict]:
    day = pd.Timestamp(start)
    return [_filing(mark, str(c), name, date=str((day + pd.Timedelta(days=c % 10)).date())) for c in range(1, 46)]


def test_a_group_files_its_house_mark_latin_name_and_sub_brands_in_every_class():
    name = "珠海格力电器股份有限公司"
    filings = [f for m in ("格力", "GREE", "晶弘", "大松") for f in _every_class(m, name)]
    assert _own_share(_batch(filings), name) == 1.0
    scores = screen(filings)
    assert not flagged(scores, name)


def test_the_pinyin_of_an_own_mark_is_own():
    name = "小米科技有限责任公司"
    assert _own_share(_batch([_filing("XIAOMI", "9", name), _filing("小米", "9", name)]), name) == 1.0


def test_own_filings_are_every_filing_tested_against_the_final_forms():
    """own_forms_and_filings tests again only the filings that miss the forms the portfolio was found from, and
    only against the portfolio marks: the answer is every filing tested against every own form."""
    gree = "珠海格力电器股份有限公司"
    other = "义乌市栖木百货商行"
    filings = [f for m in ("格力", "GREE", "晶弘", "大松") for f in _every_class(m, gree)]
    filings += [_filing(m, "9", other) for m in ("栖木", "晶弘", "大松电器", "格力")]
    filings += [_filing("晶弘", "7", gree, date="2024-01-01")]  # out of the co-filing days, own by the portfolio
    batch = _batch(filings)
    forms, own = own_forms_and_filings(batch)
    f = batch.filings
    assert forms == own_forms_of(_batch(filings))
    assert own.tolist() == own_mark(f["canon"], f["app"].to_numpy(), forms).tolist()
    by_name = pd.Series(own, index=f["applicant_name"].to_numpy())
    assert by_name[gree].all()  # 晶弘 and 大松: only the portfolio makes them own
    assert by_name[other].tolist() == [True, False, False, False]


def test_a_hoarder_beside_its_own_name_has_no_portfolio():
    name = "义乌市栖木百货商行"
    rng = np.random.default_rng(7)
    pool = "云岫澜汐霁岚璟琪瑶珂瑾璇瑜琳珊珀翊弈骁骞晟昱煦烨灿"
    marks = sorted({"".join(rng.choice(list(pool), 2)) for _ in range(200)})[:60]
    filings = _every_class("栖木", name)[:5]
    filings += [_filing(m, str(1 + i % 5), name, date="2021-08-03") for i, m in enumerate(marks)]
    assert _own_share(_batch(filings), name) < 0.2  # one or two classes each: no portfolio
    # many marks in many classes beside its name: more than PORTFOLIO_MAX is hoarding, not a portfolio
    wide = _every_class("栖木", name) + [f for m in marks[: PORTFOLIO_MAX + 1] for f in _every_class(m, name)]
    assert _own_share(_batch(wide), name) < 0.2
    assert flagged(screen(filings + wide[45:]), name)
