"""Applicant graph: tie applicants through shared attributes, damp hubs, and find linked clusters.

Public names (a notebook user calls these the same way the pipeline does):
- `link_types()` — the registered link types (graphs/links/<type>.py), each describing itself;
- `graph_config(raw)` — settings from a rule set's `graph` section (defaults from the code, the rule set overrides);
- `build_links(apps, filings, cfg)` — evidence links (pair, link type, shared value, weight) and the hub table;
- `combine_pairs(links, n, min_weight)` — one weight per pair (noisy-OR);
- `find_clusters(ids, pairs, hubs, cfg)` — clusters with stable ids, bridge edges;
- `link_and_cluster(apps, filings, raw)` — all of the above in one call.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from graphs.config import GraphConfig, graph_config
from graphs.links import (
    GroupRunner,
    LinkInputs,
    Links,
    LinkType,
    build_links,
    link_group,
    link_groups,
    link_types,
)
from graphs.pairs import combine_pairs

if TYPE_CHECKING:
    from graphs.clusters import ClusterResult

# graphs.clusters (networkx: 0.2 s to import; scipy for large graphs) loads on first use, so that reading the link
# types for the rule-file schema (`tmscreen rules check`) stays light.
_CLUSTER_NAMES = ("ClusterResult", "cluster_id", "find_clusters")


def __getattr__(name: str) -> object:
    if name in _CLUSTER_NAMES:
        return getattr(importlib.import_module("graphs.clusters"), name)
    raise AttributeError(f"module 'graphs' has no attribute {name!r}")


@dataclass
class GraphResult:
    """Links as a table of applicant ids, all scored pairs, and the clusters."""

    links: pd.DataFrame
    all_pairs: pd.DataFrame
    clusters: ClusterResult
    config: GraphConfig


def link_and_cluster(
    apps: pd.DataFrame, filings: pd.DataFrame, raw_config: dict | None, runner: GroupRunner | None = None
) -> GraphResult:
    """Build links for the batch applicant table (row = code) and cluster them. `runner`: computes the link groups
    elsewhere (graphs.links.build_links); the clusters come from the gathered edge list."""
    from graphs.clusters import find_clusters

    cfg = graph_config(raw_config)
    ids = apps["applicant_id"].to_numpy(dtype=object)
    links = build_links(apps, filings, cfg, runner)
    pairs = combine_pairs(links, len(apps), cfg.min_pair_weight)
    clusters = find_clusters(ids, pairs, links.hubs, cfg)
    return GraphResult(links.frame(ids), pairs, clusters, cfg)


__all__ = [
    "ClusterResult",
    "GraphConfig",
    "GraphResult",
    "GroupRunner",
    "LinkInputs",
    "LinkType",
    "Links",
    "build_links",
    "cluster_id",
    "combine_pairs",
    "find_clusters",
    "graph_config",
    "link_and_cluster",
    "link_group",
    "link_groups",
    "link_types",
]
