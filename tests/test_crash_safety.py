"""Crash safety: a run killed while writing leaves the previous output folder intact and no partial new one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from conftest import DATA, ROOT

SCRIPT = """
import sys, time
from pathlib import Path
from detector.pipeline.run import screen
from detector.report import write_outputs

def stall(result, staging):
    (staging / "partial.txt").write_text("half")
    Path(sys.argv[2]).write_text("writing")
    time.sleep(60)

result = screen(Path(sys.argv[1]))
write_outputs(result, Path(sys.argv[3]), {}, extra_writers=[stall])
"""


def _kill_while_writing(filings, marker, out):
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(filings), str(marker), str(out)], cwd=ROOT)
    deadline = time.time() + 120
    while not marker.exists():
        assert proc.poll() is None, "the run ended before writing"
        assert time.time() < deadline
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def test_killed_run_leaves_previous_outputs_intact(cli, tmp_path):
    out = tmp_path / "out"
    code, _, err = cli(["screen", DATA / "inputs" / "good_utf8.csv", "--out", out, "--quiet"])
    assert code == 0, err
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    _kill_while_writing(DATA / "inputs" / "good_bom.csv", tmp_path / "marker", out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    # the next run cleans the dead run's staging folder and writes normally
    code, _, err = cli(["screen", DATA / "inputs" / "good_bom.csv", "--out", out, "--quiet"])
    assert code == 0, err
    assert not [p for p in tmp_path.iterdir() if "staging" in p.name]


def test_killed_first_run_leaves_no_output_folder(tmp_path):
    out = tmp_path / "fresh"
    _kill_while_writing(DATA / "inputs" / "good_utf8.csv", tmp_path / "marker", out)
    assert not out.exists()
