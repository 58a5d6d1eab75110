"""Every engine writes byte-identical files to the in-memory pandas run (run.json: except timings and parameters).

Runs fixtures/demo three ways: the pandas engine in memory (the whole batch at once); the pandas engine in
partitions of 1,000 filings screened by two forked processes (normalization and output writing forked too); the
Dask engine on a LocalCluster of two worker
processes on 127.0.0.1.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detector.api import run_screening
from detector.report.write import OUTPUT_FILES

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "fixtures" / "demo"


ENGINE_PARAMETERS = ("engine", "jobs", "partition_filings")
PARTITIONED = ["forked", "dask"]


def _run_record(path: Path) -> dict:
    record = json.loads(path.read_text(encoding="utf-8"))
    record.pop("timings_s")
    for key in ENGINE_PARAMETERS:
        record["parameters"].pop(key)
    return record


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("engines")
    kwargs = {"applicants": DEMO / "applicants.csv", "register": DEMO / "register.csv"}
    run_screening(DEMO / "filings.csv", out=base / "pandas", engine="pandas", jobs=1, **kwargs)
    with pytest.MonkeyPatch.context() as patch:  # the demo is small: fork for normalization and writing too
        patch.setattr("detector.batch.PARALLEL_CANONICAL_MIN", 100)
        patch.setattr("detector.report.write.PARALLEL_WRITE_MIN_FILINGS", 100)
        run_screening(
            DEMO / "filings.csv", out=base / "forked", engine="pandas", jobs=2, partition_filings=1000, **kwargs
        )
    run_screening(DEMO / "filings.csv", out=base / "dask", engine="dask", jobs=2, **kwargs)
    return {name: base / name for name in ["pandas", *PARTITIONED]}


@pytest.mark.parametrize("other", PARTITIONED)
def test_same_files(runs: dict[str, Path], other: str) -> None:
    names = sorted(p.name for p in runs["pandas"].iterdir())
    assert names == sorted(p.name for p in runs[other].iterdir())
    assert set(OUTPUT_FILES) <= set(names)


@pytest.mark.parametrize("other", PARTITIONED)
@pytest.mark.parametrize("name", [n for n in OUTPUT_FILES if n != "run.json"])
def test_output_byte_identical(runs: dict[str, Path], name: str, other: str) -> None:
    assert (runs["pandas"] / name).read_bytes() == (runs[other] / name).read_bytes(), (
        f"{name} differs: pandas vs {other}"
    )


def test_run_record_identical_but_timings(runs: dict[str, Path]) -> None:
    base = _run_record(runs["pandas"] / "run.json")
    for other in PARTITIONED:
        assert _run_record(runs[other] / "run.json") == base, other
    forked = json.loads((runs["forked"] / "run.json").read_text(encoding="utf-8"))
    assert forked["parameters"]["jobs"] == 2 and forked["parameters"]["partition_filings"] == 1000
    assert "partition" in forked["timings_s"], "the forked run did not go through partitions"
    assert json.loads((runs["dask"] / "run.json").read_text(encoding="utf-8"))["parameters"]["engine"] == "dask"
    assert (
        base["counts"]["filing_hits"] > 0
        and base["counts"]["flagged_applicants"] > 0
        and base["counts"]["clusters"] > 0
    )


def test_partition_count_per_engine() -> None:
    """pandas: small batches stay whole; large ones split by size; with several jobs, batches of 50,000+ split per
    job. dask: every worker gets a partition whatever the size. One function decides for both."""
    from detector.engines import make_executor

    def parts(engine: str, n: int, jobs: int, size: int | None = None) -> int:
        return make_executor(engine, jobs=jobs, partition_filings=size).partitions(n)

    assert parts("pandas", 4_000, 4) == 1
    assert parts("pandas", 49_999, 2) == 1
    assert parts("pandas", 100_000, 2) == 2
    assert parts("pandas", 1_000_000, 2) == 4
    assert parts("pandas", 1_000_000, 1, 100_000) == 10
    assert parts("pandas", 3_000, 1, 1_000) == 3
    assert parts("dask", 4_000, 2) == 2
    assert parts("dask", 1_000_000, 2) == 4


def test_forked_worker_failures_are_clear_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """A partition process that dies (killed for memory, say) or raises ends the run with one clear error."""
    import os

    from detector.errors import InputDataError, TmscreenError
    from detector.pipeline import stages
    from detector.pipeline.run import screen

    kwargs = {
        "applicants": DEMO / "applicants.csv",
        "register": DEMO / "register.csv",
        "jobs": 2,
        "partition_filings": 1000,
    }
    monkeypatch.setattr(stages, "screen_partition", lambda context, part: os._exit(9))
    with pytest.raises(TmscreenError, match=r"worker process for partition \d of \d+ died \(exit code 9\)") as err:
        screen(DEMO / "filings.csv", **kwargs)
    assert "--jobs" in err.value.render()

    def bad(context, part):
        raise InputDataError("no such column", file="x.csv", line=3, column="mark_text")

    monkeypatch.setattr(stages, "screen_partition", bad)
    with pytest.raises(InputDataError, match="x.csv, row 3, column 'mark_text': no such column"):
        screen(DEMO / "filings.csv", **kwargs)
    assert multiprocessing_children() == []


def multiprocessing_children() -> list:
    import multiprocessing

    return [p for p in multiprocessing.active_children() if p.name.startswith("tmscreen-partition")]


def test_unknown_engine_and_scheduler_without_dask() -> None:
    from detector.pipeline.run import screen

    with pytest.raises(ValueError, match="unknown engine"):
        screen(DEMO / "filings.csv", engine="spark")
    from detector.errors import TmscreenError

    with pytest.raises(TmscreenError, match="--scheduler needs --engine dask") as err:  # a user error, not a bug
        screen(DEMO / "filings.csv", engine="pandas", scheduler="tcp://127.0.0.1:8786")
    assert err.value.exit_code == 2


def test_bad_or_unreachable_scheduler_is_a_clear_error(tmp_path) -> None:
    """A malformed --scheduler and one nobody listens on: one message with the fix, exit 1, no output folder."""
    from conftest import DATA, run_cli

    source = DATA / "inputs" / "good_utf8.csv"
    code, _, err = run_cli(
        [
            "screen",
            source,
            "--engine",
            "dask",
            "--scheduler",
            "not-an-address",
            "--out",
            tmp_path / "a",
            "--quiet",
            "--lang",
            "en",
        ]
    )
    assert code == 1 and "not a Dask scheduler address" in err and "tcp://HOST:PORT" in err and "Traceback" not in err
    code, _, err = run_cli(
        [
            "screen",
            source,
            "--engine",
            "dask",
            "--scheduler",
            "tcp://127.0.0.1:9",
            "--out",
            tmp_path / "b",
            "--quiet",
            "--lang",
            "en",
        ]
    )
    assert code == 1 and "cannot reach the Dask scheduler tcp://127.0.0.1:9" in err and "internal error" not in err
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
