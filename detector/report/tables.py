"""The public output tables (column contracts of suspicious_applicants.csv, filing_hits.csv, clusters.csv ...)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.scoring.strongest import strongest_per_rule

SUSPICIOUS_COLUMNS = [
    "rank",
    "applicant_id",
    "applicant_name",
    "score",
    "level",
    "cluster_id",
    "n_filings",
    "n_classes",
    "rule_ids",
    "reasons",
]
FILING_HIT_COLUMNS = ["filing_id", "applicant_id", "rule_id", "points", "evidence"]
# With --registry (issue 16) the two tables gain these columns at the end: whether the applicant is a repeat
# offender, whether a cleared applicant came back on new evidence, how many of its filings (and from which recorded
# batches) came from the registry's history; and the batch that first recorded each hit filing.
REGISTRY_SUSPICIOUS_COLUMNS = ["repeat_offender", "new_evidence", "history_filings", "history_batches"]
REGISTRY_FILING_HIT_COLUMNS = ["batch_id"]
CLUSTER_COLUMNS = ["cluster_id", "n_members", "n_filings", "n_classes", "score", "links"]
CLUSTER_EVIDENCE_COLUMNS = ["cluster_id", "src", "dst", "link_type", "value", "weight"]
AGENT_COLUMNS = [
    "agent",
    "n_clients",
    "n_filings",
    "flagged_filings",
    "flagged_share",
    "flagged_clients",
    "rule_ids",
    "reasons",
]
REASON_JOIN = " | "


def reasons_by_app(result, lang: str) -> dict[int, list[dict]]:
    """Per applicant code, its strongest contribution per rule (points desc, rule id asc)."""
    contributions = result.hits.contributions
    best = strongest_per_rule(contributions)
    out: dict[int, list] = {}
    for app, i in zip(best["app"].tolist(), best["index"].tolist()):
        out.setdefault(app, []).append(contributions[i])
    return out


def _sentence(c, lang: str) -> str:
    via = ""
    if c.via_cluster:
        via = f"（经关联集群 {c.via_cluster}）" if lang == "zh" else f" (via linked cluster {c.via_cluster})"
    return f"[{c.rule_id}] {c.reason[lang]}{via}"


def suspicious_table(result, lang: str) -> pd.DataFrame:
    flagged = result.flagged()
    by_app = reasons_by_app(result, lang)
    rows = []
    for rank, (app, row) in enumerate(flagged.iterrows(), start=1):
        rows.append(
            {
                "rank": rank,
                "applicant_id": row["applicant_id"],
                "applicant_name": row["applicant_name"],
                "score": float(row["score"]),
                "level": row["level"],
                "cluster_id": row["cluster_id"],
                "n_filings": int(row["n_filings"]),
                "n_classes": int(row["n_classes"]),
                "rule_ids": row["rule_ids"],
                "reasons": REASON_JOIN.join(_sentence(c, lang) for c in by_app.get(app, [])),
            }
        )
    table = pd.DataFrame(rows, columns=SUSPICIOUS_COLUMNS)
    if result.n_batch_filings is None:
        return table
    count, batches = _history_of_apps(result)
    codes = flagged.index.to_numpy()
    table["repeat_offender"] = flagged["repeat_offender"].to_numpy(dtype=bool)
    table["new_evidence"] = flagged["new_evidence"].to_numpy(dtype=bool)
    table["history_filings"] = count[codes]
    table["history_batches"] = [batches.get(int(c), "") for c in codes]
    return table


def _history_of_apps(result) -> tuple:
    """Per applicant code: how many of its filings came from the registry's history, and their batch ids."""
    n = result.n_batch_filings
    app = result.batch.filings["app"].to_numpy()[n:]
    count = np.bincount(app, minlength=result.batch.n_apps)
    batch = result.filing_batch[n:]
    pairs = pd.DataFrame({"app": app, "batch": batch}).drop_duplicates().sort_values(["app", "batch"])
    return count, pairs.groupby("app")["batch"].agg(";".join).to_dict()


def filing_hits_table(result) -> pd.DataFrame:
    table = result.hits.filing_hits[FILING_HIT_COLUMNS].copy()
    if result.n_batch_filings is not None:
        batch_of = pd.Series(result.filing_batch, index=result.batch.filings["filing_id"].to_numpy())
        table["batch_id"] = batch_of.reindex(table["filing_id"].to_numpy()).to_numpy()
    return table


