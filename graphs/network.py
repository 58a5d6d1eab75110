"""One cluster as a networkx graph: members with their scores and filings, edges with link types and values.

Built from plain tables (the run folder's cluster_members.csv, cluster_evidence.csv, cluster_filings.csv), so
`tmscreen network` works on any finished run and a notebook user can call it on their own frames.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

MEMBER_COLUMNS = [
    "cluster_id",
    "applicant_id",
    "applicant_name",
    "score",
    "level",
    "flagged",
    "n_filings",
    "n_classes",
    "rule_ids",
]
FILING_COLUMNS = ["cluster_id", "applicant_id", "filing_id", "mark_text", "nice_class", "filing_date", "rule_ids"]


def score_colour(score: float) -> str:
    """Hex colour from grey (0) through amber to red (100)."""
    s = max(0.0, min(100.0, float(score))) / 100.0
    if s < 0.4:
        return "#9aa5b1"
    r, g = 0xE0, int(0xB0 - (s - 0.4) / 0.6 * 0x90)
    return f"#{r:02x}{max(g, 0x20):02x}30"


def pair_weights(evidence: pd.DataFrame) -> dict[tuple[str, str], float]:
    """Each (src, dst) pair's weight, recomputed from its evidence rows by graphs.pairs.combine_pairs (noisy-OR):
    the weight clustering used, and the layout's edge weight (as in report.html, up to the rows' 4-decimal rounding)."""
    from graphs.links import Links
    from graphs.pairs import combine_pairs

    if evidence.empty:
        return {}
    n = len(evidence)
    codes, ids = pd.factorize(pd.concat([evidence["src"], evidence["dst"]], ignore_index=True).astype(str))
    links = Links(
        a=codes[:n],
        b=codes[n:],
        link_type=evidence["link_type"].astype(str).to_numpy(dtype=object),
        value=evidence["value"].astype(str).to_numpy(dtype=object),
        weight=evidence["weight"].astype(float).to_numpy(),
        hubs=pd.DataFrame(),
    )
    pairs = combine_pairs(links, len(ids), 0.0)
    ids = np.asarray(ids, dtype=object)
    return dict(zip(zip(ids[pairs["a"]], ids[pairs["b"]]), pairs["weight"].astype(float)))


def _edge_groups(ev: pd.DataFrame):
    """(src, dst, link types, values, max weight) per member pair of evidence sorted by src, dst: the rows of one
    pair are consecutive, in the order and with the NaN handling of a sorted `groupby(["src", "dst"])`."""
    ev = ev[ev["src"].notna() & ev["dst"].notna()]
    src, dst = ev["src"].tolist(), ev["dst"].tolist()
    types = ev["link_type"].astype(str).tolist()
    values = ev["value"].astype(str).tolist()
    weight = ev["weight"].astype(float).to_numpy()
    start = 0
    for end in range(1, len(src) + 1):
        if end < len(src) and src[end] == src[start] and dst[end] == dst[start]:
            continue
        ws = weight[start:end]
        top = float(ws.max()) if not np.isnan(ws).any() else float(pd.Series(ws).max())
        yield str(src[start]), str(dst[start]), types[start:end], values[start:end], top
        start = end


def cluster_graph(
    members: pd.DataFrame, evidence: pd.DataFrame, filings: pd.DataFrame | None = None, pair_weight: bool = True
) -> nx.Graph:
    """Graph of one cluster. Node attributes: name, score, level, flagged, n_filings, n_classes, rule_ids, colour,
    filings (a list of dicts, only in memory, dropped by the file exports that cannot hold lists). Edge attributes:
    link_types (`;`-joined), values (` | `-joined), weight (max over the links), n_links, bridge and, unless
    `pair_weight` is False, pair_weight (pair_weights: the layout's edge weight)."""
    g = nx.Graph()
    for row in members.sort_values("applicant_id", kind="stable").itertuples(index=False):
        g.add_node(
            str(row.applicant_id),
            name=str(row.applicant_name),
            score=float(row.score),
            level=str(row.level or ""),
            flagged=bool(row.flagged),
            n_filings=int(row.n_filings),
            n_classes=int(row.n_classes),
            rule_ids=str(row.rule_ids or ""),
            colour=score_colour(row.score),
            filings=[],
        )
    ev = evidence.sort_values(["src", "dst", "link_type", "value"], kind="stable")
    weights = pair_weights(ev) if pair_weight else {}
    for src, dst, types, values, weight in _edge_groups(ev):
        g.add_edge(
            src,
            dst,
            link_types=";".join(sorted(set(types))),
            values=" | ".join(f"{t}: {v}" for t, v in zip(types, values)),
            weight=round(weight, 4),
            n_links=len(types),
            bridge=False,
        )
        if pair_weight:
            g.edges[src, dst]["pair_weight"] = weights.get((src, dst), 0.0)
    for u, v in nx.bridges(g) if g.number_of_edges() else []:
        if g.degree(u) >= 2 and g.degree(v) >= 2:
            g.edges[u, v]["bridge"] = True
    if filings is not None and len(filings):
        for row in filings.sort_values(["applicant_id", "filing_date", "filing_id"], kind="stable").itertuples(
            index=False
        ):
            node = str(row.applicant_id)
            if node in g:
                g.nodes[node]["filings"].append(
                    {
                        "filing_id": str(row.filing_id),
                        "mark_text": str(row.mark_text),
                        "nice_class": str(row.nice_class),
                        "filing_date": str(row.filing_date),
                        "rule_ids": str(row.rule_ids or ""),
                    }
                )
    return g
