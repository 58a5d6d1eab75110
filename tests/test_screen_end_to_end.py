"""End to end: screen the bundled demo batch; planted suspicious applicants listed, hard controls clean."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pandas as pd
import pytest
from conftest import DATA, DEMO, ROOT

CONTRACT = [
    "rank",
    "applicant_id",
    "applicant_name",
    "score",
    "level",
    "cluster_id",
    "n_filings",
    "n_classes",
    "rule_ids",
    "reasons",
]


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    from conftest import run_cli

    out = tmp_path_factory.mktemp("demo")
    code, stdout, stderr = run_cli(
        [
            "screen",
            DEMO / "filings.csv",
            "--applicants",
            DEMO / "applicants.csv",
            "--register",
            DEMO / "register.csv",
            "--out",
            out,
            "--lang",
            "en",
            "--quiet",
        ]
    )
    assert code == 0, stderr
    return out, stdout


def test_outputs_follow_the_contract(demo_run):
    out, stdout = demo_run
    for name in ("suspicious_applicants.csv", "filing_hits.csv", "clusters.csv", "run.json"):
        assert (out / name).exists(), name
    sus = pd.read_csv(out / "suspicious_applicants.csv", dtype=str, keep_default_na=False)
    assert list(sus.columns) == CONTRACT
    assert list(pd.read_csv(out / "filing_hits.csv").columns) == [
        "filing_id",
        "applicant_id",
        "rule_id",
        "points",
        "evidence",
    ]
    assert list(pd.read_csv(out / "clusters.csv").columns) == [
        "cluster_id",
        "n_members",
        "n_filings",
        "n_classes",
        "score",
        "links",
    ]
    scores = sus["score"].astype(float)
    assert scores.is_monotonic_decreasing and (scores >= 40).all() and (scores <= 100).all()
    assert sus["rank"].astype(int).tolist() == list(range(1, len(sus) + 1))
    assert sus["level"].isin(["high", "medium", "low"]).all()
    assert (sus["reasons"].str.len() > 20).all()
    assert "suspicious applicants" in stdout


def test_every_planted_applicant_listed_and_no_control(demo_run):
    out, _ = demo_run
    labels = pd.read_csv(DEMO / "labels.csv", dtype=str, keep_default_na=False)
    listed = set(pd.read_csv(out / "suspicious_applicants.csv", dtype=str)["applicant_id"])
    planted = labels[labels["label"] == "1"]
    missed = planted[~planted["applicant_id"].isin(listed)]
    assert missed.empty, f"missed planted applicants:\n{missed.to_string()}"
    controls = labels[labels["category"].str.startswith("control")]
    wrongly = controls[controls["applicant_id"].isin(listed)]
    assert wrongly.empty, f"controls flagged:\n{wrongly.to_string()}"
    benign = labels[labels["label"] == "0"]
    false_flags = benign[benign["applicant_id"].isin(listed)]
    assert len(false_flags) <= max(1, len(benign) // 200), false_flags.to_string()


def test_run_json_records_versions_and_hashes(demo_run):
    out, _ = demo_run
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    from detector.version import __version__

    assert run["version"] == __version__
    assert len(run["ruleset"]["sha256"]) == 64
    assert run["inputs"]["filings"]["sha256"] == hashlib.sha256((DEMO / "filings.csv").read_bytes()).hexdigest()
    for name, digest in run["outputs"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    assert run["counts"]["filings"] == len(pd.read_csv(DEMO / "filings.csv"))
    assert set(run["timings_s"]) >= {"load", "normalize", "graph", "match+filing rules", "score"}


def test_same_input_same_bytes(demo_run, tmp_path):
    from conftest import run_cli

    out1, _ = demo_run
    code, _, err = run_cli(
        [
            "screen",
            DEMO / "filings.csv",
            "--applicants",
            DEMO / "applicants.csv",
            "--register",
            DEMO / "register.csv",
            "--out",
            tmp_path,
            "--lang",
            "en",
            "--quiet",
        ]
    )
    assert code == 0, err
    for name in json.loads((out1 / "run.json").read_text())["outputs"]:
        assert (out1 / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_explain_gives_the_case(demo_run, cli):
    out, _ = demo_run
    top = pd.read_csv(out / "suspicious_applicants.csv", dtype=str).iloc[0]
    code, text, err = cli(["explain", top["applicant_id"], "--run", out, "--lang", "en"])
    assert code == 0, err
    assert top["applicant_id"] in text
    assert top["rule_ids"].split(";")[0] in text
    assert "combination" in text and "✓" in text


def test_bad_input_exit_2_and_no_output(cli, tmp_path):
    out = tmp_path / "out"
    code, _, err = cli(["screen", DATA / "inputs" / "bad_class_46.csv", "--out", out, "--lang", "en"])
    assert code == 2
    assert "bad_class_46.csv, line 5, column 'nice_class'" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_failed_run_keeps_previous_outputs(cli, tmp_path):
    out = tmp_path / "out"
    code, _, err = cli(["screen", DATA / "inputs" / "good_utf8.csv", "--out", out, "--quiet"])
    assert code == 0, err
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    code, _, _ = cli(["screen", DATA / "inputs" / "bad_date.csv", "--out", out, "--quiet"])
    assert code == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_bad_rule_file_exit_3(cli, tmp_path):
    rule = tmp_path / "r.yaml"
    rule.write_text("ruleset: x\nversion: '1'\ndescription: {zh: a, en: a}\nrules:\n  - id: BAD\n", encoding="utf-8")
    code, _, err = cli(
        ["screen", DATA / "inputs" / "good_utf8.csv", "--rules", rule, "--out", tmp_path / "o", "--lang", "en"]
    )
    assert code == 3
    assert f"{rule}:5:" in err
    assert "Traceback" not in err


def test_other_error_exit_1(cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, _, err = cli(["screen", DATA / "inputs" / "good_utf8.csv", "--out", blocker, "--quiet", "--lang", "en"])
    assert code == 1
    assert "is not a folder" in err and "Traceback" not in err


def test_python_dash_m_detector(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "detector", "--version"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert proc.returncode == 0 and "tmscreen" in proc.stdout
