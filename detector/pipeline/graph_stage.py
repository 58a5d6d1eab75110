"""Graph stage: link applicants through shared attributes and find the clusters (the graphs package)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

import graphs
from detector.batch import Batch


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
    link groups are computed (graphs.build_links): here by default, or on Dask workers."""
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
    for cid, types in zip(clusters.pairs["cluster_id"].tolist(), clusters.pairs["link_types"].tolist()):
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
