"""Screening engines: `pandas` (in memory, detector.pipeline.run.screen) and `dask` (partitions on Dask workers).

Both produce the same ScreenResult and so byte-identical output files. Dask is imported only when used.
"""

from __future__ import annotations

ENGINES = ("pandas", "dask")


def screen_with_engine(engine: str = "pandas", scheduler: str | None = None, workers: int = 2, **kwargs):
    """Run `screen(**kwargs)` on the named engine; `scheduler` / `workers` apply to dask only."""
    if engine == "dask":
        from detector.engines.dask_engine import screen_dask

        return screen_dask(scheduler=scheduler, workers=workers, **kwargs)
    if engine != "pandas":
        raise ValueError(f"unknown engine {engine!r}; one of {', '.join(ENGINES)}")
    if scheduler:
        raise ValueError("--scheduler needs --engine dask")
    from detector.pipeline.run import screen

    return screen(**kwargs)
