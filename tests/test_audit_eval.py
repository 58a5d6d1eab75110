"""`tmscreen eval` against a batch whose outcome is computed by hand from the shipped rules."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import run_cli

# 30-31 ordinary stationers, each filing its own unrelated two-character name once.
ORDINARY = (
    "青禾 远帆 松涛 晨曦 明溪 云杉 竹韵 鹿鸣 石泉 枫林 海棠 星桥 兰亭 梧桐 雪松 清岚"
    " 白鹭 翠屏 暖阳 秋水 春雷 夏荷 冬青 苍梧 碧波 金穗 银杏 紫藤 红枫 黛山 橙园"
).split()


def write_batch(folder):
    """Hand-computable batch (bundled rules, threshold 40, noisy-or).

    P1 王小明: natural person, 40 distinct marks in 30 classes within 100 days -> graded HOARD-002
       30 + 10 x (40 - 20) / 10 = 50 and HOARD-005 15 + 5 x (30 - 15) / 5 = 30
       = 100 x (1 - 0.5 x 0.7) = 65, flagged; labelled suspicious (hoarding)            -> true positive
    Q1 李大海: natural person, 35 distinct marks in 3 classes -> HOARD-002 only: 30 + 10 x (35 - 20) / 10 = 45,
       flagged;
       labelled not suspicious (an individual business owner)                              -> false positive
    F1 华夏优品商贸有限公司: 5 filings, no rule fires = 0; labelled suspicious (squatting)  -> false negative
    O0..O29: ordinary companies, one filing each = 0; labelled not suspicious               -> 30 true negatives
    O30: ordinary, unlabelled; X9 is labelled but not in the batch.
    """
    rows = ["filing_id,mark_text,nice_class,filing_date,applicant_name,applicant_id"]
    for i in range(40):
        mark = f"{'金银玉龙凤星云海山河'[i % 10]}{'甲乙丙丁戊己庚辛'[i % 8]}{i}"
        rows.append(f"P{i},{mark},{1 + i % 30},2022-{1 + i // 14:02d}-{1 + i % 28:02d},王小明,P1")
    for i in range(35):
        rows.append(f"Q{i},海风{i}号,{1 + i % 3},2022-{4 + i // 12:02d}-{1 + i % 28:02d},李大海,Q1")
    for i in range(5):
        rows.append(f"F{i},优品{i},35,2022-05-{1 + i:02d},华夏优品商贸有限公司,F1")
    for j in range(31):
        rows.append(f"O{j},{ORDINARY[j]},16,2022-03-{1 + j % 28:02d},{ORDINARY[j]}文具有限公司,O{j}")
    filings = folder / "filings.csv"
    filings.write_text("\n".join(rows) + "\n", encoding="utf-8")
    labels = ["applicant_id,label,category", "P1,1,hoarding", "Q1,0,individual_business", "F1,1,squatting", "X9,0,"]
    labels += [f"O{j},0," for j in range(30)]
    (folder / "labels.csv").write_text("\n".join(labels) + "\n", encoding="utf-8")
    return filings, folder / "labels.csv"


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("eval")
    filings, labels = write_batch(folder)
    out = folder / "out"
    code, stdout, stderr = run_cli(["eval", filings, "--labels", labels, "--out", out, "--lang", "en", "--quiet"])
    assert code == 0, stderr
    return out, stdout, json.loads((out / "metrics.json").read_text(encoding="utf-8"))


def test_overall_metrics_match_the_hand_computation(evaluated):
    _, _, metrics = evaluated
    o = metrics["overall"]
    assert (o["tp"], o["fp"], o["fn"], o["tn"]) == (1, 1, 1, 30)
    assert (o["precision"], o["recall"], o["f1"]) == (0.5, 0.5, 0.5)
    assert o["threshold"] == 40
    assert (o["labelled"], o["positives"], o["negatives"], o["flagged"]) == (33, 2, 31, 2)
    assert (o["applicants"], o["unlabelled"], o["unlabelled_flagged"], o["labels_not_in_batch"]) == (34, 1, 0, 1)
    # Only P1 (60) above 50 -> F1 = 2/3 for thresholds 51..60; ties go to the higher threshold.
    assert o["best_f1"] == {"threshold": 65.0, "f1": 0.666667, "precision": 1.0, "recall": 0.5}
    # AP: recall 0.5 at precision 1 (cut 60), the other 0.5 only at cut 0 with precision 2/33.
    assert o["average_precision"] == round(0.5 + 0.5 * 2 / 33, 6)


def test_per_rule_metrics(evaluated):
    _, _, metrics = evaluated
    h2, h5 = metrics["rules"]["HOARD-002"], metrics["rules"]["HOARD-005"]
    assert (h2["hits"], h2["true_hits"], h2["false_hits"], h2["precision"], h2["recall"]) == (2, 1, 1, 0.5, 0.5)
    # Without HOARD-002, P1 drops to 20 and Q1 to 0: both flags are owed to it alone.
    assert (h2["sole_tp"], h2["sole_fp"], h2["recall_contribution"], h2["rule_hits"]) == (1, 1, 0.5, 2)
    assert (h5["hits"], h5["true_hits"], h5["precision"], h5["recall"]) == (1, 1, 1.0, 0.5)
    assert (h5["sole_tp"], h5["sole_fp"], h5["recall_contribution"]) == (0, 0, 0.0)  # P1 keeps 50 without it
    assert h2["by_category"] == {
        "hoarding": {"hits": 1, "true_hits": 1},
        "individual_business": {"hits": 1, "true_hits": 0},
        "squatting": {"hits": 0, "true_hits": 0},
    }
    silent = metrics["rules"]["HOARD-001"]
    assert (silent["hits"], silent["precision"], silent["recall"]) == (0, None, 0.0)


def test_per_category_metrics(evaluated):
    _, _, metrics = evaluated
    cats = metrics["categories"]
    assert sorted(cats) == ["hoarding", "individual_business", "squatting"]
    assert (cats["hoarding"]["tp"], cats["hoarding"]["recall"]) == (1, 1.0)
    assert (cats["squatting"]["fn"], cats["squatting"]["recall"]) == (1, 0.0)
    assert (cats["individual_business"]["fp"], cats["individual_business"]["recall"]) == (1, None)


def test_pr_curve_and_error_lists(evaluated):
    out, stdout, _ = evaluated
    curve = pd.read_csv(out / "pr_curve.csv")
    assert curve["threshold"].tolist() == list(range(101))
    at = curve.set_index("threshold")
    assert (at.at[0, "tp"], at.at[0, "fp"]) == (2, 31)  # everyone has a score >= 0
    assert (at.at[45, "tp"], at.at[45, "fp"], at.at[45, "precision"]) == (1, 1, 0.5)  # Q1 scores 45
    assert (at.at[51, "tp"], at.at[51, "fp"], at.at[51, "precision"], at.at[51, "recall"]) == (1, 0, 1.0, 0.5)
    assert pd.isna(at.at[66, "precision"]) and at.at[66, "recall"] == 0.0  # above P1's 65
    fp = pd.read_csv(out / "false_positives.csv", dtype=str, keep_default_na=False)
    fn = pd.read_csv(out / "false_negatives.csv", dtype=str, keep_default_na=False)
    assert fp["applicant_id"].tolist() == ["Q1"] and fp.at[0, "rule_ids"] == "HOARD-002"
    assert fp.at[0, "reasons"].startswith("[HOARD-002] natural person filed 35 applications")
    assert fn["applicant_id"].tolist() == ["F1"] and fn.at[0, "category"] == "squatting" and fn.at[0, "reasons"] == ""
    assert "precision 0.500  recall 0.500  F1 0.500" in stdout


def test_plot_is_a_non_empty_png(evaluated):
    out, _, _ = evaluated
    data = (out / "pr_curve.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_eval_is_deterministic(evaluated, tmp_path):
    out, _, _ = evaluated
    filings, labels = write_batch(tmp_path)
    code, _, err = run_cli(
        ["eval", filings, "--labels", labels, "--out", tmp_path / "again", "--lang", "en", "--quiet"]
    )
    assert code == 0, err
    for name in ("pr_curve.csv", "false_positives.csv", "false_negatives.csv", "pr_curve.png"):
        assert (out / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name
    first = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    second = json.loads((tmp_path / "again" / "metrics.json").read_text(encoding="utf-8"))
    first.pop("run"), second.pop("run")  # input paths differ
    assert first == second


def test_threshold_option_and_unlabelled_as_negative(tmp_path):
    filings, labels = write_batch(tmp_path)
    code, _, err = run_cli(
        [
            "eval",
            filings,
            "--labels",
            labels,
            "--out",
            tmp_path / "o",
            "--threshold",
            "55",
            "--unlabelled",
            "negative",
            "-q",
        ]
    )
    assert code == 0, err
    o = json.loads((tmp_path / "o" / "metrics.json").read_text(encoding="utf-8"))["overall"]
    assert (o["tp"], o["fp"], o["fn"], o["tn"], o["threshold"], o["labelled"]) == (1, 0, 1, 32, 55, 34)


def test_matrix_scores_reproduce_the_pipeline(tmp_path):
    from detector.audit import hit_matrix, matrix_scores
    from detector.pipeline.run import screen

    filings, _ = write_batch(tmp_path)
    result = screen(filings)
    m = hit_matrix(result)
    assert (matrix_scores(m.points, result.ruleset.scoring) == result.scores["score"].to_numpy()).all()


def test_bad_labels_are_input_errors(tmp_path):
    filings, _ = write_batch(tmp_path)
    stranger = tmp_path / "stranger.csv"
    stranger.write_text("applicant_id,label\nNOBODY,1\n", encoding="utf-8")
    code, _, err = run_cli(["eval", filings, "--labels", stranger, "--out", tmp_path / "o", "-q", "--lang", "en"])
    assert code == 2 and "none of the 1 labelled applicant ids" in err and "Traceback" not in err
    bad = tmp_path / "bad.csv"
    bad.write_text("applicant_id,label\nP1,maybe\n", encoding="utf-8")
    code, _, err = run_cli(["eval", filings, "--labels", bad, "--out", tmp_path / "o", "-q"])
    assert code == 2 and "bad.csv" in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()
