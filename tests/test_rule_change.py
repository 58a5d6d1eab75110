"""A threshold change in a rule file changes the flagged list as expected (the auditor's promise)."""

from __future__ import annotations

import shutil

import pandas as pd
from conftest import ROOT


def _batch(path):
    rows = ["filing_id,mark_text,nice_class,filing_date,applicant_name"]
    for i in range(40):  # a natural person: 40 distinct marks in 100 days
        rows.append(
            f"P{i},{'金银玉龙凤星云海山河'[i % 10]}{'甲乙丙丁戊己庚辛'[i % 8]}{i},{1 + i % 30},"
            f"2022-{1 + i // 14:02d}-{1 + i % 28:02d},王小明"
        )
    for j in range(30):  # ordinary filers
        rows.append(f"O{j},晨光文具{j},16,2022-03-{1 + j % 28:02d},晨光文具{j}有限公司")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_raising_a_threshold_unflags_exactly_that_case(cli, tmp_path):
    filings = _batch(tmp_path / "f.csv")
    code, _, err = cli(["screen", filings, "--out", tmp_path / "before", "--quiet"])
    assert code == 0, err
    before = pd.read_csv(tmp_path / "before" / "suspicious_applicants.csv", dtype=str)
    assert before["applicant_name"].tolist() == ["王小明"]
    assert "HOARD-002" in before["rule_ids"].iloc[0]

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    text = (rules / "hoarding.yaml").read_text(encoding="utf-8")
    old = 'window: {timespan: 365d, count: filings, op: ">=", value: 20}'  # HOARD-002's line
    assert text.count(old) == 1
    (rules / "hoarding.yaml").write_text(text.replace(old, old.replace("value: 20", "value: 100")), encoding="utf-8")
    code, _, err = cli(["screen", filings, "--rules", rules, "--out", tmp_path / "after", "--quiet"])
    assert code == 0, err
    after = pd.read_csv(tmp_path / "after" / "suspicious_applicants.csv", dtype=str)
    assert "王小明" not in after["applicant_name"].tolist()
    import json

    b = json.loads((tmp_path / "before" / "run.json").read_text())
    a = json.loads((tmp_path / "after" / "run.json").read_text())
    assert b["counts"]["rule_hits"]["HOARD-002"] == 1 and a["counts"]["rule_hits"]["HOARD-002"] == 0
    assert a["ruleset"]["sha256"] != b["ruleset"]["sha256"]


AGENT_WINDOW_RULE = """
  - id: AGENT-901
    title: {zh: 代理机构一周内大量申请, en: Agency filing many applications within a week}
    explain:
      zh: "代理机构“{agent}”一周内申请较多"
      en: "agency '{agent}' filed many applications within a week"
    category: agent
    scope: agent
    when:
      window: {timespan: 7d, count: filings, op: ">=", value: 20}
    points: 0
    level: low
    legal_basis: [商标法第十九条第三款]
    false_positives: [大型代理机构的正常业务]
    status: active
"""


def test_an_agent_window_rule_counts_each_agencys_filings_in_the_window(cli, tmp_path):
    """The agent scope's windows (rule_stage.run_agent_rules makes each filing's agent row when a window rule asks):
    25 filings in five days meet `>= 20 in 7 days`, 25 spread over 100 days do not."""
    rows = ["filing_id,mark_text,nice_class,filing_date,applicant_name,agent"]
    fast, slow = "北京快申商标代理有限公司", "上海慢申知识产权代理有限公司"
    for i in range(25):
        rows.append(f"A{i},晨光{i},16,2022-03-{1 + i % 5:02d},晨光文具{i}有限公司,{fast}")
        rows.append(f"B{i},星河{i},16,2022-{1 + i // 8:02d}-{1 + 3 * (i % 8):02d},星河贸易{i}有限公司,{slow}")
    filings = tmp_path / "f.csv"
    filings.write_text("\n".join(rows) + "\n", encoding="utf-8")
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    with (rules / "agent.yaml").open("a", encoding="utf-8") as out:
        out.write(AGENT_WINDOW_RULE)
    code, _, err = cli(["screen", filings, "--rules", rules, "--out", tmp_path / "out", "--quiet"])
    assert code == 0, err
    agents = pd.read_csv(tmp_path / "out" / "agents.csv", dtype=str, keep_default_na=False).set_index("agent")
    assert "AGENT-901" in agents.loc[fast, "rule_ids"]
    assert "AGENT-901" not in agents.loc[slow, "rule_ids"]
