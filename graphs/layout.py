"""Precomputed node positions so a viewer draws a cluster of thousands of members at once (no layout in the browser)."""

from __future__ import annotations

import networkx as nx
import numpy as np

LAYOUT_SEED = 20221


def positions(g: nx.Graph, size: float = 1000.0) -> dict[str, tuple[float, float]]:
    """Seeded spring layout scaled to [0, size]²; fewer iterations for big clusters; rounded for stable bytes."""
    nodes = sorted(g.nodes)
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (size / 2, size / 2)}
    iterations = 80 if len(nodes) <= 200 else 40 if len(nodes) <= 2000 else 20
    h = nx.Graph()
    h.add_nodes_from(nodes)
    h.add_weighted_edges_from((u, v, d.get("weight", 1.0)) for u, v, d in sorted(g.edges(data=True)))
    pos = nx.spring_layout(h, seed=LAYOUT_SEED, iterations=iterations, weight="weight")
    xy = np.array([pos[n] for n in nodes], dtype=float)
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    span = np.where(hi - lo > 1e-9, hi - lo, 1.0)
    xy = 20 + (xy - lo) / span * (size - 40)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(nodes, xy)}
