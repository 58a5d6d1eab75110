"""Screen a batch: build the request and the engine's executor, then run the screening plan (no file output)."""

from __future__ import annotations

from pathlib import Path

from detector import arrow_pool, gc_pause
from detector.engines import make_executor
from detector.pipeline.plan import run_plan
from detector.pipeline.progress import Progress
from detector.pipeline.request import ScreenRequest
from detector.pipeline.result import ScreenResult


def screen(
    filings: Path,
    applicants: Path | None = None,
    register: Path | None = None,
    rules: list[Path] | None = None,
    threshold: float | None = None,
    lang: str = "zh",
    skip_bad_rows: bool = False,
    progress: Progress | None = None,
    engine: str = "pandas",
    scheduler: str | None = None,
    jobs: int | None = None,
    partition_filings: int | None = None,
    registry: str | None = None,
    record: bool = True,
) -> ScreenResult:
    """Run the whole screening plan; raises InputDataError / RuleFileErrors on bad input.

    `engine` "pandas": this machine; a batch of more than `partition_filings` filings (default 250,000), or of at
    least 50,000 when `jobs` > 1 (default: the usable CPUs, at most 4), is screened in partitions by actor in
    `jobs` forked processes at a time, so memory stays bounded by the partition size. "dask": partitions on Dask
    workers (a LocalCluster of `jobs` processes, default 2, or the scheduler at `scheduler`). Same output.
    `registry` (a SQLite path or postgresql:// URL): screen against its history and, when `record`, record the batch
    (detector/pipeline/history.py, record.py). The cyclic garbage collector is paused during the run
    (detector/gc_pause.py), and pyarrow allocates from jemalloc, which returns freed memory (detector/arrow_pool.py)."""
    from detector.metrics import anomaly_helper

    # The anomaly score's helper imports scikit-learn beside the load, as `tmscreen screen` has it do (a run started
    # here, by the API or a benchmark, otherwise started it with the partitions and waited for its import after them).
    anomaly_helper.start_for_file(filings)
    with gc_pause.paused(), arrow_pool.returning():
        request = ScreenRequest(
            filings, applicants, register, rules, threshold, lang, skip_bad_rows, registry=registry, record=record
        )
        executor = make_executor(engine, scheduler, jobs, partition_filings)
        return run_plan(ScreenResult(request, executor, progress or Progress(quiet=True)))
