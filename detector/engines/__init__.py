"""Screening engines: where a screening plan's partitions run. `pandas`: this machine (this process for one job,
forked children for more; detector.engines.executor); `dask`: Dask workers (detector.engines.dask_engine).

Every engine runs the same plan (detector.pipeline.plan) and so writes byte-identical files. Dask is imported only
when used.
"""

from __future__ import annotations

from detector.engines.executor import Executor

ENGINES = ("pandas", "dask")


def make_executor(
    engine: str = "pandas",
    scheduler: str | None = None,
    jobs: int | None = None,
    partition_filings: int | None = None,
) -> Executor:
    """The executor of `engine`. `jobs`: forked processes (pandas) or LocalCluster workers (dask, default 2);
    `partition_filings`: filings per partition; `scheduler`: a running Dask scheduler (dask only)."""
    if engine == "dask":
        from detector.engines.dask_engine import DaskExecutor

        return DaskExecutor(scheduler, jobs, partition_filings)
    if engine != "pandas":
        raise ValueError(f"unknown engine {engine!r}; one of {', '.join(ENGINES)}")
    if scheduler:
        from detector.errors import EXIT_BAD_INPUT, TmscreenError
        from detector.text import Text

        raise TmscreenError(
            Text(en="--scheduler needs --engine dask", zh="--scheduler 需要同时使用 --engine dask"),
            fix=Text(en="add --engine dask, or leave out --scheduler", zh="加上 --engine dask，或去掉 --scheduler"),
            exit_code=EXIT_BAD_INPUT,
        )
    return Executor(jobs, partition_filings)
