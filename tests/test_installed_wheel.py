"""The wheel as users install it: built, installed into a fresh virtual environment, run from an empty folder.

No checkout is on the path: the console script and `python -m detector` of the new environment must find the rule
set, the reference lists, the baseline batch, the report and graph assets and the normalization tables inside the
installed package, and run every command a first-time user runs.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import ROOT


def _run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: int = 600) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    assert proc.returncode == 0, (
        f"{' '.join(cmd)} exited {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    )
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A fresh venv with the built wheel and its dependencies; returns (bin folder, environment)."""
    base = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["TMSCREEN_LANG"] = "en"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(base / "dist"), str(ROOT)], base, env)
    wheel = next((base / "dist").glob("tmscreen-*.whl"))
    venv.EnvBuilder(with_pip=True, clear=True).create(base / "venv")
    bin_dir = base / "venv" / "bin"
    _run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        base,
        env,
    )
    return bin_dir, env


@pytest.fixture(scope="module")
def user_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty folder outside the checkout, as a user's working folder."""
    folder = tmp_path_factory.mktemp("user")
    assert not (folder / "rules").exists() and ROOT not in folder.parents
    return folder


def test_package_is_imported_from_the_venv(installed, user_dir):
    bin_dir, env = installed
    out = _run(
        [str(bin_dir / "python"), "-c", "import detector, graphs; print(detector.__file__, graphs.__file__)"],
        user_dir,
        env,
    )
    for path in out.stdout.split():
        assert str(bin_dir.parent) in path and str(ROOT) not in path


def test_every_user_command_runs_from_an_empty_folder(installed, user_dir):
    bin_dir, env = installed
    tm = str(bin_dir / "tmscreen")
    version = _run([tm, "--version"], user_dir, env).stdout
    assert "tmscreen" in version
    check = _run([tm, "rules", "check"], user_dir, env).stdout
    assert check.startswith("ok: ") and " 0 warning(s)" in check
    rules_test = _run([tm, "rules", "test"], user_dir, env).stdout
    assert " 0 failure(s)" in rules_test
    baseline = next(line for line in rules_test.splitlines() if line.startswith("baseline "))
    assert str(bin_dir.parent) in baseline and " 0 not listed" in baseline, baseline

    _run([tm, "fixtures", "generate", "--out", "batch", "--filings", "1500"], user_dir, env)
    batch = user_dir / "batch"
    assert {p.name for p in batch.iterdir()} >= {"filings.csv", "applicants.csv", "register.csv", "labels.csv"}
    inputs = ["--applicants", "batch/applicants.csv", "--register", "batch/register.csv"]
    _run([tm, "screen", "batch/filings.csv", *inputs, "--out", "run", "--lang", "en", "--quiet"], user_dir, env)
    run = user_dir / "run"
    record = json.loads((run / "run.json").read_text(encoding="utf-8"))
    assert record["ruleset"]["sha256"] and record["tool"] == "tmscreen"
    assert all(str(bin_dir.parent) in f["path"] for f in record["ruleset"]["files"]), record["ruleset"]["files"]
    with (run / "suspicious_applicants.csv").open(encoding="utf-8") as fh:
        flagged = list(csv.DictReader(fh))
    assert flagged, "the generated batch has planted suspicious applicants"
    assert (run / "report.html").read_text(encoding="utf-8").count("<html") == 1

    applicant = flagged[0]["applicant_id"]
    explained = _run([tm, "explain", applicant, "--run", "run", "--lang", "en"], user_dir, env).stdout
    assert applicant in explained

    with (run / "clusters.csv").open(encoding="utf-8") as fh:
        cluster = next(csv.DictReader(fh))["cluster_id"]
    _run([tm, "network", "run", "--cluster", cluster, "--format", "html", "--out", "cluster.html"], user_dir, env)
    assert cluster in (user_dir / "cluster.html").read_text(encoding="utf-8")

    _run(
        [tm, "eval", "batch/filings.csv", "--labels", "batch/labels.csv", *inputs, "--out", "eval", "--quiet"],
        user_dir,
        env,
    )
    metrics = json.loads((user_dir / "eval" / "metrics.json").read_text(encoding="utf-8"))
    assert metrics

    # A fresh SQLite registry: the Alembic migrations load from the installed package (no alembic.ini, no checkout).
    header = {"format": "tmscreen-registry-interchange", "version": 1, "exported_at": "x", "tool_version": "x"}
    entry = {"type": "entry", "applicant_id": "AN-1", "name": "星光", "status": "confirmed", "history": []}
    (user_dir / "list.jsonl").write_text(
        json.dumps({**header, "n_entries": 1}) + "\n" + json.dumps(entry, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    imported = _run(
        [tm, "registry", "import", "list.jsonl", "--registry", "reg.db", "--source", "x", "--lang", "en"], user_dir, env
    ).stdout
    assert "1 new" in imported
    batches = _run([tm, "registry", "batches", "--registry", "reg.db", "--lang", "en"], user_dir, env).stdout
    assert "no batches recorded yet" in batches
    assert "AN-1" in _run([tm, "registry", "list", "--registry", "reg.db"], user_dir, env).stdout


def test_python_dash_m_detector_works_the_same(installed, user_dir):
    bin_dir, env = installed
    py = str(bin_dir / "python")
    assert (
        _run([py, "-m", "detector", "--version"], user_dir, env).stdout
        == _run([str(bin_dir / "tmscreen"), "--version"], user_dir, env).stdout
    )
    assert _run([py, "-m", "detector", "rules", "check"], user_dir, env).stdout.startswith("ok: ")


def test_a_large_process_gets_the_anomaly_helper_from_the_installed_package(installed, user_dir):
    """A process that held more than SMALL_PROCESS_BYTES starts the helper as a fresh interpreter, which must import
    the installed package (not the checkout, not the working folder): its scores are those of the in-process fit,
    and this process never imports scikit-learn."""
    bin_dir, env = installed
    (user_dir / "detector").mkdir(exist_ok=True)  # a folder of the user's named like the package: never imported
    (user_dir / "detector" / "__init__.py").write_text("raise SystemExit('the working folder was imported')\n")
    code = """
import sys, numpy as np
ballast = np.ones(48 << 20)  # 384 MB held once: a large process
del ballast
from detector.metrics import anomaly_helper
from detector.metrics.isolation_forest import forest_scores
anomaly_helper.start(300)
proc = anomaly_helper._HELPER["proc"]
fresh = not isinstance(proc, anomaly_helper._Forked)
x = np.log1p(np.random.RandomState(3).randint(0, 40, size=(300, 6)).astype(np.float64))
helped = anomaly_helper.fit_scores(x)
print(fresh, helped is not None, "sklearn.tree" in sys.modules)
print(helped.tobytes() == forest_scores(x).tobytes())
"""
    try:  # -I: this script itself must not import the working folder's `detector` either
        out = _run([str(bin_dir / "python"), "-I", "-c", code], user_dir, env).stdout.split()
    finally:
        (user_dir / "detector" / "__init__.py").unlink()
        (user_dir / "detector").rmdir()
    assert out == ["True", "True", "False", "True"]
