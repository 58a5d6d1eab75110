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
