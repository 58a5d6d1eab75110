"""`tmscreen rules diff` on rule changes whose effect is known in advance."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import ROOT, run_cli

# 30-31 ordinary stationers, each filing its own unrelated two-character name once.
ORDINARY = (
    "青禾 远帆 松涛 晨曦 明溪 云杉 竹韵 鹿鸣 石泉 枫林 海棠 星桥 兰亭 梧桐 雪松 清岚"
    " 白鹭 翠屏 暖阳 秋水 春雷 夏荷 冬青 苍梧 碧波 金穗 银杏 紫藤 红枫 黛山 橙园"
).split()

WINDOW = 'window: {timespan: 365d, count: filings, op: ">=", value: 20}'


def write_batch(path):
    """王小明 (P1): a natural person with 40 distinct marks in 30 classes in 100 days; 30 ordinary filers. Graded
    points: HOARD-002 30 + 10 x (40 - 20) / 10 = 50, HOARD-005 15 + 5 x (30 - 15) / 5 = 30; 1 - 0.5 x 0.7 = 65."""
    rows = ["filing_id,mark_text,nice_class,filing_date,applicant_name,applicant_id"]
    for i in range(40):
        mark = f"{'金银玉龙凤星云海山河'[i % 10]}{'甲乙丙丁戊己庚辛'[i % 8]}{i}"
        rows.append(f"P{i},{mark},{1 + i % 30},2022-{1 + i // 14:02d}-{1 + i % 28:02d},王小明,P1")
    for j in range(30):
        rows.append(f"O{j},{ORDINARY[j]},16,2022-03-{1 + j % 28:02d},{ORDINARY[j]}文具有限公司,O{j}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def copy_rules(folder, old: str, new: str, file: str):
    shutil.copytree(ROOT / "rules", folder)
    text = (folder / file).read_text(encoding="utf-8")
    assert text.count(old) == 1
    (folder / file).write_text(text.replace(old, new), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def window_change(tmp_path_factory):
    """HOARD-002's window raised from 20 to 100 filings: the person with 40 filings drops out."""
    folder = tmp_path_factory.mktemp("diff")
    filings = write_batch(folder / "filings.csv")
    new = copy_rules(folder / "rules-new", WINDOW, WINDOW.replace("value: 20", "value: 100"), "hoarding.yaml")
    return filings, new


def test_diff_names_the_applicant_and_the_rule(window_change):
    filings, new = window_change
    code, out, err = run_cli(["rules", "diff", ROOT / "rules", new, "--filings", filings, "--json", "-q"])
    assert code == 0, err
    diff = json.loads(out)
    assert diff["counts"] == {
        "applicants": 31,
        "old_flagged": 1,
        "new_flagged": 0,
        "newly_flagged": 0,
        "no_longer_flagged": 1,
        "level_changed": 0,
        "score_changed": 0,
        "rules_changed": 0,
    }
    (row,) = diff["applicants"]
    assert (row["applicant_id"], row["change"], row["old_score"], row["new_score"]) == (
        "P1",
        "no_longer_flagged",
        65.0,
        30.0,
    )
    assert (row["old_level"], row["new_level"], row["old_flagged"], row["new_flagged"]) == ("medium", "", True, False)
    assert (row["rules_removed"], row["rules_added"], row["responsible"]) == ("HOARD-002", "", "HOARD-002")
    rules = {r["rule_id"]: r for r in diff["rules"]}
    h2 = rules["HOARD-002"]
    assert (h2["change"], h2["edited_keys"], h2["old_hits"], h2["new_hits"], h2["hits_delta"]) == (
        "edited",
        "when",
        1,
        0,
        -1,
    )
    assert (h2["old_applicants"], h2["new_applicants"]) == (1, 0)
    assert [r for r in rules if rules[r]["change"] or rules[r]["hits_delta"]] == ["HOARD-002"]
    assert rules["HOARD-005"]["old_hits"] == rules["HOARD-005"]["new_hits"] == 1
    assert diff["scoring"] == {} and diff["lists"] == [] and diff["old"]["sha256"] != diff["new"]["sha256"]


def test_diff_prints_a_readable_summary(window_change):
    filings, new = window_change
    code, out, err = run_cli(["rules", "diff", ROOT / "rules", new, "--filings", filings, "-q"])
    assert code == 0, err
    assert "rule changes: HOARD-002 edited (when)" in out
    assert "flagged 1 -> 0 (0 newly flagged, 1 no longer flagged" in out
    assert "no longer flagged (1):" in out
    assert "P1  王小明  65 medium -> 30 -  because -HOARD-002" in out
    assert "HOARD-002  edited         1    0     -1" in out
    assert "Traceback" not in err


def test_same_rules_make_an_empty_diff(window_change):
    filings, _ = window_change
    code, out, err = run_cli(["rules", "diff", ROOT / "rules", ROOT / "rules", "--filings", filings, "-q"])
    assert code == 0, err
    assert "the two rule sets define the same rules and settings" in out
    assert "0 newly flagged, 0 no longer flagged, 0 level changed, 0 score changed" in out
    assert "per-rule hit counts: unchanged" in out


def test_a_threshold_change_is_held_responsible(tmp_path):
    filings = write_batch(tmp_path / "filings.csv")
    new = copy_rules(tmp_path / "rules-new", "threshold: 40", "threshold: 70", "scoring.yaml")
    code, out, err = run_cli(["rules", "diff", ROOT / "rules", new, "--filings", filings, "--json", "-q"])
    assert code == 0, err
    diff = json.loads(out)
    (row,) = diff["applicants"]
    assert (row["applicant_id"], row["change"], row["responsible"]) == ("P1", "no_longer_flagged", "scoring.threshold")
    assert row["old_score"] == row["new_score"] == 65.0
    assert diff["scoring"] == {"threshold": [40.0, 70.0]}


def test_broken_new_rules_exit_3_without_traceback(tmp_path):
    filings = write_batch(tmp_path / "filings.csv")
    new = copy_rules(tmp_path / "rules-new", "id: HOARD-005", "id: HOARD-002", "hoarding.yaml")
    code, _, err = run_cli(["rules", "diff", ROOT / "rules", new, "--filings", filings, "-q", "--lang", "en"])
    assert code == 3 and "hoarding.yaml:" in err and "Traceback" not in err