def clusters_table(result) -> pd.DataFrame:
    cm = result.cluster_metrics
    if cm.empty:
        return pd.DataFrame(columns=CLUSTER_COLUMNS)
    ev = cluster_evidence_table(result)
    links: dict[str, str] = {}
    if len(ev):
        counts = ev.groupby(["cluster_id", "link_type"], sort=True).size().reset_index(name="n")
        parts = (counts["link_type"].astype(str) + "×" + counts["n"].astype(str)).tolist()
        links = _joined_runs(counts["cluster_id"].tolist(), parts)
    out = cm[["cluster_id", "n_members", "n_filings", "n_classes", "score"]].copy()
    out["links"] = [links.get(cid, "") for cid in out["cluster_id"]]
    return out.sort_values(["score", "n_filings", "cluster_id"], ascending=[False, False, True], kind="stable")[
        CLUSTER_COLUMNS
    ]


def rules_by_filing(hits: pd.DataFrame) -> dict[str, str]:
    """Per filing id of `hits`, the distinct rule ids of its hits, sorted and joined by ";" (a set per filing;
    pandas' groupby-agg with a Python function costs a call and a Series per group)."""
    rules: dict[str, set] = {}
    for filing, rule in zip(hits["filing_id"].tolist(), hits["rule_id"].tolist()):
        rules.setdefault(filing, set()).add(rule)
    return {filing: ";".join(sorted(ids)) for filing, ids in rules.items()}


def _joined_runs(keys: list, parts: list[str]) -> dict:
    """{key: its parts joined by ";"} for parts listed by key (each key's parts together, in order): what
    `groupby(key)[part].agg(";".join)` gives, without a Python call per group (23,000 clusters took ~0.2 s)."""
    out: dict = {}
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            out[keys[start]] = ";".join(parts[start:i])
            start = i
    return out


def cluster_evidence_table(result) -> pd.DataFrame:
    """Which shared value ties which members: the kept links inside each cluster. Made once per run and process
    (the tables, clusters.csv and report.html read it: ~0.2 s each at a million filings); a copy is returned."""
    memo = getattr(result, "report_memo", None)
    if memo is None:
        return _cluster_evidence(result)
    sources = (result.graph, result.graph.links, result.graph.pairs, result.batch)
    made = memo.get("cluster_evidence")
    if made is None or any(a is not b for a, b in zip(made[0], sources)):
        made = memo["cluster_evidence"] = (sources, _cluster_evidence(result))
    return made[1].copy()


def _cluster_evidence(result) -> pd.DataFrame:
    links = result.graph.links
    if links is None or links.empty or not result.graph.cluster_ids:
        return pd.DataFrame(columns=CLUSTER_EVIDENCE_COLUMNS)
    apps = pd.Index(result.batch.applicants["applicant_id"])
    # Each applicant's cluster id ('' outside any cluster, and for an id that is no applicant), by applicant code.
    cluster_of = np.append(np.asarray([*result.graph.cluster_ids, ""], dtype=object)[result.graph.cluster_code], "")
    pairs = result.graph.pairs[["src", "dst"]]
    kept = links.merge(pairs, on=["src", "dst"], how="inner")
    src, dst = (cluster_of[apps.get_indexer(kept[end])] for end in ("src", "dst"))
    kept = kept.assign(cluster_id=src)[(src != "") & (dst == src)]
    kept = kept.assign(weight=kept["weight"].astype(float).round(4))
    return kept.sort_values(["cluster_id", "src", "dst", "link_type", "value"], kind="stable")[
        CLUSTER_EVIDENCE_COLUMNS
    ].reset_index(drop=True)


def agents_table(result, lang: str) -> pd.DataFrame:
    am = result.agent_metrics
    if am.empty:
        return pd.DataFrame(columns=AGENT_COLUMNS)
    hits: dict[str, list[dict]] = {}
    for h in result.hits.agent_hits:
        hits.setdefault(h["agent"], []).append(h)
    out = am[["agent", "n_clients", "n_filings", "flagged_filings", "flagged_share", "flagged_clients"]].copy()
    out["flagged_share"] = out["flagged_share"].astype(float).round(4)
    out["rule_ids"] = [";".join(h["rule_id"] for h in hits.get(a, [])) for a in out["agent"]]
    out["reasons"] = [
        REASON_JOIN.join(f"[{h['rule_id']}] {h['reason'][lang]}" for h in hits.get(a, [])) for a in out["agent"]
    ]
    return out.sort_values(["flagged_filings", "n_filings", "agent"], ascending=[False, False, True], kind="stable")[
        AGENT_COLUMNS
    ]
