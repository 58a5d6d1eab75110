"""graphs/energy_layout.py: networkx's spring layout of 500+ nodes (its "energy" method) made without the dense copy
of each sparse block, giving nx.spring_layout's floats bit for bit; used only where a check on probe graphs says so."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from graphs import energy_layout, layout


def _graph(n: int, seed: int, cluster: int) -> nx.Graph:
    """A weighted graph of clusters of `cluster` nodes, other than the check's probes."""
    rng = np.random.RandomState(seed)
    g = nx.Graph()
    g.add_nodes_from(f"A{i:04d}" for i in range(n))
    for u in range(n):
        for v in rng.randint(u // cluster * cluster, min(n, u // cluster * cluster + cluster), size=2):
            if u != v:
                g.add_edge(f"A{u:04d}", f"A{v:04d}", weight=round(float(rng.uniform(0.05, 1.0)), 3))
    return g


@pytest.mark.parametrize("n,seed,iterations", [(500, 3, 20), (777, 20221, 40), (1203, 5, 6)])
def test_the_same_floats_as_spring_layout(n, seed, iterations):
    g = _graph(n, seed, 25)
    mine = energy_layout.spring_positions(g, seed, iterations)
    theirs = nx.spring_layout(g, seed=seed, iterations=iterations, weight="weight")
    assert energy_layout.same_floats(mine, theirs)
    assert len(mine) == n and not energy_layout.same_floats(mine, energy_layout.spring_positions(g, seed + 1, 6))


def test_the_check_passes_with_the_installed_packages():
    assert energy_layout._same_as_networkx()


def test_the_layout_of_a_large_graph_goes_through_it_only_when_the_check_passes(monkeypatch):
    g = _graph(640, 9, 30)
    nodes = list(g.nodes)
    edges = [(u, v, d["weight"]) for u, v, d in g.edges(data=True)]
    assert energy_layout.matches_networkx()  # the check first: it lays out its own probe graphs
    used: list[int] = []
    real = energy_layout.spring_positions

    def spy(graph, seed, iterations):
        used.append(len(graph))
        return real(graph, seed, iterations)

    monkeypatch.setattr(energy_layout, "spring_positions", spy)
    fast = layout._spring(nodes, edges, layout.NETWORK_FILE_SEED, 20)
    assert used == [640]
    monkeypatch.setattr(energy_layout, "matches_networkx", lambda: False)
    slow = layout._spring(nodes, edges, layout.NETWORK_FILE_SEED, 20)
    assert used == [640]  # networkx itself laid it out
    assert fast.tobytes() == slow.tobytes()
    small = layout._spring(nodes[:120], [e for e in edges if e[0] in nodes[:120] and e[1] in nodes[:120]], 7, 50)
    assert used == [640] and small.shape == (120, 2)  # below 500 nodes networkx's "force" method, always


def test_the_check_runs_once_per_installation(cache_folder, monkeypatch):
    calls: list[int] = []
    real = energy_layout._same_as_networkx

    def counted():
        calls.append(1)
        return real()

    monkeypatch.setattr(energy_layout, "_same_as_networkx", counted)
    energy_layout.matches_networkx.cache_clear()
    try:
        assert energy_layout.matches_networkx() is True
        energy_layout.matches_networkx.cache_clear()
        assert energy_layout.matches_networkx() is True
    finally:
        energy_layout.matches_networkx.cache_clear()
    assert calls == [1]  # the second answer came from the disk cache
    assert any(cache_folder.rglob("*"))
