"""Screening engines: `pandas` (this machine: detector.pipeline.run.screen, in memory or in partitions run by forked
processes, detector.engines.local_pool) and `dask` (partitions on Dask workers, detector.engines.dask_engine).

Both produce the same ScreenResult and so byte-identical output files. Dask is imported only when used.
"""

from __future__ import annotations

ENGINES = ("pandas", "dask")


def screen_with_engine(
    engine: str = "pandas",
    scheduler: str | None = None,
    jobs: int | None = None,
    partition_filings: int | None = None,
    **kwargs,
):
    """Run `screen(**kwargs)` on the named engine. `jobs`: forked processes (pandas) or LocalCluster workers (dask,
    default 2); `partition_filings`: filings per partition; `scheduler`: dask only."""
    if engine == "dask":
        from detector.engines.dask_engine import screen_dask
        from detector.engines.partitions import DEFAULT_PARTITION_FILINGS

        return screen_dask(
            scheduler=scheduler,
            workers=jobs or 2,
            partition_filings=partition_filings or DEFAULT_PARTITION_FILINGS,
            **kwargs,
        )
    if engine != "pandas":
        raise ValueError(f"unknown engine {engine!r}; one of {', '.join(ENGINES)}")
    if scheduler:
        raise ValueError("--scheduler needs --engine dask")
    from detector.pipeline.run import screen

    return screen(jobs=jobs, partition_filings=partition_filings, **kwargs)
