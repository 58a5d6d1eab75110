"""The clusters' bridges (graphs/clusters.py, found by rustworkx): the pairs networkx's bridges give, with both ends
tied to two or more members, row by row (duplicate rows, ties to itself, pairs written high-low included)."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from graphs.clusters import _bridges


def _by_networkx(a: list[int], b: list[int]) -> list[bool]:
    g = nx.Graph()
    g.add_edges_from(zip(a, b))
    found = {(min(u, v), max(u, v)) for u, v in nx.bridges(g) if g.degree(u) >= 2 and g.degree(v) >= 2}
    return [(x, y) in found for x, y in zip(a, b)]


@given(st.lists(st.tuples(st.integers(0, 14), st.integers(0, 14)), max_size=40))
@settings(max_examples=400, deadline=None)
def test_bridges_are_networkx_bridges(edges):
    a, b = [x for x, _ in edges], [y for _, y in edges]
    got = _bridges(pd.DataFrame({"a": np.array(a, dtype=np.int64), "b": np.array(b, dtype=np.int64)}))
    assert got.tolist() == _by_networkx(a, b)


def test_two_triangles_joined_by_one_pair():
    a = [1, 2, 1, 4, 5, 4, 3]
    b = [2, 3, 3, 5, 6, 6, 4]
    got = _bridges(pd.DataFrame({"a": a, "b": b}))
    assert got.tolist() == [False] * 6 + [True]
    # A leaf's tie is a bridge of the graph but not a split into two groups of two or more
    assert not _bridges(pd.DataFrame({"a": [1, 2], "b": [2, 3]})).any()
