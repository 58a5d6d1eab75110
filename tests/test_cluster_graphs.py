"""graphs.network.cluster_graphs: every cluster's graph from frames sorted once equals cluster_graph on that
cluster's own rows (the graph network.graphml is written from)."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.report.cluster_files import flagged_network
from graphs.network import cluster_graph, cluster_graphs

IDS = ["A1", "A2", "A3", "B1", "B2", "C1", "C2", "C3", "C4"]


def _reference(members: pd.DataFrame, evidence: pd.DataFrame) -> list[tuple[str, nx.Graph]]:
    """cluster_graph on each cluster's group, clusters in id order (what flagged_network did cluster by cluster)."""
    by_cluster = dict(tuple(evidence.groupby("cluster_id", sort=True)))
    return [
        (cid, cluster_graph(group, by_cluster.get(cid, evidence.iloc[0:0]), pair_weight=False))
        for cid, group in members.groupby("cluster_id", sort=True)
    ]


def _plain(g: nx.Graph) -> list:
    """Nodes and edges with their data in the graph's order (network.graphml is written in it), NaN as text (NaN
    equals no NaN)."""
    return repr([list(g.nodes(data=True)), list(g.edges(data=True))])


def _same(a: nx.Graph, b: nx.Graph) -> bool:
    return _plain(a) == _plain(b)


member_rows = st.lists(
    st.tuples(
        st.sampled_from(IDS),
        st.sampled_from(["k1", "k2", "k3"]),
        st.floats(0, 100, allow_nan=False),
        st.sampled_from(["high", "medium", ""]),
        st.booleans(),
        st.integers(1, 50),
    ),
    min_size=1,
    max_size=12,
    unique_by=lambda r: r[0],
)
evidence_rows = st.lists(
    st.tuples(
        st.sampled_from(["k1", "k2", "k3", "k4"]),
        st.sampled_from([*IDS, None]),
        st.sampled_from([*IDS, None]),
        st.sampled_from(["phone", "email", "address"]),
        st.sampled_from(["138", "x@y.cn", "Road 1", "Road 2"]),
        st.one_of(st.floats(0, 1, allow_nan=False), st.just(float("nan"))),
    ),
    max_size=30,
)


def _frames(members: list, evidence: list) -> tuple[pd.DataFrame, pd.DataFrame]:
    m = pd.DataFrame(
        {
            "cluster_id": [r[1] for r in members],
            "applicant_id": [r[0] for r in members],
            "applicant_name": [f"name {r[0]}" for r in members],
            "score": [r[2] for r in members],
            "level": [r[3] for r in members],
            "flagged": [r[4] for r in members],
            "n_filings": [r[5] for r in members],
            "n_classes": [1 + r[5] % 3 for r in members],
            "rule_ids": ["R1;R2" if r[4] else "" for r in members],
        }
    )
    e = pd.DataFrame(evidence, columns=["cluster_id", "src", "dst", "link_type", "value", "weight"])
    return m, e


@settings(max_examples=150, deadline=None)
@given(member_rows, evidence_rows)
def test_cluster_graphs_equal_cluster_graph_per_cluster(members, evidence):
    m, e = _frames(members, evidence)
    mine = list(cluster_graphs(m, e))
    theirs = _reference(m, e)
    assert [cid for cid, _ in mine] == [cid for cid, _ in theirs]
    for (_, a), (_, b) in zip(mine, theirs):
        assert _same(a, b)


def test_flagged_network_holds_flagged_clusters_with_their_ids_and_bridges():
    m, e = _frames(
        [
            ("A1", "k1", 80.0, "high", True, 9),
            ("A2", "k1", 10.0, "", False, 2),
            ("A3", "k1", 12.0, "", False, 3),
            ("B1", "k2", 20.0, "", False, 4),
            ("B2", "k2", 30.0, "", False, 5),
            ("C1", "k3", 70.0, "high", True, 7),
            ("C2", "k3", 5.0, "", False, 1),
        ],
        [
            ("k1", "A1", "A2", "phone", "138", 0.9),
            ("k1", "A1", "A2", "email", "x@y.cn", 0.7),
            ("k1", "A2", "A3", "address", "Road 1", 0.5),
            ("k2", "B1", "B2", "phone", "139", 0.9),
            ("k3", "C1", "C2", "address", "Road 2", np.nan),
        ],
    )
    g = flagged_network(m, e)
    assert list(g.nodes) == ["A1", "A2", "A3", "C1", "C2"]  # k2 has no flagged member
    assert {n: d["cluster_id"] for n, d in g.nodes(data=True)} == {
        "A1": "k1",
        "A2": "k1",
        "A3": "k1",
        "C1": "k3",
        "C2": "k3",
    }
    assert g.edges["A1", "A2"]["link_types"] == "email;phone"
    assert g.edges["A1", "A2"]["values"] == "email: x@y.cn | phone: 138"
    assert g.edges["A1", "A2"]["n_links"] == 2 and g.edges["A1", "A2"]["weight"] == 0.9
    assert not g.edges["A1", "A2"]["bridge"]  # A1 has one neighbour
    assert np.isnan(g.edges["C1", "C2"]["weight"])
    assert "pair_weight" not in g.edges["A1", "A2"]
