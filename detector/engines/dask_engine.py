"""The Dask engine: the filing-level stages run partition by partition on Dask workers.

    screen_dask(filings, ..., scheduler=None, workers=2)

- load and validation run on the client (errors keep their file, row and column);
- normalization: the distinct mark texts are canonicalized in chunks on the workers;
- the applicant graph is built on the client from the gathered batch (graphs/ clusters the edge list);
- herd counts (same mark across actors) are computed once over the batch;
- the filings are split by actor (a linked cluster or a lone applicant) into partitions; each worker matches its
  partition's marks against the lists and the register, evaluates the filing rules and aggregates the applicant
  and cluster metrics of its actors (exact, since an actor's filings are never split);
- the client gathers the partitions in a fixed order, then applicant, cluster and agent rules and scoring run
  through the same code as the in-memory engine, so the output files are byte-identical.

`scheduler`: the address of a running scheduler (tcp://host:port); by default a LocalCluster of `workers`
single-threaded worker processes on 127.0.0.1 is started and stopped. Dask is imported only here.
"""

from __future__ import annotations

import re
from contextlib import ExitStack, contextmanager
from pathlib import Path

import numpy as np

from detector.batch import prepare_batch
from detector.engines.partitioned import partition_count, screen_partitioned
from detector.engines.partitions import (
    DEFAULT_PARTITION_FILINGS,
    PartitionContext,
    PartitionPlan,
    PartitionResult,
    canonical_chunk,
    screen_partition,
)
from detector.errors import TmscreenError
from detector.io import load_inputs
from detector.pipeline.graph_stage import run_graph
from detector.pipeline.progress import Progress
from detector.pipeline.run import ScreenResult
from detector.rules.load import load_ruleset

SCHEDULER_TIMEOUT_S = 10


@contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2):
    """A distributed Client: connected to `scheduler`, or to a LocalCluster started (and closed) here."""
    from distributed import Client, LocalCluster

    if scheduler:
        if not re.fullmatch(r"(tcp|tls|inproc|ucx)://[^\s/:]+:\d{1,5}", scheduler):
            raise TmscreenError(
                f"'{scheduler}' is not a Dask scheduler address", fix="tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786"
            )
        try:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT_S)
        except OSError as exc:
            raise TmscreenError(
                f"cannot reach the Dask scheduler {scheduler} ({exc})",
                fix="start it (dask scheduler) or leave out --scheduler to use a local 2-worker cluster",
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
    import detector.pipeline.rule_stage  # noqa: F401

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


# Link groups by expected cost, dearest first (the order work is handed out; results keep LINK_GROUPS order).
GROUP_COST_ORDER = ("persons", "address", "phone", "email", "name_pattern", "same_mark", "transfer")


def cost_rank(group: str) -> int:
    return GROUP_COST_ORDER.index(group) if group in GROUP_COST_ORDER else len(GROUP_COST_ORDER)


def _graph_runner(client):
    """Each group of link types (graphs.LINK_GROUPS) computed on a worker; the link inputs (applicant table, three
    filing columns, settings) go to every worker once, and the client gathers the edge lists in order."""
    import graphs

    def run(groups, inputs):
        [shared] = client.scatter([inputs], broadcast=True)
        futures = {g: client.submit(graphs.link_group, g, shared, pure=False) for g in sorted(groups, key=cost_rank)}
        return [futures[g].result() for g in groups]

    return run


def screen_dask(
    filings: Path,
    applicants: Path | None = None,
    register: Path | None = None,
    rules: list[Path] | None = None,
    threshold: float | None = None,
    lang: str = "zh",
    skip_bad_rows: bool = False,
    progress: Progress | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    partition_filings: int = DEFAULT_PARTITION_FILINGS,
) -> ScreenResult:
    """Same contract and result as detector.pipeline.run.screen, computed with Dask."""
    progress = progress or Progress(quiet=True)
    with progress.stage("rules", "loading and checking rule files"):
        ruleset, compiled, warnings = load_ruleset(rules)
    with ExitStack() as stack:
        with progress.stage("dask start", scheduler or f"LocalCluster of {workers} workers"):
            client = stack.enter_context(dask_client(scheduler, workers))
            # The workers import the normalizer and matcher (seconds) while the client reads the inputs.
            addresses = list(client.scheduler_info().get("workers", {}))
            warm = [client.submit(_warm_up, pure=False, workers=[a]) for a in addresses]
        with progress.stage("load", f"reading {filings}"):
            inputs = load_inputs(filings, applicants, register, skip_bad_rows)
        progress.say(f"{len(inputs.filings):,} filings, {len(inputs.applicants):,} applicants")
        client.gather(warm)
        return _screen_with(client, inputs, ruleset, compiled, warnings, threshold, lang, progress, partition_filings)


def _screen_with(client, inputs, ruleset, compiled, warnings, threshold, lang, progress, partition_filings):
    with progress.stage("normalize", "canonical texts on the workers"):
        batch = prepare_batch(inputs, canonicalize=lambda values: _canonical_on_workers(client, values))
    with progress.stage("graph", "link groups on the workers, clusters from the gathered edges"):
        graph = run_graph(batch, ruleset.graph, _graph_runner(client))
    progress.say(f"{len(graph.cluster_ids):,} linked clusters")
    n_workers = max(1, len(client.scheduler_info().get("workers", {})))

    def runner(context: PartitionContext, plan: PartitionPlan) -> list[PartitionResult]:
        [context_future] = client.scatter([context], broadcast=True)
        part_futures = client.scatter([plan.build(i) for i in range(len(plan))])
        futures = [client.submit(screen_partition, context_future, p, pure=False) for p in part_futures]
        del part_futures
        return client.gather(futures)

    n_parts = partition_count(len(batch.filings), partition_filings, n_workers)
    return screen_partitioned(
        inputs,
        batch,
        graph,
        ruleset,
        compiled,
        warnings,
        threshold,
        lang,
        progress,
        runner,
        n_parts,
        f"on {n_workers} Dask workers",
    )
