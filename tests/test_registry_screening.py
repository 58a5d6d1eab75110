"""Screening batch after batch against a registry (issue 16), on SQLite and on a real PostgreSQL server.

Each batch is a small hand-written file screened through the real pipeline with `registry=`; the registry is the
real one (detector.registry), and what is asserted is what an examiner would see: who is flagged, the history cited
with its batch ids, the list's statuses and the repeat offenders first.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from pg_server import pg_admin_url_fixture, pg_database_fixture, registry_url_fixture  # noqa: F401

from detector.pipeline.run import screen
from detector.registry import open_registry

HEADER = "filing_id,mark_text,nice_class,filing_date,applicant_name,applicant_id\n"
SYLLABLES = "云川禾木青岚朔晖澜栖屿棠渡蔚琰珂霁璟溪汀"
PERSON = ("370102198001011234", "王大伟")


def _marks(start: int, n: int) -> list[str]:
    """n invented two-character marks, distinct across calls with distinct `start`."""
    out = []
    for i in range(start, start + n):
        a, b = divmod(i, len(SYLLABLES))
        out.append(SYLLABLES[a % len(SYLLABLES)] + SYLLABLES[b] + "坊")
    return out


def _write(path: Path, rows: list[tuple[str, str, int, str, str, str]]) -> Path:
    path.write_text(HEADER + "".join(",".join(str(c) for c in r) + "\n" for r in rows), encoding="utf-8")
    return path


def _week(tmp: Path, k: int, extra: list[tuple] = ()) -> Path:
    """Week k: the person files 9 new invented marks (a weekly batch alone is far below any volume line); an honest
    person files 2."""
    rows = [
        (f"W{k}-{i}", m, 1 + (i * 5 + k) % 45, f"2024-03-{4 + 7 * k:02d}", PERSON[1], PERSON[0])
        for i, m in enumerate(_marks(9 * k, 9))
    ]
    rows += [(f"H{k}-{i}", m, 30, f"2024-03-{5 + 7 * k:02d}", "李小红", "330102199002023456") for i, m in
             enumerate(_marks(200 + 2 * k, 2))]  # fmt: skip
    return _write(tmp / f"week{k}.csv", rows + list(extra))


def _flagged(result) -> dict[str, dict]:
    f = result.flagged()
    return {row["applicant_id"]: row for _, row in f.iterrows()}


@pytest.fixture()
def weeks(tmp_path, registry_url):
    """Weeks 0..3 screened one after another against one registry; the results in order."""
    return [screen(_week(tmp_path, k), registry=registry_url) for k in range(4)], registry_url, tmp_path


def test_weekly_filer_is_flagged_once_history_crosses_the_line(weeks):
    results, url, tmp = weeks
    flags = [PERSON[0] in _flagged(r) for r in results]
    assert flags[:2] == [False, False] and flags[3]
    assert PERSON[0] not in _flagged(screen(tmp / "week3.csv"))  # the same week alone, without the registry
    last = results[-1]
    assert last.n_batch_filings == 11 and len(last.batch.filings) == 11 + 27 + 6  # both persons' earlier filings
    row = _flagged(last)[PERSON[0]]
    assert "HOARD-002" in row["rule_ids"] and row["n_filings"] == 36
    assert "330102199002023456" not in _flagged(last)
    # The earlier filings are cited with the batches that recorded them.
    earlier = {r.batch_id for r in results[:3]}
    assert set(last.filing_batch[last.n_batch_filings :]) == earlier
    with open_registry(url) as reg:
        assert list(reg.batches()["batch_id"]) == [r.batch_id for r in results]
        entries = reg.entries()
    assert list(entries["applicant_id"]) == [PERSON[0]] and entries["status"].iloc[0] == "suspected"


def test_screening_a_batch_again_changes_nothing(weeks):
    results, url, tmp = weeks
    with open_registry(url) as reg:
        before = (reg.batches(), reg.entries())
    again = screen(tmp / "week3.csv", registry=url)
    assert again.recorded is False and again.batch_id == results[-1].batch_id
    assert set(_flagged(again)) == set(_flagged(results[-1]))
    assert len(again.batch.filings) == len(results[-1].batch.filings)  # its own filings are not history
    with open_registry(url) as reg:
        after = (reg.batches(), reg.entries())
    pd.testing.assert_frame_equal(before[0], after[0])
    pd.testing.assert_frame_equal(before[1], after[1])


def test_cleared_stays_clear_on_the_same_evidence_and_returns_on_new(weeks):
    _, url, tmp = weeks
    with open_registry(url) as reg:
        reg.decide(PERSON[0], "cleared", "a design studio naming its collections", "examiner-1")
    # One more invented mark: the same rule on the same applicant, no new kind of evidence.
    quiet = screen(_write(tmp / "w4.csv", [("W4-0", _marks(400, 1)[0], 20, "2024-04-02", PERSON[1], PERSON[0])]),
                   registry=url)  # fmt: skip
    assert PERSON[0] not in _flagged(quiet)
    assert bool(quiet.scores.set_index("applicant_id").loc[PERSON[0], "cleared"])
    with open_registry(url) as reg:
        assert reg.entry(PERSON[0])["entry"]["status"] == "cleared"
    # A copy of a famous mark is new evidence: flagged again, and the list shows both decisions.
    back = screen(_write(tmp / "w5.csv", [("W5-0", "NIKE", 25, "2024-04-09", PERSON[1], PERSON[0])]), registry=url)
    row = _flagged(back)[PERSON[0]]
    assert row["new_evidence"] and "SQUAT-001" in row["rule_ids"]
    with open_registry(url) as reg:
        entry = reg.entry(PERSON[0])
    assert entry["entry"]["status"] == "suspected"
    assert list(entry["history"]["status"])[-2:] == ["cleared", "suspected"]


def test_confirmed_applicant_under_a_name_variant_is_a_repeat_offender_listed_first(tmp_path, registry_url):
    copier = ("91440300MA5AAAAA1X", "深圳市恒远贸易有限公司")
    first = _write(
        tmp_path / "b1.csv",
        [(f"C{i}", m, 25, "2024-05-06", copier[1], copier[0]) for i, m in enumerate(["NIKE", "ADIDAS", "PUMA"])],
    )
    screen(first, registry=registry_url)
    with open_registry(registry_url) as reg:
        reg.decide(copier[0], "confirmed", "copies of three famous marks", "examiner-2")
    # Months later: the same firm without 市 under a new code files one plain mark; a stranger copies a famous mark.
    later = _write(
        tmp_path / "b2.csv",
        [
            ("D1", "恒远之星", 35, "2024-09-02", "深圳恒远贸易有限公司", "91440300MA5BBBBB2Y"),
            ("D2", "CHANEL", 3, "2024-09-02", "赵一鸣", "110101199003034567"),
            ("D3", "LOUIS VUITTON", 18, "2024-09-02", "赵一鸣", "110101199003034567"),
        ],
    )
    result = screen(later, registry=registry_url)
    flagged = result.flagged()
    assert list(flagged["applicant_id"])[0] == "91440300MA5BBBBB2Y"
    top = flagged.iloc[0]
    assert top["repeat_offender"] and "HIST-003" in top["rule_ids"]
    assert flagged.iloc[1]["score"] > top["score"] or not flagged.iloc[1]["repeat_offender"]


def test_cli_screen_and_eval_with_registry(tmp_path):
    """Through the console script: screen two weeks into a SQLite file, decide, export the labels, evaluate the
    second week against the registry with them (read only: eval records nothing)."""
    db = tmp_path / "reg.db"
    exe = [sys.executable, "-m", "detector"]

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*exe, *args], capture_output=True, text=True, cwd=tmp_path)

    for k in range(4):
        done = run("screen", str(_week(tmp_path, k)), "--out", f"out{k}", "--registry", str(db), "--lang", "en")
        assert done.returncode == 0, done.stderr
    assert "recorded in the registry" in done.stdout and "from the registry's history" in done.stdout
    table = pd.read_csv(tmp_path / "out3" / "suspicious_applicants.csv", dtype=str)
    assert list(table.columns[-4:]) == ["repeat_offender", "new_evidence", "history_filings", "history_batches"]
    row = table.set_index("applicant_id").loc[PERSON[0]]
    assert row["history_filings"] == "27" and len(row["history_batches"].split(";")) == 3
    run_json = json.loads((tmp_path / "out3" / "run.json").read_text(encoding="utf-8"))
    assert run_json["registry"]["recorded"] is True and len(run_json["registry"]["history_batches"]) == 3
    done = run("registry", "decide", PERSON[0], "--status", "confirmed", "--reason", "r", "--by", "e", "--registry",
               str(db))  # fmt: skip
    assert done.returncode == 0, done.stderr
    done = run("registry", "labels", "--registry", str(db), "--out", "labels.csv")
    assert done.returncode == 0, done.stderr
    done = run(
        "eval", str(tmp_path / "week3.csv"), "--labels", "labels.csv", "--out", "ev", "--registry", str(db), "-q"
    )
    assert done.returncode == 0, done.stderr
    metrics = json.loads((tmp_path / "ev" / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["overall"]["tp"] == 1 and metrics["overall"]["positives"] == 1
    done = run("registry", "batches", "--registry", str(db))
    assert done.stdout.count("\n") == 5  # header and four batches: eval recorded nothing
    missing = run(
        "screen", str(tmp_path / "week0.csv"), "--out", "o", "--registry", "postgresql://nobody@127.0.0.1:1/x"
    )
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_a_registry_row_that_breaks_the_contract_stops_the_run_with_its_place(tmp_path):
    """A stored filing edited by hand into a bad date: the screening that reads it stops with exit 2, names the
    registry's history and the row, and writes no output folder."""
    import sqlite3

    db = tmp_path / "reg.db"
    exe = [sys.executable, "-m", "detector"]
    done = subprocess.run([*exe, "screen", str(_week(tmp_path, 0)), "--out", "o0", "--registry", str(db)],
                          capture_output=True, text=True, cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE filings SET filing_date = '2024-02-31' WHERE filing_id = 'W0-3'")
    done = subprocess.run(
        [*exe, "screen", str(_week(tmp_path, 1)), "--out", "o1", "--registry", str(db), "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "registry history" in done.stderr and "filing_date" in done.stderr
    assert not (tmp_path / "o1").exists()
