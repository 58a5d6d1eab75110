"""The Dask engine: the executor that runs a screening plan's partitions on Dask workers.

The plan (detector.pipeline.plan) is the one every engine runs; this executor changes where the work is done:
- the workers import the normalizer and matcher while the client loads and validates the inputs (errors keep
  their file, row and column);
- normalization: the distinct texts are canonicalized in chunks on the workers;
- the graph's link groups run on the workers, and the client clusters the gathered edge list (graphs/);
- each partition (the filings of some actors: a linked cluster or a lone applicant) is matched, its filing rules
  evaluated and its applicant and cluster metrics aggregated on a worker; the client merges the results in the
  in-memory order, so the output files are byte-identical to the pandas engine's.

`scheduler`: the address of a running scheduler (tcp://host:port); by default a LocalCluster of `workers`
single-threaded worker processes on 127.0.0.1 is started and stopped. Dask is imported only here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import ExitStack, contextmanager
from typing import Any

import numpy as np

from detector.engines.executor import DEFAULT_PARTITION_FILINGS, Executor
from detector.errors import TmscreenError
from detector.normalize import canonical_chunk
from detector.text import Text

SCHEDULER_TIMEOUT_S = 10


@contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2):
    """A distributed Client: connected to `scheduler`, or to a LocalCluster started (and closed) here."""
    from distributed import Client, LocalCluster

    if scheduler:
        if not re.fullmatch(r"(tcp|tls|inproc|ucx)://[^\s/:]+:\d{1,5}", scheduler):
            raise TmscreenError(
                Text(
                    en=f"'{scheduler}' is not a Dask scheduler address",
                    zh=f"“{scheduler}”不是 Dask 调度器地址",
                ),
                fix=Text(en="tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786", zh="tcp://主机:端口，如 tcp://10.0.0.5:8786"),
            )
        try:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT_S)
        except OSError as exc:
            raise TmscreenError(
                Text(
                    en=f"cannot reach the Dask scheduler {scheduler} ({exc})",
                    zh=f"无法连接 Dask 调度器 {scheduler}",
                ),
                fix=Text(
                    en="start it (dask scheduler) or leave out --scheduler to use a local 2-worker cluster",
                    zh="先启动调度器（dask scheduler），或去掉 --scheduler 以使用本机的 2 个工作进程",
                ),
            ) from None
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0"
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def _warm_up() -> None:
    """Import what the partitions use and normalize one text (loads the conversion tables)."""
    import detector.match
    import detector.metrics  # noqa: F401

    canonical_chunk(np.array(["预热 warm-up"], dtype=object))


def _canonical_on_workers(client, values: np.ndarray) -> np.ndarray:
    """canonical() of `values` on the workers: a few chunks per worker, scattered (no large task graph)."""
    if not len(values):
        return np.zeros(0, dtype=object)
    n_workers = max(1, len(client.scheduler_info().get("workers", {})))
    bounds = np.linspace(0, len(values), min(len(values), 2 * n_workers) + 1).astype(np.int64)
    chunks = [values[bounds[i] : bounds[i + 1]] for i in range(len(bounds) - 1)]
    parts = client.gather(client.map(canonical_chunk, client.scatter(chunks), pure=False))
    return np.concatenate(parts)


def _graph_runner(client):
    """Each group of link types (graphs.link_groups()) computed on a worker, the dearest handed out first (each
    link type's `cost`); the link inputs (applicant table, the filing columns the link types read, settings) go to
    every worker once, and the client gathers the edge lists in group order."""
    import graphs

    def run(groups, inputs):
        [shared] = client.scatter([inputs], broadcast=True)
        dearest_first = sorted(groups, key=lambda g: -graphs.links.group_cost(g))
        futures = {g: client.submit(graphs.link_group, g, shared, pure=False) for g in dearest_first}
        return [futures[g].result() for g in groups]

    return run


class DaskExecutor(Executor):
    """Partitions on Dask workers: a running scheduler at `scheduler`, or a LocalCluster of `workers` processes."""

    name = "dask"
    min_parallel_filings = 0  # every worker gets a partition, whatever the batch size
    starts = True
    partitions_inherit = False  # the context is pickled to the workers

    def __init__(
        self, scheduler: str | None = None, workers: int | None = None, partition_filings: int | None = None
    ) -> None:
        super().__init__(workers or 2, partition_filings or DEFAULT_PARTITION_FILINGS)
        self.scheduler = scheduler
        self._stack = ExitStack()
        self.client = None
        self._warm: list = []

    def describe(self) -> str:
        return self.scheduler or f"LocalCluster of {self.workers} workers"

    def start(self) -> None:
        self.client = self._stack.enter_context(dask_client(self.scheduler, self.workers))
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        # The workers import the normalizer and matcher (seconds) while the client reads the inputs.
        addresses = list(self.client.scheduler_info().get("workers", {}))
        self._warm = [self.client.submit(_warm_up, pure=False, workers=[a]) for a in addresses]

    def close(self) -> None:
        self._stack.close()
        self.client = None

    def normalize_options(self, n_parts: int) -> dict[str, Any]:
        self.client.gather(self._warm)
        return {"canonicalize": lambda values: _canonical_on_workers(self.client, values)}

    def graph_runner(self) -> Callable:
        return _graph_runner(self.client)

    def where(self, n_parts: int) -> str:
        return f"on {self.workers} Dask workers"

    def forks_beside(self, worth: bool) -> bool:
        """Never: the Dask client's threads run in this process, and a fork copies none of them (a lock one held
        would stay held in the child); `beside` and `later` run their work here, in turn."""
        return False

    def prepare(self, build: Callable[[], None], n_parts: int) -> None:
        """Nothing: each worker builds its matchers on its first partition."""

    def run_partitions(self, screen: Callable, context: Any, plan: Any) -> list:
        client = self.client
        [context_future] = client.scatter([context], broadcast=True)
        part_futures = client.scatter([plan.build(i) for i in range(len(plan))])
        futures = [client.submit(screen, context_future, p, pure=False) for p in part_futures]
        del part_futures
        return client.gather(futures)
