"""A hand-written batch of real-world patterns, independent of the fixture generator.

Squatted strings as they appeared in public rejection notices (冰墩墩 variants, champions' names in traditional
characters and spaced, field hospitals and doctors of 2020, famous brands with look-alike letters, space missions),
next to hard controls: a brand's affiliate filing its own mark in all 45 classes, the organising committee filing
its mascot, a busy agency's unrelated clients filing common words, an incubator address shared by twenty firms,
and ordinary businesses whose names contain short protected terms (马龙头, 新会员, 天文).
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import DATA, run_cli

CASES = DATA / "realworld"
SQUATTERS = {"S1", "S2", "S3", "S4", "S5", "S6"}


@pytest.fixture(scope="module")
def listed(tmp_path_factory):
    out = tmp_path_factory.mktemp("realworld")
    code, _, err = run_cli(
        ["screen", CASES / "filings.csv", "--register", CASES / "register.csv", "--out", out, "--lang", "en", "--quiet"]
    )
    assert code == 0, err
    return pd.read_csv(out / "suspicious_applicants.csv", dtype=str, keep_default_na=False), out


def test_every_squatter_is_listed(listed):
    sus, _ = listed
    assert SQUATTERS <= set(sus["applicant_id"]), sorted(SQUATTERS - set(sus["applicant_id"]))


def test_no_control_is_listed(listed):
    sus, _ = listed
    assert set(sus["applicant_id"]) == SQUATTERS, sus[~sus["applicant_id"].isin(SQUATTERS)][
        ["applicant_id", "applicant_name", "rule_ids"]
    ].to_string()


def test_disguises_are_seen_through(listed):
    _, out = listed
    hits = pd.read_csv(out / "filing_hits.csv", dtype=str)
    filings = pd.read_csv(CASES / "filings.csv", dtype=str).set_index("filing_id")["mark_text"]
    hit_marks = set(filings.reindex(hits["filing_id"]))
    for mark in [
        "冰敦敦",
        "BING DWEN DWEN",
        "冰 墩 墩",
        "谷愛凌",
        "苏 翊 鸣",
        "全紅嬋",
        "NlKE",
        "華為",
        "神舟十三号",
        "嫦娥五号",
    ]:
        assert mark in hit_marks, mark
    for mark in ["马龙头", "新会员", "天文", "建国饭店"]:
        assert mark not in hit_marks, mark
