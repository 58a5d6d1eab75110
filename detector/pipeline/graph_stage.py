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


def run_graph(batch: Batch, config: dict) -> GraphOutcome:
    """Build links and clusters; map every applicant code to its cluster code (-1 when alone)."""
    apps = batch.applicants
    links = graphs.build_links(apps, batch.filings, config)
    result = graphs.find_clusters(apps["applicant_id"], links, config)
    membership = result.membership
    cluster_ids = sorted(membership["cluster_id"].unique().tolist())
    code_of = {cid: i for i, cid in enumerate(cluster_ids)}
    cluster_code = np.full(len(apps), -1, dtype=np.int64)
    pos = pd.Index(apps["applicant_id"]).get_indexer(membership["applicant_id"])
    cluster_code[pos] = membership["cluster_id"].map(code_of).to_numpy(dtype=np.int64)
    member_cluster = dict(zip(membership["applicant_id"], membership["cluster_id"]))
    kept = result.pairs
    link_types: dict[str, set[str]] = {}
    for src, types in zip(kept["src"], kept["link_types"]):
        cid = member_cluster.get(src)
        if cid is not None:
            link_types.setdefault(cid, set()).update(t for t in str(types).split(";") if t)
    return GraphOutcome(
        cluster_code,
        cluster_ids,
        links,
        kept,
        result.bridges,
        result.hubs,
        {k: sorted(v) for k, v in link_types.items()},
    )
