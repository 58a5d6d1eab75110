"""The readable summaries the audit commands print (plain text, stable order)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from detector.audit.diff import RulesDiff
from detector.audit.evaluate import Evaluation
from detector.audit.tune import TuneReport


def _f(v: float | None) -> str:
    return "—" if v is None else f"{v:.3f}"


def _table(rows: list[tuple], left: tuple[int, ...] = (0,)) -> list[str]:
    """Aligned columns: numbers right-aligned, the columns in `left` (and a trailing note) left-aligned."""
    n = len(rows[0])
    widths = [max(len(str(r[i])) for r in rows) for i in range(n)]
    lefts = set(left) | ({n - 1} if rows[0][-1] == "note" else set())
    return [
        "  "
        + "  ".join(
            str(c).ljust(w) if i in lefts else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths))
        ).rstrip()
        for r in rows
    ]


def eval_summary(ev: Evaluation, out: Path | None = None, top: int = 15) -> str:
    """Overall figures, the best-F1 threshold, the busiest rules and the label categories."""
    o = ev.metrics["overall"]
    lines = [
        (
            f"eval: {o['labelled']:,} labelled applicants ({o['positives']:,} suspicious) of {o['applicants']:,} "
            f"in the batch; threshold {o['threshold']:g}"
        ),
        (
            f"  precision {_f(o['precision'])}  recall {_f(o['recall'])}  F1 {_f(o['f1'])}  "
            f"(tp {o['tp']}, fp {o['fp']}, fn {o['fn']}, tn {o['tn']})"
        ),
    ]
    best = o.get("best_f1")
    if best:
        lines.append(
            f"  best F1 {_f(best['f1'])} at threshold {best['threshold']:g} (precision {_f(best['precision'])}, "
            f"recall {_f(best['recall'])}); average precision {_f(o['average_precision'])}"
        )
    if o["unlabelled"]:
        lines.append(f"  {o['unlabelled']:,} applicants have no label ({o['unlabelled_flagged']:,} of them flagged)")
    if o["labels_not_in_batch"]:
        lines.append(f"  {o['labels_not_in_batch']:,} labelled ids are not in this batch (ignored)")
    rules = sorted(ev.metrics["rules"].items(), key=lambda kv: (-kv[1]["hits"], kv[0]))
    rows = [("rule", "hits", "true", "precision", "recall", "sole tp", "sole fp")]
    rows += [
        (k, v["hits"], v["true_hits"], _f(v["precision"]), _f(v["recall"]), v["sole_tp"], v["sole_fp"])
        for k, v in rules
        if v["hits"]
    ][:top]
    if len(rows) > 1:
        lines += ["per rule (labelled applicants reached):", *_table(rows)]
        silent = sum(1 for _, v in rules if not v["hits"])
        if silent:
            lines.append(f"  ({silent} rules reached no labelled applicant)")
    cats = ev.metrics["categories"]
    if cats:
        rows = [("category", "labelled", "suspicious", "tp", "fp", "fn", "recall")]
        rows += [
            (k, v["labelled"], v["positives"], v["tp"], v["fp"], v["fn"], _f(v["recall"])) for k, v in cats.items()
        ]
        lines += ["per label category:", *_table(rows)]
    if out is not None:
        lines.append(
            f"wrote {out}: metrics.json, pr_curve.csv, pr_curve.png, false_positives.csv ({len(ev.false_positives)}), "
            f"false_negatives.csv ({len(ev.false_negatives)})"
        )
    return "\n".join(lines)


def diff_summary(diff: RulesDiff, limit: int = 20) -> str:
    """What changed in the rules and what that did to the applicants."""
    c = diff.counts()
    rules = diff.rules
    edited = rules[rules["change"] != ""]
    lines = [
        f"rules diff: {', '.join(diff.old['rules'])} -> {', '.join(diff.new['rules'])}",
        (
            f"  rule-set sha256 {diff.old['sha256'][:12]} -> {diff.new['sha256'][:12]}; "
            f"threshold {diff.old['threshold']:g} -> {diff.new['threshold']:g}"
        ),
    ]
    if len(edited):
        described = [
            f"{r.rule_id} {r.change}" + (f" ({r.edited_keys.replace(';', ', ')})" if r.edited_keys else "")
            for r in edited.itertuples()
        ]
        lines.append("  rule changes: " + "; ".join(described))
    if diff.scoring:
        lines.append("  scoring: " + "; ".join(f"{k} {a} -> {b}" for k, (a, b) in diff.scoring.items()))
    if diff.lists:
        lines.append("  lists changed: " + ", ".join(diff.lists))
    if diff.graph_changed:
        lines.append("  graph settings changed")
    if not (len(edited) or diff.scoring or diff.lists or diff.graph_changed):
        lines.append("  the two rule sets define the same rules and settings")
    lines.append(
        f"applicants: {c['applicants']:,} screened; flagged {c['old_flagged']:,} -> {c['new_flagged']:,} "
        f"({c['newly_flagged']} newly flagged, {c['no_longer_flagged']} no longer flagged, "
        f"{c['level_changed']} level changed, {c['score_changed']} score changed)"
    )
    apps = diff.applicants
    for kind, title in (
        ("newly_flagged", "newly flagged"),
        ("no_longer_flagged", "no longer flagged"),
        ("level_changed", "level changed"),
        ("score_changed", "score changed"),
    ):
        part = apps[apps["change"] == kind]
        if not len(part):
            continue
        lines.append(f"{title} ({len(part)}):")
        for r in part.head(limit).itertuples():
            lines.append(
                f"  {r.applicant_id}  {r.applicant_name[:24]}  {r.old_score:g} {r.old_level or '-'} -> {r.new_score:g} "
                f"{r.new_level or '-'}  because {_because(r)}"
            )
        if len(part) > limit:
            lines.append(f"  ... and {len(part) - limit} more (--json lists all)")
    moved = rules[
        (rules["hits_delta"] != 0) | (rules["old_applicants"] != rules["new_applicants"]) | (rules["change"] != "")
    ]
    if len(moved):
        rows = [("rule", "change", "hits old", "new", "delta", "applicants old", "new")]
        for r in moved.itertuples():
            rows.append(
                (
                    r.rule_id,
                    r.change or "-",
                    _n(r.old_hits),
                    _n(r.new_hits),
                    f"{r.hits_delta:+d}",
                    r.old_applicants,
                    r.new_applicants,
                )
            )
        lines += ["per-rule hit counts (rules that changed):", *_table(rows)]
    else:
        lines.append("per-rule hit counts: unchanged")
    return "\n".join(lines)


def _n(v: object) -> str:
    return "-" if v is None or pd.isna(v) else str(v)


def _because(r) -> str:
    parts = [f"-{x}" for x in r.rules_removed.split(";") if x]
    parts += [f"+{x}" for x in r.rules_added.split(";") if x]
    parts += [f"~{x} (points)" for x in r.rules_repointed.split(";") if x]
    return " ".join(parts) or r.responsible


def tune_summary(report: TuneReport, out: Path | None = None) -> str:
    """Current and suggested settings side by side, with cross-validated precision and recall."""
    cur, sug = report.cv["current"], report.cv["suggested"]
    s = report.settings
    rows = [
        ("", "current", "suggested"),
        ("threshold", f"{report.current_threshold:g}", f"{report.suggested_threshold:g}"),
        (f"CV precision ({report.cv['folds']} folds)", _f(cur["precision"]), _f(sug["precision"])),
        ("CV recall", _f(cur["recall"]), _f(sug["recall"])),
        ("CV F1", _f(cur["f1"]), _f(sug["f1"])),
        ("CV tp / fp / fn", f"{cur['tp']} / {cur['fp']} / {cur['fn']}", f"{sug['tp']} / {sug['fp']} / {sug['fn']}"),
    ]
    lines = [
        (
            f"tune: logistic regression (L2, C={s['C']:g}, seed {s['seed']}) on {s['labelled']:,} labelled "
            f"applicants ({s['positives']:,} suspicious)"
        ),
        *_table(rows),
    ]
    changed = [r for r in report.rules if r.suggested_points != r.current_points or r.weight is not None]
    if changed:
        rrows = [("rule", "points", "suggested", "weight", "labelled hits", "true", "note")]
        for r in changed:
            w = "—" if r.weight is None else f"{r.weight:.2f}"
            rrows.append(
                (r.rule_id, f"{r.current_points:g}", f"{r.suggested_points:g}", w, r.support, r.true_hits, r.note)
            )
        lines += ["rules:", *_table(rrows)]
    kept = [r.rule_id for r in report.rules if r.weight is None]
    if kept:
        lines.append(
            f"  {len(kept)} rules keep their points: fewer than {s['min_support']} labelled applicants reached "
            "(tune.json lists them)"
        )
    if out is not None:
        lines.append(
            f"wrote the suggested rule set to {out} (tune.patch shows the edits, tune.json the figures); "
            "inputs untouched"
        )
    return "\n".join(lines)
