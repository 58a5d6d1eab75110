"""The public Python API: what the CLI calls, and what a notebook user calls the same way."""

from __future__ import annotations

from pathlib import Path

from detector import gc_pause
from detector.pipeline.progress import Progress
from detector.pipeline.run import ScreenResult, screen
from detector.report import write_outputs

__all__ = ["ScreenResult", "run_screening", "screen"]


def run_screening(
    filings: Path,
    applicants: Path | None = None,
    register: Path | None = None,
    rules: list[Path] | None = None,
    out: Path = Path("out"),
    threshold: float | None = None,
    lang: str = "zh",
    skip_bad_rows: bool = False,
    excel_csv: bool = False,
    quiet: bool = True,
    engine: str = "pandas",
    scheduler: str | None = None,
    jobs: int | None = None,
    partition_filings: int | None = None,
    registry: str | None = None,
) -> tuple[ScreenResult, dict[str, str]]:
    """Screen a batch and write the run folder; returns the result and the sha256 of each output file.

    `engine`: "pandas" (this machine: in memory, or in partitions by actor run in up to `jobs` forked processes
    for large batches) or "dask" (filing partitions on Dask workers: a LocalCluster of `jobs` processes, default 2,
    or the running scheduler at `scheduler`, e.g. tcp://10.0.0.5:8786). `partition_filings` (default 250,000)
    bounds the filings per partition. Every engine and job count writes identical files. `registry`: a SQLite path
    or postgresql:// URL to screen against (history, repeat offenders, cleared entries) and record the batch into.
    """
    from detector.engines.executor import default_jobs

    progress = Progress(quiet=quiet)
    with gc_pause.paused():  # the run and the write: no collection between them (detector/gc_pause.py)
        result = screen(
            filings,
            applicants,
            register,
            rules,
            threshold,
            lang,
            skip_bad_rows,
            progress,
            engine=engine,
            scheduler=scheduler,
            jobs=jobs,
            partition_filings=partition_filings,
            registry=registry,
        )
        parameters = {
            "filings": str(filings),
            "applicants": str(applicants) if applicants else None,
            "register": str(register) if register else None,
            "rules": [str(r) for r in rules] if rules else None,
            "threshold": result.threshold,
            "lang": lang,
            "skip_bad_rows": skip_bad_rows,
            "excel_csv": excel_csv,
            "engine": engine,
            "jobs": jobs,
            "partition_filings": partition_filings,
        }
        if registry is not None:
            parameters["registry"] = result.registry.target if result.registry is not None else str(registry)
        with progress.stage("write", f"writing {out}"):
            hashes = write_outputs(result, out, parameters, excel_csv, jobs=jobs or default_jobs())
    return result, hashes
