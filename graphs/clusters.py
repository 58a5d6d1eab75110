"""Clusters: connected components of the kept pairs, large ones split by seeded communities.

Cluster ids are derived from the members (`C-` + 10 hex digits of a SHA-1 over the sorted member ids), so the same
members give the same id in every run and on every engine. Bridge edges — a single link whose removal splits a
cluster into two groups of two or more — are flagged, since that is where false merges hide.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
import rustworkx

from detector.sorted_sets import distinct, member_of
from graphs.config import GraphConfig

# Fewer kept pairs than this: components by networkx (imported anyway, for the communities), about 5 µs a pair. More:
# scipy's sparse-graph components (0.2 s for 300,000 pairs, 5 s by networkx), whose import costs 0.35-0.4 s.
SCIPY_MIN_PAIRS = 20_000

PAIR_COLUMNS = ["src", "dst", "weight", "n_links", "link_types", "cluster_id", "bridge"]


@dataclass
class ClusterResult:
    """membership (applicant_id, cluster_id); pairs inside clusters; bridges (a subset of pairs); hubs."""

    membership: pd.DataFrame
    pairs: pd.DataFrame
    bridges: pd.DataFrame
    hubs: pd.DataFrame
    split_components: int = 0


def cluster_id(members: list[str]) -> str:
    """Stable id of a member set."""
    digest = hashlib.sha1("\n".join(sorted(members)).encode("utf-8")).hexdigest()
    return "C-" + digest[:10]


def _components(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """Component label of each of the n nodes joined by the pairs (a, b): components numbered in the order of their
    smallest node, as scipy's connected_components numbers them, whichever library finds them."""
    if len(a) >= SCIPY_MIN_PAIRS:
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n)).tocsr()
        return connected_components(graph, directed=False)[1]
    smallest = np.arange(n)  # each node: the smallest node of its component
    graph = nx.Graph()
    graph.add_edges_from(zip(np.asarray(a).tolist(), np.asarray(b).tolist()))
    for component in nx.connected_components(graph):
        nodes = np.fromiter(component, dtype=np.int64, count=len(component))
        smallest[nodes] = nodes.min()
    return np.unique(smallest, return_inverse=True)[1].astype(np.int32)


def _split_large(label: np.ndarray, kept: pd.DataFrame, cfg: GraphConfig) -> tuple[np.ndarray, int]:
    """Split components above the size cap by Louvain communities (seeded, weighted); returns new labels."""
    sizes = np.bincount(label)
    large = np.flatnonzero(sizes > cfg.community_size_cap)
    if len(large) == 0:
        return label, 0
    label = label.copy()
    next_label = int(label.max()) + 1
    comp_a = label[kept["a"].to_numpy()]
    for comp in large.tolist():
        sub = kept[comp_a == comp]
        g = nx.Graph()
        g.add_weighted_edges_from(zip(sub["a"].tolist(), sub["b"].tolist(), sub["weight"].tolist()))
        parts = nx.community.louvain_communities(
            g, weight="weight", resolution=cfg.community_resolution, seed=cfg.community_seed
        )
        for part in sorted((sorted(p) for p in parts), key=lambda p: p[0]):
            label[np.array(part, dtype=np.int64)] = next_label
            next_label += 1
    return label, len(large)


def _bridges(pairs: pd.DataFrame) -> np.ndarray:
    """Mask of pairs (a, b) that are bridges with two or more members on each side: both ends have two or more
    ties. rustworkx finds the bridges (networkx's took 0.52 s for 52,000 pairs, rustworkx 0.05 s; same bridges);
    a tie to itself is never a bridge and counts twice in its end's degree, as networkx counts it."""
    mask = np.zeros(len(pairs), dtype=bool)
    if pairs.empty:
        return mask
    a, b = pairs["a"].to_numpy(dtype=np.int64), pairs["b"].to_numpy(dtype=np.int64)
    nodes, at = np.unique(np.concatenate([a, b]), return_inverse=True)
    width, n = len(nodes), len(a)
    edge = distinct(np.minimum(at[:n], at[n:]) * width + np.maximum(at[:n], at[n:]))  # each tie once
    u, v = edge // width, edge % width
    degree = np.bincount(u, minlength=width) + np.bincount(v, minlength=width)
    g = rustworkx.PyGraph(multigraph=False)
    g.add_nodes_from(range(width))
    loop = u == v
    g.add_edges_from_no_data(list(zip(u[~loop].tolist(), v[~loop].tolist())))
    found = [min(x, y) * width + max(x, y) for x, y in rustworkx.bridges(g) if degree[x] >= 2 and degree[y] >= 2]
    if found:
        mask = member_of(at[:n] * width + at[n:], np.array(found, dtype=np.int64))  # a row written high-low: never
    return mask


@functools.cache
def _no_clusters() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The member and pair tables of a batch without clusters, made once (copied per batch: ~1 ms to build)."""
    return pd.DataFrame(columns=["applicant_id", "cluster_id"]), pd.DataFrame(columns=PAIR_COLUMNS)


def find_clusters(ids: np.ndarray, pairs: pd.DataFrame, hubs: pd.DataFrame, cfg: GraphConfig) -> ClusterResult:
    """Clusters of two or more applicants over the kept pairs (`pairs` from graphs.pairs.combine_pairs)."""
    ids = np.asarray(ids, dtype=object)
    n = len(ids)
    kept = pairs[pairs["kept"]] if len(pairs) else pairs
    if n == 0 or kept.empty:
        members, empty_pairs = _no_clusters()
        return ClusterResult(members.copy(), empty_pairs.copy(), empty_pairs.copy(), hubs)
    label = _components(kept["a"].to_numpy(), kept["b"].to_numpy(), n)
    label, split = _split_large(label, kept, cfg)
    sizes = np.bincount(label)
    member = np.flatnonzero(sizes[label] >= 2)
    frame = pd.DataFrame({"code": member, "label": label[member], "applicant_id": ids[member]})
    names = frame.sort_values("applicant_id", kind="stable").groupby("label", sort=True)["applicant_id"].agg(list)
    cid = {lab: cluster_id(m) for lab, m in names.items()}
    frame["cluster_id"] = frame["label"].map(cid)
    inside = kept[label[kept["a"].to_numpy()] == label[kept["b"].to_numpy()]].copy()
    inside["cluster_id"] = [cid[x] for x in label[inside["a"].to_numpy()]]
    inside = inside.reset_index(drop=True)
    inside["bridge"] = _bridges(inside)
    inside["src"] = ids[inside["a"].to_numpy()]
    inside["dst"] = ids[inside["b"].to_numpy()]
    swap = inside["src"] > inside["dst"]
    inside.loc[swap, ["src", "dst"]] = inside.loc[swap, ["dst", "src"]].to_numpy()
    out_pairs = inside.sort_values(["cluster_id", "src", "dst"], kind="stable")[PAIR_COLUMNS].reset_index(drop=True)
    membership = frame.sort_values(["cluster_id", "applicant_id"], kind="stable")[
        ["applicant_id", "cluster_id"]
    ].reset_index(drop=True)
    return ClusterResult(membership, out_pairs, out_pairs[out_pairs["bridge"]].reset_index(drop=True), hubs, split)
