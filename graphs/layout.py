"""Node positions computed once in Python, so a viewer only draws (no layout in the browser or in matplotlib).

One layout draws a cluster wherever it appears: report.html, and `tmscreen network` (HTML, PNG, JSON, GraphML,
GEXF). It is networkx's spring layout with a fixed seed over the members in rank order (score desc, filings desc,
id asc), edges weighted by the pair weight (at least MIN_EDGE_WEIGHT); up to SMALL_CLUSTER members sit on a regular
polygon. Positions are scaled to [0, 1]² and rounded, so the same cluster gives the same bytes on every run. A graph
of 500 nodes or more (network.graphml at scale) is laid out by graphs.energy_layout: spring_layout's floats, faster.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import numpy as np

from graphs import energy_layout

SEED = 7
SMALL_CLUSTER = 4
MIN_EDGE_WEIGHT = 0.05
# network.graphml (all flagged clusters in one graph) keeps the positions it has always had: its bytes are a
# screening output. Only that file uses this seed and iteration schedule.
NETWORK_FILE_SEED = 20221


def _unit_square(xy: np.ndarray) -> np.ndarray:
    """Scale each axis to [0, 1] (a flat axis stays at 0)."""
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    span = np.where(hi - lo > 1e-9, hi - lo, 1.0)
    return (xy - lo) / span


def _spring(nodes: list[str], edges: Iterable[tuple[str, str, float]], seed: int, iterations: int) -> np.ndarray:
    """networkx spring layout of `nodes` (in this order: it seeds the start positions), one row per node."""
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_weighted_edges_from(edges)
    if len(nodes) >= energy_layout.MIN_NODES and energy_layout.matches_networkx():
        pos = energy_layout.spring_positions(g, seed, iterations)  # the same floats, about 3 times faster
    else:
        pos = nx.spring_layout(g, seed=seed, iterations=iterations, weight="weight")
    return np.array([pos[n] for n in nodes], dtype=float)


def iterations_for(n: int) -> int:
    """Fewer spring iterations for bigger clusters (report.html draws at most 80 members)."""
    return 50 if n <= 40 else 30 if n <= 2000 else 20


def cluster_layout(nodes: list[str], edges: Iterable[tuple[str, str, float]]) -> dict[str, list[float]]:
    """Positions in [0, 1]² rounded to 3 decimals, for `nodes` in rank order and (src, dst, pair weight) edges."""
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: [0.5, 0.5]}
    if len(nodes) <= SMALL_CLUSTER:  # a polygon says it all and costs nothing
        angles = np.pi / 2 + 2 * np.pi * np.arange(len(nodes)) / len(nodes)
        xy = np.column_stack([np.cos(angles), np.sin(angles)])
    else:
        weighted = [(u, v, max(float(w), MIN_EDGE_WEIGHT)) for u, v, w in edges]
        xy = _spring(nodes, weighted, SEED, iterations_for(len(nodes)))
    xy = _unit_square(xy)
    return {n: [round(float(x), 3), round(float(y), 3)] for n, (x, y) in zip(nodes, xy)}


def rank_order(g: nx.Graph) -> list[str]:
    """Members best first (score desc, filings desc, id asc): the order report.html lays a cluster out in."""
    return sorted(g.nodes, key=lambda n: (-g.nodes[n].get("score", 0.0), -g.nodes[n].get("n_filings", 0), n))


def graph_layout(g: nx.Graph) -> dict[str, list[float]]:
    """cluster_layout for a cluster graph (graphs.network.cluster_graph): edges weighted by `pair_weight`."""
    edges = sorted(
        (min(u, v), max(u, v), round(float(d.get("pair_weight", d.get("weight", 1.0))), 3))
        for u, v, d in g.edges(data=True)
    )
    return cluster_layout(rank_order(g), edges)


def network_file_positions(g: nx.Graph, size: float = 1000.0) -> dict[str, tuple[float, float]]:
    """Positions of network.graphml (every flagged cluster in one graph), scaled to [20, size - 20]², rounded."""
    nodes = sorted(g.nodes)
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (size / 2, size / 2)}
    iterations = 80 if len(nodes) <= 200 else 40 if len(nodes) <= 2000 else 20
    edges = ((u, v, d.get("weight", 1.0)) for u, v, d in sorted(g.edges(data=True)))
    xy = 20 + _unit_square(_spring(nodes, edges, NETWORK_FILE_SEED, iterations)) * (size - 40)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(nodes, xy)}
