"""benchmarks/ab.py: the interleaved A/B comparison of two source trees runs both, reports each figure and checks the
outputs are the same bytes (timings themselves are never asserted: they live in the benchmarks)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import ab  # noqa: E402


def _run(stages: dict[str, float], wall: float, cpu: float, precise: bool = True) -> dict:
    run = {"total_s": round(wall, 1), "cpu_s": cpu, "stages": [{"stage": k, "seconds": v} for k, v in stages.items()]}
    if precise:
        run["wall_s"] = wall
    return run


def test_table_reports_means_ranges_and_pairwise_differences():
    base = [_run({"load": 1.0, "graph": 2.0}, 6.4, 11.0), _run({"load": 1.2, "graph": 2.2}, 6.6, 11.4)]
    new = [_run({"load": 0.9, "graph": 2.0}, 6.1, 10.8), _run({"load": 1.0, "graph": 2.1}, 6.4, 11.0)]
    lines = ab.table(base, new)
    rows = {line.split()[0]: line for line in lines[1:]}
    assert list(rows) == ["wall", "CPU", "load", "graph"]
    assert "6.50 [6.40-6.60]" in rows["wall"] and "6.25 [6.10-6.40]" in rows["wall"]
    assert rows["wall"].rstrip().endswith("-0.25 [-0.30 -0.20]")
    assert rows["load"].rstrip().endswith("-0.15 [-0.20 -0.10]")


def test_wall_prefers_milliseconds_and_falls_back_to_tenths():
    assert ab.wall(_run({}, 6.432, 1.0)) == 6.432
    assert ab.wall(_run({}, 6.432, 1.0, precise=False)) == 6.4


def test_same_outputs_names_differing_and_missing_files_but_not_run_json(tmp_path):
    left, right = tmp_path / "a", tmp_path / "b"
    for folder in (left, right):
        folder.mkdir()
        (folder / "same.csv").write_bytes(b"x,y\n1,2\n")
    (left / "run.json").write_text('{"t": 1}')
    (right / "run.json").write_text('{"t": 2}')
    assert ab.same_outputs(left, right) == []
    (left / "report.html").write_text("a")
    (right / "report.html").write_text("b")
    (left / "only_left.csv").write_text("")
    assert ab.same_outputs(left, right) == ["only_left.csv", "report.html"]


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs this git checkout")
def test_head_against_the_working_tree_end_to_end(tmp_path):
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "ab.py"), "HEAD", "--filings", "1500", "--pairs", "1"]
        + ["--keep", str(tmp_path / "ab")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert "1,500 filings, 1 pairs, --jobs 2: base HEAD, new the working tree" in out
    for figure in ("wall s", "CPU s", "load", "graph", "match+filing rules", "write"):
        assert any(line.startswith(figure) for line in out.splitlines()), figure
    assert "outputs: the same bytes (run.json aside)" in out
    assert sorted(p.name for p in (tmp_path / "ab").iterdir()) == ["batch", "out-base", "out-new"]
    assert (tmp_path / "ab" / "out-new" / "suspicious_applicants.csv").is_file()
    worktrees = subprocess.run(["git", "-C", str(ROOT), "worktree", "list"], capture_output=True, text=True).stdout
    assert "tmscreen-ab-trees" not in worktrees  # its temporary checkout is removed


def test_an_unknown_revision_is_a_clear_error(tmp_path):
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "ab.py"), "no-such-revision-xyz", "--filings", "10"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 2
    assert "cannot check out no-such-revision-xyz" in done.stderr
    assert "Traceback" not in done.stderr
