"""The anomaly score's forest fitted in a helper process (detector/metrics/anomaly_helper.py) gives the bytes the
in-process fit gives; a helper that dies costs only the in-process fit; a helper nobody asks is ended with the run.

Each case runs in a fresh interpreter: the helper is started only where scikit-learn is not imported yet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT

from detector.metrics.anomaly import FEATURES, anomaly_score

N = 300
SETUP = f"""
import sys
import numpy as np, pandas as pd
from detector.metrics import anomaly_helper
from detector.metrics.anomaly import anomaly_score
rng = np.random.default_rng(5)
metrics = pd.DataFrame({{c: rng.integers(0, 40, {N}) for c in {FEATURES!r}}})
metrics["applicant_id"] = [f"A{{i:04d}}" for i in range({N})][::-1]
anomaly_helper.SMALL_PROCESS_BYTES = int(sys.argv[1])
anomaly_helper.start(len(metrics))
"""
FORKED, FRESH = 1 << 40, 0  # SMALL_PROCESS_BYTES: every process is small (a fork), none is (a fresh interpreter)


def _metrics() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    metrics = pd.DataFrame({c: rng.integers(0, 40, N) for c in FEATURES})
    metrics["applicant_id"] = [f"A{i:04d}" for i in range(N)][::-1]
    return metrics


def _run(code: str, small: int = FORKED) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", SETUP + code, str(small)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout.split()


@pytest.mark.parametrize("small", [FORKED, FRESH])
def test_the_helper_gives_the_scores_of_the_in_process_forest(small):
    out = _run(
        "helper = anomaly_helper._HELPER['proc']\n"
        "scores = anomaly_score(metrics)\n"
        "print(scores.tobytes().hex(), 'sklearn.tree' in sys.modules, helper.poll() is not None)\n",
        small,
    )
    assert out[0] == anomaly_score(_metrics()).tobytes().hex()
    assert out[1:] == ["False", "True"]  # the helper fitted the forest and is gone; this process never imported it


@pytest.mark.parametrize("small", [FORKED, FRESH])
def test_a_dead_helper_costs_only_the_in_process_fit(small):
    out = _run(
        "anomaly_helper._HELPER['proc'].kill()\n"
        "scores = anomaly_score(metrics)\n"
        "print(scores.tobytes().hex(), 'sklearn.tree' in sys.modules)\n",
        small,
    )
    assert out == [anomaly_score(_metrics()).tobytes().hex(), "True"]


@pytest.mark.parametrize("small", [FORKED, FRESH])
def test_a_helper_nobody_asks_ends_with_the_run(small):
    out = _run(
        "helper = anomaly_helper._HELPER['proc']\n"
        "anomaly_helper.stop()\n"
        "anomaly_helper.start(len(metrics))\n"  # once per process: no second helper
        "print(helper.poll() is None, bool(anomaly_helper._HELPER))\n",
        small,
    )
    assert out == ["False", "False"]


def test_no_helper_where_no_interpreter_can_be_started():
    """An embedded interpreter (no sys.executable) in a large process: no helper, the fit in this process."""
    out = _run(
        "anomaly_helper.stop()\nanomaly_helper._USED[0] = False\nsys.executable = ''\n"
        "anomaly_helper.start(len(metrics))\nprint(bool(anomaly_helper._HELPER))\n"
        "print(anomaly_score(metrics).tobytes().hex(), 'sklearn.tree' in sys.modules)\n",
        FRESH,
    )
    assert out == ["False", anomaly_score(_metrics()).tobytes().hex(), "True"]


def test_no_helper_for_a_small_batch():
    out = _run(
        "anomaly_helper.stop()\nanomaly_helper._USED[0] = False\nanomaly_helper.start(10)\n"
        "print(bool(anomaly_helper._HELPER))\n"
    )
    assert out == ["False"]


def test_no_helper_while_another_thread_runs():
    """A server screens in a worker thread, batch after batch: it imports scikit-learn once and fits in-process."""
    out = _run(
        "import threading\nanomaly_helper.stop()\nanomaly_helper._USED[0] = False\n"
        "done = threading.Event()\nt = threading.Thread(target=done.wait)\nt.start()\n"
        "anomaly_helper.start(len(metrics))\nprint(bool(anomaly_helper._HELPER))\n"
        "scores = anomaly_score(metrics)\ndone.set()\nt.join()\nprint('sklearn.tree' in sys.modules)\n"
    )
    assert out == ["False", "True"]


def test_a_command_starts_it_at_its_start_when_the_file_can_hold_enough_applicants(tmp_path):
    """`tmscreen screen` starts the helper from the filings file's size, before its imports; a file too small for
    MIN_APPLICANTS rows gets none, and the early helper's scores are the in-process forest's bytes."""
    small = tmp_path / "small.csv"
    small.write_text("filing_id,mark_text,nice_class,filing_date,applicant_name\nF1,阳光,25,2024-01-02,甲公司\n")
    big = ROOT / "fixtures" / "demo" / "filings.csv"
    out = _run(
        "anomaly_helper.stop()\nanomaly_helper._USED[0] = False\n"
        f"anomaly_helper.start_for_file({str(small)!r})\nprint(bool(anomaly_helper._HELPER))\n"
        f"anomaly_helper.start_for_file({str(big)!r})\nprint(bool(anomaly_helper._HELPER))\n"
        "print(anomaly_score(metrics).tobytes().hex(), 'sklearn.tree' in sys.modules)\n"
    )
    assert out == ["False", "True", anomaly_score(_metrics()).tobytes().hex(), "False"]


def test_a_run_started_through_the_api_starts_it_before_the_load():
    """detector.pipeline.run.screen (the API's and the benchmark's path) starts the helper as the command does:
    running when the load begins, so the import overlaps the run instead of following the partitions."""
    demo = ROOT / "fixtures" / "demo"
    out = _run(
        "anomaly_helper.stop()\nanomaly_helper._USED[0] = False\n"
        "from detector.pipeline import request, run\n"
        "seen = []\nreal = request.ScreenRequest.load\n"
        "def load(self, *a, **k):\n    seen.append(bool(anomaly_helper._HELPER))\n    return real(self, *a, **k)\n"
        "request.ScreenRequest.load = load\n"
        f"result = run.screen({str(demo / 'filings.csv')!r}, {str(demo / 'applicants.csv')!r}, lang='en', jobs=1)\n"
        "print(seen, len(result.scores) > 1000, 'sklearn.tree' in sys.modules, bool(anomaly_helper._HELPER))\n"
    )
    assert out == ["[True]", "True", "False", "False"]


@pytest.mark.parametrize("small", [FORKED, FRESH])
def test_the_helper_of_a_large_process_is_a_fresh_interpreter_and_any_dies_with_its_parent(small):
    """A large process's helper is no fork (a fork would hold the parent's pages as the parent reuses them): its
    command line is the helper's program; a small process's is a fork. Killing the process that started either
    ends the helper too (Linux)."""
    import os
    import signal
    import time
    from pathlib import Path

    parent = subprocess.Popen(
        [sys.executable, "-c", SETUP + "print(anomaly_helper._HELPER['proc'].pid, flush=True)\nimport time\n"
         "time.sleep(60)\n", str(small)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        helper = int(parent.stdout.readline())
        cmdline = Path(f"/proc/{helper}/cmdline").read_bytes().split(b"\0")
        fresh = cmdline[1:3] == [b"-I", b"-c"] and b"from detector.metrics.anomaly_helper import _serve" in cmdline[3]
        assert fresh == (small == FRESH)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 20
        while Path(f"/proc/{helper}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
            try:
                os.waitpid(helper, os.WNOHANG)  # not our child: a no-op unless reparented here
            except ChildProcessError:
                pass
        state = Path(f"/proc/{helper}/stat").read_text().split()[2] if Path(f"/proc/{helper}").exists() else "gone"
        assert state in ("gone", "Z")
    finally:
        parent.kill()
        parent.wait()


def test_the_fresh_helpers_path_is_this_processs_without_the_working_folder(tmp_path, monkeypatch):
    """PYTHONPATH entries, the user site and the environment's packages reach the helper as this process has them;
    the working folder (a user's folder may hold a `detector` directory) never does; the package's own folder
    comes first when no entry holds it."""
    from detector.metrics import anomaly_helper

    monkeypatch.chdir(tmp_path)
    extra = str(tmp_path.parent / "deps")
    monkeypatch.setattr(sys, "path", ["", str(tmp_path), extra, *[p for p in sys.path if p]])
    path = anomaly_helper.helper_path()
    assert "" not in path and str(tmp_path) not in path and extra in path
    assert any(Path(p).resolve() == anomaly_helper.PACKAGE_ROOT for p in path)
    rest = [p for p in sys.path if p and p != str(tmp_path)]
    assert path == rest or path == [str(anomaly_helper.PACKAGE_ROOT), *rest]
    monkeypatch.setattr(sys, "path", [extra])  # the package on no entry: its folder first
    assert anomaly_helper.helper_path() == [str(anomaly_helper.PACKAGE_ROOT), extra]
