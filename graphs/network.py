"""One cluster as a networkx graph: members with their scores and filings, edges with link types and values.

Built from plain tables (the run folder's cluster_members.csv, cluster_evidence.csv, cluster_filings.csv), so
`tmscreen network` works on any finished run and a notebook user can call it on their own frames.
"""

from __future__ import annotations

import networkx as nx
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


def cluster_graph(members: pd.DataFrame, evidence: pd.DataFrame, filings: pd.DataFrame | None = None) -> nx.Graph:
    """Graph of one cluster. Node attributes: name, score, level, flagged, n_filings, n_classes, rule_ids, colour,
    filings (a list of dicts, only in memory, dropped by the file exports that cannot hold lists). Edge attributes:
    link_types (`;`-joined), values (` | `-joined), weight (max over the links), n_links, bridge."""
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
    for (src, dst), rows in ev.groupby(["src", "dst"], sort=True):
        g.add_edge(
            str(src),
            str(dst),
            link_types=";".join(sorted(set(rows["link_type"].astype(str)))),
            values=" | ".join(f"{t}: {v}" for t, v in zip(rows["link_type"].astype(str), rows["value"].astype(str))),
            weight=round(float(rows["weight"].astype(float).max()), 4),
            n_links=len(rows),
            bridge=False,
        )
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
