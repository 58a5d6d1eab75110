"""Measure a screening run against labels: overall, per rule and per label category, and the PR curve."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from detector.audit.confusion import average_precision, confusion, ratio, sweep
from detector.audit.hit_matrix import hit_matrix, hit_table, matrix_scores
from detector.audit.labels import Labelled, align_labels

CASE_COLUMNS = [
    "applicant_id",
    "applicant_name",
    "score",
    "level",
    "label",
    "category",
    "n_filings",
    "rule_ids",
    "reasons",
]


@dataclass
class Evaluation:
    """What `tmscreen eval` writes: metrics.json content, the PR curve and the error cases with reasons."""

    metrics: dict
    curve: pd.DataFrame
    false_positives: pd.DataFrame
    false_negatives: pd.DataFrame


def evaluate(result, labels: pd.DataFrame, unlabelled: str = "ignore", labels_source: str = "labels") -> Evaluation:
    """Compare a ScreenResult's flags with labels; `unlabelled` = ignore (default) or negative."""
    lab = align_labels(result.scores, labels, unlabelled, labels_source)
    scores = result.scores["score"].to_numpy(dtype=np.float64)[lab.positions]
    flagged = result.scores["flagged"].to_numpy(dtype=bool)[lab.positions]
    threshold = float(result.threshold)
    thresholds = np.unique(np.concatenate([np.arange(0, 101, dtype=np.float64), [threshold]]))
    curve = sweep(scores, lab.label, thresholds)
    metrics = {
        "overall": _overall(result, lab, scores, flagged, curve),
        "rules": _per_rule(result, lab, flagged),
        "categories": _per_category(lab, flagged),
    }
    table = _case_table(result, lab, scores)
    fp = table[flagged & ~lab.label]
    fn = table[~flagged & lab.label]
    return Evaluation(metrics, curve, _ordered(fp), _ordered(fn))


def _overall(result, lab: Labelled, scores: np.ndarray, flagged: np.ndarray, curve: pd.DataFrame) -> dict:
    best = curve.dropna(subset=["f1"]).sort_values(["f1", "threshold"], ascending=[False, False], kind="stable")
    top = best.iloc[0] if len(best) else None
    return confusion(flagged, lab.label) | {
        "threshold": float(result.threshold),
        "labelled": len(lab.label),
        "positives": int(lab.label.sum()),
        "negatives": int((~lab.label).sum()),
        "flagged": int(flagged.sum()),
        "average_precision": average_precision(scores, lab.label),
        "best_f1": None
        if top is None
        else {k: (None if pd.isna(top[k]) else float(top[k])) for k in ("threshold", "f1", "precision", "recall")},
        "applicants": len(result.scores),
        "unlabelled": lab.unlabelled,
        "unlabelled_flagged": lab.unlabelled_flagged,
        "labels_not_in_batch": len(lab.not_in_batch),
    }


def _per_rule(result, lab: Labelled, flagged: np.ndarray) -> dict:
    full = hit_matrix(result)
    reached_batch = full.hits.sum(axis=0)
    m = full.rows(lab.positions)
    hits = m.hits
    y = lab.label
    n_pos = int(y.sum())
    categories = sorted(set(lab.category.tolist()) - {""})
    scoring, thr = result.ruleset.scoring, float(result.threshold)
    rules = {r.id: r for r in result.ruleset.rules}
    out: dict[str, dict] = {}
    for j, rule_id in enumerate(m.rule_ids):
        col = hits[:, j]
        rows = np.flatnonzero(col)
        without = m.points[rows].copy()
        without[:, j] = 0.0
        still = matrix_scores(without, scoring) >= thr
        lost = flagged[rows] & ~still  # flagged only thanks to this rule
        true_hits = int((col & y).sum())
        rule = rules[rule_id]
        entry = {
            "title": rule.title.get("en", ""),
            "category": rule.category,
            "scope": rule.scope,
            "status": rule.status,
            "points": rule.points,
            "rule_hits": int(result.hits.rule_counts.get(rule_id, 0)),
            "applicants_reached": int(reached_batch[j]),
            "hits": int(col.sum()),
            "true_hits": true_hits,
            "false_hits": int((col & ~y).sum()),
            "precision": ratio(true_hits, col.sum()),
            "recall": ratio(true_hits, n_pos),
            "flagged_hits": int((col & flagged).sum()),
            "sole_tp": int((lost & y[rows]).sum()),
            "sole_fp": int((lost & ~y[rows]).sum()),
            "recall_contribution": ratio(int((lost & y[rows]).sum()), n_pos),
        }
        if categories:
            entry["by_category"] = {
                c: {
                    "hits": int((col & (lab.category == c)).sum()),
                    "true_hits": int((col & y & (lab.category == c)).sum()),
                }
                for c in categories
            }
        out[rule_id] = entry
    return out


def _per_category(lab: Labelled, flagged: np.ndarray) -> dict:
    out: dict[str, dict] = {}
    for c in sorted(set(lab.category.tolist()) - {""}):
        member = lab.category == c
        counts = confusion(flagged[member], lab.label[member])
        out[c] = {"labelled": int(member.sum()), "positives": int(lab.label[member].sum())} | counts
    return out


def _case_table(result, lab: Labelled, scores: np.ndarray) -> pd.DataFrame:
    s = result.scores
    ids = s["applicant_id"].to_numpy()[lab.positions]
    table = pd.DataFrame(
        {
            "applicant_id": pd.Series(ids, dtype="str"),
            "applicant_name": pd.Series(s["applicant_name"].to_numpy()[lab.positions], dtype="str"),
            "score": scores,
            "level": pd.Series(s["level"].to_numpy()[lab.positions], dtype="str"),
            "label": lab.label.astype(np.int64),
            "category": pd.Series(lab.category, dtype="str"),
            "n_filings": s["n_filings"].to_numpy()[lab.positions],
            "rule_ids": pd.Series(s["rule_ids"].to_numpy()[lab.positions], dtype="str"),
        }
    )
    reasons = _reasons(result)
    table["reasons"] = table["applicant_id"].map(reasons).fillna("").astype("str")
    return table[CASE_COLUMNS]


def _reasons(result) -> pd.Series:
    """Per applicant id: '[RULE] reason' for each rule that reached it, strongest first, joined by ' | '."""
    hits = hit_table(result)
    lang = result.lang if result.lang in ("zh", "en") else "en"
    via = np.where(
        hits["via_cluster"].to_numpy() != "",
        ("（经关联集群 " if lang == "zh" else " (via linked cluster ")
        + hits["via_cluster"]
        + ("）" if lang == "zh" else ")"),
        "",
    )
    hits["text"] = "[" + hits["rule_id"] + "] " + hits[f"reason_{lang}"] + via
    hits = hits.sort_values(["applicant_id", "points", "rule_id"], ascending=[True, False, True], kind="stable")
    return hits.groupby("applicant_id", sort=True)["text"].agg(" | ".join)


def _ordered(table: pd.DataFrame) -> pd.DataFrame:
    return table.sort_values(["score", "applicant_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
