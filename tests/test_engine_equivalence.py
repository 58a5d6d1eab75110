"""The Dask engine writes byte-identical files to the pandas engine (run.json: except timings and the engine).

Runs fixtures/demo on both engines; the Dask run uses a LocalCluster of two worker processes on 127.0.0.1.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detector.api import run_screening
from detector.report.write import OUTPUT_FILES

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "fixtures" / "demo"


def _run_record(path: Path) -> dict:
    record = json.loads(path.read_text(encoding="utf-8"))
    record.pop("timings_s")
    record["parameters"].pop("engine")
    return record


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("engines")
    kwargs = {"applicants": DEMO / "applicants.csv", "register": DEMO / "register.csv"}
    run_screening(DEMO / "filings.csv", out=base / "pandas", engine="pandas", **kwargs)
    run_screening(DEMO / "filings.csv", out=base / "dask", engine="dask", workers=2, **kwargs)
    return base / "pandas", base / "dask"


def test_same_files(two_runs: tuple[Path, Path]) -> None:
    pandas_out, dask_out = two_runs
    names = sorted(p.name for p in pandas_out.iterdir())
    assert names == sorted(p.name for p in dask_out.iterdir())
    assert set(OUTPUT_FILES) <= set(names)


@pytest.mark.parametrize("name", [n for n in OUTPUT_FILES if n != "run.json"])
def test_output_byte_identical(two_runs: tuple[Path, Path], name: str) -> None:
    pandas_out, dask_out = two_runs
    assert (pandas_out / name).read_bytes() == (dask_out / name).read_bytes(), f"{name} differs between engines"


def test_run_record_identical_but_timings(two_runs: tuple[Path, Path]) -> None:
    pandas_out, dask_out = two_runs
    a, b = _run_record(pandas_out / "run.json"), _run_record(dask_out / "run.json")
    assert json.loads((dask_out / "run.json").read_text(encoding="utf-8"))["parameters"]["engine"] == "dask"
    assert a == b
    assert a["counts"]["filing_hits"] > 0 and a["counts"]["flagged_applicants"] > 0 and a["counts"]["clusters"] > 0


def test_unknown_engine_and_scheduler_without_dask() -> None:
    from detector.engines import screen_with_engine

    with pytest.raises(ValueError, match="unknown engine"):
        screen_with_engine("spark", filings=DEMO / "filings.csv")
    with pytest.raises(ValueError, match="--scheduler needs --engine dask"):
        screen_with_engine("pandas", scheduler="tcp://127.0.0.1:8786", filings=DEMO / "filings.csv")


def test_bad_or_unreachable_scheduler_is_a_clear_error(tmp_path) -> None:
    """A malformed --scheduler and one nobody listens on: one message with the fix, exit 1, no output folder."""
    from conftest import DATA, run_cli

    source = DATA / "inputs" / "good_utf8.csv"
    code, _, err = run_cli(["screen", source, "--engine", "dask", "--scheduler", "not-an-address", "--out", tmp_path / "a", "--quiet"])
    assert code == 1 and "not a Dask scheduler address" in err and "tcp://HOST:PORT" in err and "Traceback" not in err
    code, _, err = run_cli(["screen", source, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--out", tmp_path / "b", "--quiet", "--lang", "en"])
    assert code == 1 and "cannot reach the Dask scheduler tcp://127.0.0.1:9" in err and "internal error" not in err
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
