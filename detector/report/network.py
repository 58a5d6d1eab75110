"""Cluster data for report.html: members, the links between them and a precomputed network layout.

Positions come from graphs.layout.cluster_layout (the same picture as `tmscreen network`), in [0, 1]; the report's
JS only draws them. Big clusters are capped to their highest-scoring members.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from detector.report.tables import cluster_evidence_table, clusters_table
from graphs.layout import cluster_layout

if TYPE_CHECKING:
    from detector.pipeline.run import ScreenResult

MAX_CLUSTERS = 300
MAX_NODES = 80
MAX_EDGES = 600
MAX_EVIDENCE_ROWS = 400


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _member_lists(result: ScreenResult, wanted: list[int]) -> dict[int, list[dict]]:
    """Per cluster code of `wanted`, its members best first (score desc, filings desc, id asc), as report rows."""
    s = result.scores.assign(code=result.graph.cluster_code)
    s = s[np.isin(s["code"].to_numpy(), np.asarray(wanted, dtype=np.int64))].sort_values(
        ["score", "n_filings", "applicant_id"], ascending=[False, False, True], kind="stable"
    )
    out: dict[int, list[dict]] = {}
    for code, app_id, name, score, level, flagged in zip(
        s["code"], s["applicant_id"], s["applicant_name"], s["score"], s["level"], s["flagged"]
    ):
        out.setdefault(int(code), []).append(
            {
                "id": str(app_id),
                "name": _text(name),
                "score": round(float(score), 1),
                "level": _text(level),
                "flagged": bool(flagged),
            }
        )
    return out


def _edge_lists(result: ScreenResult, wanted: list[int]) -> dict[int, list[list]]:
    """Per cluster code of `wanted`, the kept pairs inside it as [src, dst, link types, weight], sorted by (src,
    dst). Only the wanted clusters' pairs are sorted and made into lists (the report details MAX_CLUSTERS)."""
    pairs = result.graph.pairs
    if pairs is None or pairs.empty or not wanted:
        return {}
    ids = pd.Index(result.scores["applicant_id"])
    cluster = np.append(np.asarray(result.graph.cluster_code, dtype=np.int64), -1)  # -1: an id no applicant has
    src_code, dst_code = (cluster[ids.get_indexer(pairs[end])] for end in ("src", "dst"))
    keep = np.flatnonzero((src_code >= 0) & (src_code == dst_code) & np.isin(src_code, wanted))
    weights = pairs["weight"].astype(float) if "weight" in pairs else pd.Series(1.0, index=pairs.index)
    rows = zip(
        pairs["src"].to_numpy()[keep],
        pairs["dst"].to_numpy()[keep],
        pairs["link_types"].to_numpy()[keep],
        weights.to_numpy()[keep],
        src_code[keep].tolist(),
    )
    out: dict[int, list[list]] = {}
    for src, dst, types, w, code in sorted(rows, key=lambda e: (str(e[0]), str(e[1]))):
        out.setdefault(code, []).append(
            [str(src), str(dst), [t for t in str(types).split(";") if t], round(float(w), 3)]
        )
    return out


def _evidence_lists(evidence: pd.DataFrame, wanted: list[str]) -> dict[str, list[list[str]]]:
    """Per cluster id of `wanted`, its evidence rows [src, dst, link_type, value, weight] as text, in table order."""
    evidence = evidence[evidence["cluster_id"].isin(wanted)]
    out: dict[str, list[list[str]]] = {}
    cols = [evidence[c].tolist() for c in ("cluster_id", "src", "dst", "link_type", "value", "weight")]
    for cid, *rest in zip(*cols):
        out.setdefault(cid, []).append([_text(v) for v in rest])
    return out


def _one_cluster(row: dict, members: list[dict], all_edges: list[list], evidence: list[list[str]]) -> dict:
    shown = [m["id"] for m in members[:MAX_NODES]]
    shown_set = set(shown)
    edges = [e for e in all_edges if e[0] in shown_set and e[1] in shown_set]
    return {
        "cluster_id": row["cluster_id"],
        "n_members": int(row["n_members"]),
        "n_filings": int(row["n_filings"]),
        "n_classes": int(row["n_classes"]),
        "score": round(float(row["score"]), 1),
        "links": _text(row["links"]),
        "members": members,
        "shown": len(shown),
        "edges": edges[:MAX_EDGES],
        "n_edges": len(edges),
        "pos": cluster_layout(shown, [(e[0], e[1], e[3]) for e in edges[:MAX_EDGES]]),
        "evidence": evidence[:MAX_EVIDENCE_ROWS],
        "n_evidence": len(evidence),
    }


def cluster_networks(result: ScreenResult) -> dict:
    """All cluster rows (best first), with members, links and layout for the top MAX_CLUSTERS."""
    table = clusters_table(result)
    code_of = {cid: i for i, cid in enumerate(result.graph.cluster_ids)}
    # Members, edges and evidence as lists only for the clusters detailed; the others need their flagged count.
    detailed = table["cluster_id"].iloc[:MAX_CLUSTERS].tolist()
    wanted = [code_of[cid] for cid in detailed]
    ev_by = _evidence_lists(cluster_evidence_table(result), detailed)
    members = _member_lists(result, wanted)
    edges = _edge_lists(result, wanted)
    code = np.asarray(result.graph.cluster_code, dtype=np.int64)
    in_cluster = code >= 0
    n_flagged = np.bincount(
        code[in_cluster],
        weights=result.scores["flagged"].to_numpy(dtype=bool)[in_cluster],
        minlength=len(result.graph.cluster_ids),
    )
    items = []
    for i, row in enumerate(table.to_dict("records")):
        cid = row["cluster_id"]
        mine = members.get(code_of[cid], [])
        if i < MAX_CLUSTERS:
            item = _one_cluster(row, mine, edges.get(code_of[cid], []), ev_by.get(cid, []))
        else:
            item = {
                "cluster_id": cid,
                "n_members": int(row["n_members"]),
                "n_filings": int(row["n_filings"]),
                "n_classes": int(row["n_classes"]),
                "score": round(float(row["score"]), 1),
                "links": _text(row["links"]),
            }
        item["n_flagged"] = int(n_flagged[code_of[cid]])
        items.append(item)
    return {"total": len(items), "detailed": min(len(items), MAX_CLUSTERS), "items": items}
