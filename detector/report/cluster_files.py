"""The cluster files of a run folder: members of every cluster, the filings of flagged clusters, network.graphml.

`screen` writes them; `tmscreen network` reads them back, so a cluster can be exported from any finished run.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd

from detector.errors import InputDataError
from detector.report.tables import rules_by_filing
from detector.text import Text
from graphs.export import write_graph
from graphs.layout import network_file_positions
from graphs.network import FILING_COLUMNS, MEMBER_COLUMNS, cluster_graph, cluster_graphs

MEMBERS_FILE = "cluster_members.csv"
FILINGS_FILE = "cluster_filings.csv"
GRAPHML_FILE = "network.graphml"


def members_table(result) -> pd.DataFrame:
    """Every member of every cluster with its score (also the unflagged ones: enforcement sees the whole group)."""
    s = result.scores
    m = s[s["cluster_id"].ne("")].copy()
    m["score"] = m["score"].astype(float).round(2)
    return m.sort_values(["cluster_id", "applicant_id"], kind="stable")[MEMBER_COLUMNS].reset_index(drop=True)


def flagged_cluster_ids(members: pd.DataFrame) -> list[str]:
    """Clusters with at least one flagged member."""
    return sorted(members.loc[members["flagged"].astype(bool), "cluster_id"].unique().tolist())


def filings_table(result, members: pd.DataFrame) -> pd.DataFrame:
    """Filings of the members of flagged clusters, with the filing-level rules each one hit."""
    wanted = members[members["cluster_id"].isin(flagged_cluster_ids(members))]
    f = result.batch.filings
    sub = f[f["applicant_id"].isin(wanted["applicant_id"])]
    hits = result.hits.filing_hits
    rules = rules_by_filing(hits[hits["filing_id"].isin(sub["filing_id"])])
    out = pd.DataFrame(
        {
            "cluster_id": sub["applicant_id"].map(dict(zip(wanted["applicant_id"], wanted["cluster_id"]))).to_numpy(),
            "applicant_id": sub["applicant_id"].to_numpy(),
            "filing_id": sub["filing_id"].to_numpy(),
            "mark_text": sub["mark_text"].to_numpy(),
            "nice_class": sub["nice_class"].to_numpy(),
            "filing_date": sub["filing_date"].dt.strftime("%Y-%m-%d").to_numpy(),
            "rule_ids": sub["filing_id"].map(rules).fillna("").to_numpy(),
        }
    )
    return out.sort_values(["cluster_id", "applicant_id", "filing_date", "filing_id"], kind="stable")[
        FILING_COLUMNS
    ].reset_index(drop=True)


def flagged_network(members: pd.DataFrame, evidence: pd.DataFrame) -> nx.Graph:
    """All flagged clusters in one graph (node attribute cluster_id), for network.graphml."""
    g = nx.Graph()
    wanted = members[members["cluster_id"].isin(flagged_cluster_ids(members))]
    for cid, sub in cluster_graphs(wanted, evidence):
        nx.set_node_attributes(sub, cid, "cluster_id")
        g.update(sub)
    return g


def write_cluster_files(result, staging: Path, evidence: pd.DataFrame, write_csv) -> None:
    """Write cluster_members.csv, cluster_filings.csv and network.graphml into the staging folder."""
    members = members_table(result)
    write_csv(members, staging / MEMBERS_FILE)
    write_csv(filings_table(result, members), staging / FILINGS_FILE)
    network = flagged_network(members, evidence)
    write_graph(network, "graphml", staging / GRAPHML_FILE, pos=network_file_positions(network))


def _read(run_dir: Path, name: str) -> pd.DataFrame:
    path = run_dir / name
    if not path.exists():
        raise InputDataError(
            Text(en=f"no {name} in the run folder", zh=f"运行结果文件夹中没有 {name}"),
            file=str(run_dir),
            fix=Text(
                en="a folder written by `tmscreen screen` (version 0.2 or later)",
                zh="由 `tmscreen screen`（0.2 或更新版本）写出的文件夹",
            ),
        )
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def load_cluster(run_dir: Path, cluster_id: str) -> nx.Graph:
    """One cluster of a finished run as a graph with members' filings; InputDataError names what is missing."""
    run_dir = Path(run_dir)
    if not (run_dir / "run.json").exists():
        raise InputDataError(
            Text(en="not a tmscreen run folder (no run.json)", zh="不是 tmscreen 的运行结果文件夹（没有 run.json）"),
            file=str(run_dir),
            fix=Text(
                en="the --out folder of a finished `tmscreen screen` run",
                zh="一次已完成的 `tmscreen screen` 运行的 --out 文件夹",
            ),
        )
    members = _read(run_dir, MEMBERS_FILE)
    mine = members[members["cluster_id"].eq(cluster_id)].copy()
    if mine.empty:
        known = sorted(members["cluster_id"].unique())
        some = ", ".join(known[:5]) + (" ..." if len(known) > 5 else "")
        raise InputDataError(
            Text(en=f"no cluster {cluster_id!r} in this run", zh=f"本次运行中没有集群 {cluster_id!r}"),
            file=str(run_dir / MEMBERS_FILE),
            fix=Text(
                en=f"a cluster id from clusters.csv ({some or 'this run has no clusters'})",
                zh=f"clusters.csv 中的集群编号（{some or '本次运行没有集群'}）",
            ),
        )
    mine["score"] = mine["score"].astype(float)
    mine["flagged"] = mine["flagged"].str.lower().isin(["true", "1"])
    evidence = _read(run_dir, "cluster_evidence.csv")
    filings = _read(run_dir, FILINGS_FILE)
    g = cluster_graph(
        mine, evidence[evidence["cluster_id"].eq(cluster_id)], filings[filings["cluster_id"].eq(cluster_id)]
    )
    g.graph["cluster_id"] = cluster_id
    return g
