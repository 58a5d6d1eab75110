"""Cluster data for report.html: members, the links between them and a precomputed network layout.

Positions come from networkx's spring layout with a fixed seed (same clusters, same picture) and are scaled to
[0, 1]; the report's JS only draws them. Big clusters are capped to their highest-scoring members.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd

from detector.report.tables import cluster_evidence_table, clusters_table

if TYPE_CHECKING:
    from detector.pipeline.run import ScreenResult

MAX_CLUSTERS = 300
MAX_NODES = 80
MAX_EDGES = 600
MAX_EVIDENCE_ROWS = 400
LAYOUT_SEED = 7


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def layout(nodes: list[str], edges: list[tuple[str, str, float]]) -> dict[str, list[float]]:
    """Spring-layout positions in [0, 1] x [0, 1], rounded so the bytes are stable."""
    if len(nodes) == 1:
        return {nodes[0]: [0.5, 0.5]}
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_weighted_edges_from(edges)
    pos = nx.spring_layout(g, seed=LAYOUT_SEED, iterations=60 if len(nodes) <= 40 else 30)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    span = np.where(hi - lo > 1e-9, hi - lo, 1.0)
    xy = (xy - lo) / span
    return {n: [round(float(x), 3), round(float(y), 3)] for n, (x, y) in zip(nodes, xy)}


def _members(result: ScreenResult, code: int) -> pd.DataFrame:
    s = result.scores
    m = s[result.graph.cluster_code == code][["applicant_id", "applicant_name", "score", "level", "flagged", "n_filings"]]
    return m.sort_values(["score", "n_filings", "applicant_id"], ascending=[False, False, True], kind="stable")


def _one_cluster(result: ScreenResult, code: int, row: dict, evidence: pd.DataFrame) -> dict:
    members = _members(result, code)
    shown = members["applicant_id"].head(MAX_NODES).tolist()
    shown_set = set(shown)
    pairs = result.graph.pairs
    inside = pairs[pairs["src"].isin(shown_set) & pairs["dst"].isin(shown_set)].sort_values(["src", "dst"], kind="stable")
    weights = inside["weight"].astype(float) if "weight" in inside else pd.Series(1.0, index=inside.index)
    edges = [
        [str(s), str(d), [t for t in str(types).split(";") if t], round(float(w), 3)]
        for s, d, types, w in zip(inside["src"], inside["dst"], inside["link_types"], weights)
    ]
    return {
        "cluster_id": row["cluster_id"],
        "n_members": int(row["n_members"]),
        "n_filings": int(row["n_filings"]),
        "n_classes": int(row["n_classes"]),
        "score": round(float(row["score"]), 1),
        "links": _text(row["links"]),
        "members": [
            {"id": str(r.applicant_id), "name": _text(r.applicant_name), "score": round(float(r.score), 1), "level": _text(r.level), "flagged": bool(r.flagged)}
            for r in members.itertuples(index=False)
        ],
        "shown": len(shown),
        "edges": edges[:MAX_EDGES],
        "n_edges": len(edges),
        "pos": layout(shown, [(e[0], e[1], max(e[3], 0.05)) for e in edges[:MAX_EDGES]]),
        "evidence": [[_text(v) for v in r] for r in evidence[["src", "dst", "link_type", "value", "weight"]].head(MAX_EVIDENCE_ROWS).itertuples(index=False)],
        "n_evidence": len(evidence),
    }


def cluster_networks(result: ScreenResult) -> dict:
    """All cluster rows (best first), with members, links and layout for the top MAX_CLUSTERS."""
    table = clusters_table(result)
    evidence = cluster_evidence_table(result)
    ev_by = dict(tuple(evidence.groupby("cluster_id", sort=False))) if len(evidence) else {}
    code_of = {cid: i for i, cid in enumerate(result.graph.cluster_ids)}
    flagged_by = result.scores[result.scores["flagged"]].groupby("cluster_id").size().to_dict()
    items = []
    for i, row in enumerate(table.to_dict("records")):
        cid = row["cluster_id"]
        if i < MAX_CLUSTERS:
            item = _one_cluster(result, code_of[cid], row, ev_by.get(cid, evidence.iloc[0:0]))
        else:
            item = {"cluster_id": cid, "n_members": int(row["n_members"]), "n_filings": int(row["n_filings"]),
                    "n_classes": int(row["n_classes"]), "score": round(float(row["score"]), 1), "links": _text(row["links"])}
        item["n_flagged"] = int(flagged_by.get(cid, 0))
        items.append(item)
    return {"total": len(items), "detailed": min(len(items), MAX_CLUSTERS), "items": items}
