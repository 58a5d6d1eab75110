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
import pandas as pd

from detector.batch import EPOCH, Batch
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
from detector.io import Inputs, load_inputs
from detector.metrics.trade_name import trade_names
from detector.pipeline.graph_stage import run_graph
from detector.pipeline.progress import Progress
from detector.pipeline.run import ScreenResult
from detector.rules.load import load_ruleset

CANON_CHUNK = 20_000
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

    canonical_chunk(pd.Series(["预热 warm-up"]))


def _canonical(client, texts: pd.Series) -> pd.Series:
    """canonical_series computed on the workers: distinct texts in chunks, mapped back in order."""
    codes, uniques = pd.factorize(texts)
    uniques = pd.Series(np.asarray(uniques, dtype=object))
    chunks = [uniques.iloc[i : i + CANON_CHUNK].reset_index(drop=True) for i in range(0, len(uniques), CANON_CHUNK)]
    futures = client.map(canonical_chunk, client.scatter(chunks), pure=False)  # scattered: no large task graph
    parts = client.gather(futures)
    table = np.concatenate(parts) if parts else np.zeros(0, dtype=object)
    return pd.Series(table[codes] if len(uniques) else [], index=texts.index, dtype="str")


def _prepare_batch(client, inputs: Inputs) -> Batch:
    """detector.batch.prepare_batch with the marks, names and register canonicalized on the workers."""
    apps = inputs.applicants.reset_index(drop=True).copy()
    app_index = pd.Index(apps["applicant_id"])
    f = inputs.filings.copy()
    f["app"] = app_index.get_indexer(f["applicant_id"]).astype(np.int64)
    f["day"] = (f["filing_date"].to_numpy().astype("datetime64[D]") - EPOCH).astype(np.int64)
    f["canon"] = _canonical(client, f["mark_text"])
    apps["canon_name"] = _canonical(client, apps["name"])
    apps["trade_name"] = trade_names(apps["name"], apps["entity_type"])
    apps["canon_trade_name"] = _canonical(client, apps["trade_name"])
    fc = inputs.filing_classes.copy()
    fc["app"] = f["app"].to_numpy()[fc["filing_idx"].to_numpy()]
    reg = inputs.register
    if reg is not None:
        reg = reg.copy()
        reg["canon"] = _canonical(client, reg["mark_text"])
        reg["canon_owner"] = _canonical(client, reg["owner_name"])
    return Batch(f, fc, apps, reg)


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
        batch = _prepare_batch(client, inputs)
    with progress.stage("graph", "linking applicants"):
        graph = run_graph(batch, ruleset.graph)
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
        inputs, batch, graph, ruleset, compiled, warnings, threshold, lang, progress, runner, n_parts, f"on {n_workers} Dask workers"
    )
