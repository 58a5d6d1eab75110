"""Where the partitions of a screening run are screened: the executor each engine provides.

The screening plan (detector.pipeline.plan) is the same for every engine; an executor only decides how many
partitions a batch gets, where texts are canonicalized and graph link groups computed, and where the partitions
run. `LocalExecutor` is the pandas engine: this process for one job, forked children for more
(detector.fork_map). The Dask executor (detector.engines.dask_engine) runs them on Dask workers.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from detector.fork_map import Pending, fork_beside, fork_later, fork_map, in_turn, usable_cpus
from detector.metrics import anomaly_helper

DEFAULT_PARTITION_FILINGS = 250_000
# Below this many filings the local engine screens one partition even with several jobs (forking costs more).
MIN_PARALLEL_FILINGS = 50_000


def default_jobs() -> int:
    """Worker processes when none are asked for: the usable CPUs, at most 4 (each holds one partition)."""
    return max(1, min(4, usable_cpus()))


def partition_count(n_filings: int, partition_filings: int, workers: int, min_parallel_filings: int) -> int:
    """Enough partitions that none holds (much) more than `partition_filings` filings, and at least one per worker
    once the batch has `min_parallel_filings` filings."""
    n_parts = math.ceil(n_filings / max(1, partition_filings))
    if workers > 1 and n_filings >= min_parallel_filings:
        n_parts = max(n_parts, workers)
    return max(1, n_parts)


class Executor:
    """The pandas engine on this machine: partitions screened here (one job) or in forked children (`jobs` > 1)."""

    name = "pandas"
    min_parallel_filings = MIN_PARALLEL_FILINGS
    starts = False  # whether `start` does work worth a stage of its own
    # Whether partitions read this process's objects (in this process or a forked one), not pickled copies: those
    # the PartitionContext leaves out of its pickle (the batch's key table, the own keys) reach them.
    partitions_inherit = True

    def __init__(self, jobs: int | None = None, partition_filings: int | None = None) -> None:
        self.workers = default_jobs() if jobs is None else max(1, int(jobs))
        self.partition_filings = DEFAULT_PARTITION_FILINGS if partition_filings is None else int(partition_filings)
        self._pending: list[Pending] = []

    def start(self) -> None:
        """Bring up the workers (nothing to do on this machine)."""

    def close(self) -> None:
        """Stop what `start` brought up, and any child of `later` whose result nobody took."""
        for pending in self._pending:
            pending.cancel()
        self._pending.clear()

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
        anomaly_helper.stop()

    def partitions(self, n_filings: int) -> int:
        return partition_count(n_filings, self.partition_filings, self.workers, self.min_parallel_filings)

    def normalize_options(self, n_parts: int) -> dict[str, Any]:
        """Keyword arguments of prepare_batch: fork the canonicalization only when the partitions are forked."""
        return {"jobs": self.workers if n_parts > 1 else 1}

    def graph_runner(self) -> Callable | None:
        """Where the graph's link groups run (None: in this process)."""
        return None

    def forks_beside(self, worth: bool) -> bool:
        """Whether `beside` and `later` fork: when the caller finds it `worth` it (a batch screened in forked
        partitions) and this engine runs several jobs."""
        return worth and self.workers > 1

    def beside(self, task: Callable[[], Any], here: Callable[[], Any], what: str, worth: bool) -> tuple[Any, Any]:
        """(task(), here()): side by side, `task` in a forked child, when `forks_beside(worth)`; else in turn,
        `here` first."""
        if self.forks_beside(worth):
            return fork_beside(task, here, what)
        return in_turn(task, here)

    def later(self, task: Callable[[], Any], what: str, worth: bool) -> Pending:
        """`task` started in a forked child, its result asked for by a later stage, when `forks_beside(worth)`;
        else run now. A child still running when the run ends (an error in between) is stopped."""
        if not self.forks_beside(worth):
            return Pending.ready(task(), what)
        pending = fork_later(task, what)
        self._pending.append(pending)
        return pending

    def where(self, n_parts: int) -> str:
        return f"in {min(self.workers, n_parts)} processes"

    def prepare(self, build: Callable[[], None], n_parts: int) -> None:
        """Build once, before the partitions run, what every partition reads (forked children inherit it)."""
        if n_parts > 1 and self.workers > 1:
            build()

    def run_partitions(self, screen: Callable, context: Any, plan: Any) -> list:
        """[screen(context, plan.build(i)) for each partition], largest first when forked; any order back.

        Each partition in a worker forked for it (fork_map's `fresh`): a worker that went on to a second partition
        held its first one's leftovers beside it, ~60 MB more at its peak, and the run's peak is there (1,000,000
        filings, four partitions in two processes: 3,042-3,165 MB of PSS, 2,912-2,921 MB with a worker each). The
        price: a new worker faults in again the pages a reused one had and fills its caches again, the match stage
        7.47-7.86 -> 8.01-8.13 s there (three interleaved pairs), ~1 CPU second."""
        anomaly_helper.start(len(context.applicants))  # scikit-learn imported meanwhile for the batch-wide forest
        order = sorted(range(len(plan)), key=lambda i: -len(plan.filing_rows[i]))
        return fork_map(
            lambda i: screen(context, plan.build(i)), len(plan), self.workers, "partition", order, fresh=True
        )


LocalExecutor = Executor
