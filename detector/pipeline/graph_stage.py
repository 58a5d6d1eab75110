"""Graph stage: link applicants through shared attributes and find the clusters (the graphs package)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

import graphs
from detector.batch import Batch

# Link groups by expected cost, dearest first (the order work is handed out; results keep LINK_GROUPS order).
GROUP_COST_ORDER = ("persons", "address", "phone", "email", "name_pattern", "same_mark", "transfer")


def cost_rank(group: str) -> int:
    return GROUP_COST_ORDER.index(group) if group in GROUP_COST_ORDER else len(GROUP_COST_ORDER)


def forked_runner(jobs: int) -> graphs.GroupRunner:
    """Link groups in up to `jobs` forked processes (each inherits the batch)."""
    from detector.engines.fork_map import fork_map

    def run(groups, inputs):
        order = sorted(range(len(groups)), key=lambda i: cost_rank(groups[i]))
        return fork_map(lambda i: graphs.link_group(groups[i], inputs), len(groups), jobs, "link group", order)

    return run


@dataclass
class GraphOutcome:
    """Cluster codes per applicant code, cluster ids, the evidence links and the hubs that were cut."""

    cluster_code: np.ndarray
    cluster_ids: list[str]
    links: pd.DataFrame
    pairs: pd.DataFrame
    bridges: pd.DataFrame
    hubs: pd.DataFrame
    link_types: dict[str, list[str]]
    split_components: int = 0


def run_graph(batch: Batch, config: dict, runner: graphs.GroupRunner | None = None) -> GraphOutcome:
    """Build links and clusters; map every applicant code to its cluster code (-1 when alone). `runner`: where the
    link groups are computed (graphs.build_links): here by default, forked processes or Dask workers."""
    apps = batch.applicants
    result = graphs.link_and_cluster(apps, batch.filings, config, runner)
    clusters = result.clusters
    membership = clusters.membership
    cluster_ids = sorted(membership["cluster_id"].unique().tolist())
    code_of = {cid: i for i, cid in enumerate(cluster_ids)}
    cluster_code = np.full(len(apps), -1, dtype=np.int64)
    pos = pd.Index(apps["applicant_id"]).get_indexer(membership["applicant_id"])
    cluster_code[pos] = membership["cluster_id"].map(code_of).to_numpy(dtype=np.int64)
    link_types: dict[str, set[str]] = {}
    for cid, types in zip(clusters.pairs["cluster_id"], clusters.pairs["link_types"]):
        link_types.setdefault(cid, set()).update(t for t in str(types).split(";") if t)
    return GraphOutcome(
        cluster_code,
        cluster_ids,
        result.links,
        clusters.pairs,
        clusters.bridges,
        clusters.hubs,
        {k: sorted(v) for k, v in link_types.items()},
        clusters.split_components,
    )
