"""`tmscreen registry ...`: every command's happy path (SQLite and PostgreSQL) and its errors (missing registry,
wrong schema version, unreachable server, bad input): exit code 2, one clear message, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_cli
from pg_server import pg_admin_url_fixture, pg_database_fixture, registry_url_fixture  # noqa: F401
from registry_fixtures import batch

from detector.registry import open_registry

B1 = [("F1", "A", "星光", "2024-01-10"), ("F2", "B", "月光", "2024-01-11"), ("F3", "C", "海浪", "2024-01-12")]
COMMANDS = [
    ["list"],
    ["show", "A"],
    ["decide", "A", "--status", "confirmed", "--reason", "r", "--by", "me"],
    ["diff"],
    ["labels", "--out", "{tmp}/labels.csv"],
    ["export", "--out", "{tmp}/x.jsonl"],
    ["batches"],
]


def _filled(target: str) -> None:
    with open_registry(target) as reg:
        reg.record_batch(batch("b1", B1, flagged={"A": 80.0, "B": 60.0}, clusters={"A": "K", "C": "K"}))
        reg.record_batch(batch("b2", [("F4", "A", "日光", "2024-02-01")], flagged={"A": 90.0}))


def test_every_command_on_a_registry(registry_url, tmp_path: Path):
    _filled(registry_url)
    reg = ["--registry", registry_url, "--lang", "en"]
    code, out, err = run_cli(["registry", "batches", *reg])
    assert code == 0 and "b1" in out and "b2" in out, err
    code, out, _ = run_cli(["registry", "batches", *reg, "--format", "csv"])
    assert pd.read_csv(pd.io.common.StringIO(out))["batch_id"].tolist() == ["b1", "b2"]

    code, out, err = run_cli(
        ["registry", "decide", "B", "--status", "confirmed", "--reason", "case 7", "--by", "amy", *reg]
    )
    assert code == 0 and "B: suspected -> confirmed (by amy)" in out, err
    code, out, err = run_cli(
        ["registry", "decide", "A", "--status", "cleared", "--reason", "licence", "--by", "amy", *reg]
    )
    assert code == 0, err

    code, out, err = run_cli(["registry", "list", *reg])
    assert code == 0, err
    listed = pd.read_csv(pd.io.common.StringIO(out), dtype=str, keep_default_na=False)
    assert listed["applicant_id"].tolist() == ["A", "B"] and listed["status"].tolist() == ["cleared", "confirmed"]
    out_file = tmp_path / "list.json"
    code, out, err = run_cli(["registry", "list", *reg, "--status", "confirmed", "--format", "json", "--out", out_file])
    assert code == 0 and "wrote 1 entries" in out, err
    assert [e["applicant_id"] for e in json.loads(out_file.read_text("utf-8"))] == ["B"]

    code, out, err = run_cli(["registry", "show", "A", *reg])
    assert code == 0, err
    assert "status: cleared" in out and "licence" in out and "F4" in out and "== cluster members ==" in out
    code, out, _ = run_cli(["registry", "show", "A", *reg, "--format", "json"])
    assert json.loads(out)["entry"]["status"] == "cleared"
    code, out, _ = run_cli(["registry", "show", "A", "--registry", registry_url, "--lang", "zh"])
    assert code == 0 and "状态历史" in out

    code, out, err = run_cli(["registry", "diff", *reg, "--since", "b1"])
    assert code == 0 and "changes since b1" in out and "escalations" in out, err
    code, out, _ = run_cli(["registry", "diff", *reg, "--format", "json"])
    assert set(json.loads(out)) == {"since", "new_entries", "new_cluster_members", "escalations"}

    labels = tmp_path / "labels.csv"
    code, out, err = run_cli(["registry", "labels", *reg, "--out", labels])
    assert code == 0 and "1 confirmed, 1 cleared" in out, err
    assert pd.read_csv(labels, dtype=str, keep_default_na=False).values.tolist() == [
        ["A", "0", "hoarding"],
        ["B", "1", "hoarding"],
    ]

    exported = tmp_path / "x.jsonl"
    code, out, err = run_cli(["registry", "export", *reg, "--out", exported])
    assert code == 0 and "exported 2 entries" in out, err
    other = tmp_path / "other.db"
    code, out, err = run_cli(
        ["registry", "import", exported, "--registry", other, "--source", "office-x", "--lang", "en"]
    )
    assert code == 0 and "2 new" in out and "0 conflicts" in out, err
    code, out, _ = run_cli(["registry", "list", "--registry", other])
    assert "office-x" in out


def test_labels_feed_eval(tmp_path: Path):
    """`registry labels` writes the labels contract that `tmscreen eval --labels` reads."""
    from detector.io import load_labels

    target = str(tmp_path / "r.db")
    _filled(target)
    run_cli(["registry", "decide", "A", "--status", "confirmed", "--reason", "r", "--by", "me", "--registry", target])
    run_cli(["registry", "decide", "B", "--status", "cleared", "--reason", "r", "--by", "me", "--registry", target])
    code, _, err = run_cli(["registry", "labels", "--registry", target, "--out", tmp_path / "labels.csv"])
    assert code == 0, err
    labels, _ = load_labels(tmp_path / "labels.csv")
    assert dict(zip(labels["applicant_id"], labels["label"].astype(int), strict=True)) == {"A": 1, "B": 0}


def _assert_clean_error(code: int, out: str, err: str, *words: str) -> None:
    assert code == 2, (code, out, err)
    assert "Traceback" not in err and "Traceback" not in out
    for word in words:
        assert word in err, err


@pytest.mark.parametrize("args", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_missing_registry(args, tmp_path: Path):
    missing = tmp_path / "missing.db"
    argv = ["registry", *[a.format(tmp=tmp_path) for a in args], "--registry", missing, "--lang", "en"]
    code, out, err = run_cli(argv)
    _assert_clean_error(code, out, err, "no registry at this path", "fix:")
    assert not missing.exists()
    code, out, err = run_cli([*argv[:-1], "zh"])
    _assert_clean_error(code, out, err, "此路径下没有名录", "修改建议")


@pytest.mark.parametrize("args", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_wrong_schema_version(args, tmp_path: Path):
    target = tmp_path / "r.db"
    _filled(str(target))
    with open_registry(target) as reg, reg.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0042'")
    code, out, err = run_cli(
        ["registry", *[a.format(tmp=tmp_path) for a in args], "--registry", target, "--lang", "en"]
    )
    _assert_clean_error(code, out, err, "schema revision 0042", "upgrade tmscreen")


@pytest.mark.parametrize("args", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_unreachable_server(args, tmp_path: Path):
    url = "postgresql://reviewer:S3CRET@127.0.0.1:1/registry"  # port 1: nothing listens there
    code, out, err = run_cli(["registry", *[a.format(tmp=tmp_path) for a in args], "--registry", url, "--lang", "en"])
    _assert_clean_error(code, out, err, "cannot connect to the registry server", "check the server is running")
    assert "S3CRET" not in err and "***" in err


def test_command_specific_errors(tmp_path: Path):
    target = str(tmp_path / "r.db")
    _filled(target)
    reg = ["--registry", target, "--lang", "en"]
    code, out, err = run_cli(["registry", "show", "NOBODY", *reg])
    _assert_clean_error(code, out, err, "no applicant 'NOBODY'")
    code, out, err = run_cli(
        ["registry", "decide", "NOBODY", "--status", "confirmed", "--reason", "r", "--by", "x", *reg]
    )
    _assert_clean_error(code, out, err, "'NOBODY' is neither listed nor recorded")
    code, out, err = run_cli(["registry", "decide", "A", "--status", "confirmed", "--reason", " ", "--by", "x", *reg])
    _assert_clean_error(code, out, err, "needs a reason")
    code, out, err = run_cli(["registry", "diff", *reg, "--since", "yesterday"])
    _assert_clean_error(code, out, err, "neither a recorded batch id nor a date")
    code, out, err = run_cli(["registry", "import", tmp_path / "none.jsonl", *reg, "--source", "x"])
    _assert_clean_error(code, out, err, "no interchange file")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"format": "tmscreen-registry-interchange"}\n', encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    code, out, err = run_cli(["registry", "import", bad, "--registry", fresh, "--source", "x", "--lang", "en"])
    _assert_clean_error(code, out, err, "bad.jsonl:1")
    assert not fresh.exists()  # validated before the registry is created
    code, out, err = run_cli(["registry", "list", "--registry", "mysql://x@h/db", "--lang", "en"])
    _assert_clean_error(code, out, err, "unsupported registry URL scheme")
    code, out, err = run_cli(["registry", "list", "--lang", "en"])
    assert code == 2 and "--registry" in err  # click's own usage error, also exit 2
