"""The one JSON-ready data blob report.html renders: run summary, ranked applicants, details, clusters.

Everything here is plain data (str, int, float, bool, None, list, dict) built deterministically from a
ScreenResult, so the same inputs give the same report bytes. Strings from the input are carried as-is: the
report's JS renders them with textContent, never as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from detector.i18n import report_labels
from detector.json_scalar import json_scalar
from detector.report.network import cluster_networks
from detector.report.tables import reasons_by_app, rules_by_filing, suspicious_table
from detector.version import __version__

if TYPE_CHECKING:
    from detector.pipeline.rule_stage import Contribution
    from detector.pipeline.run import ScreenResult

MAX_FILINGS_PER_APP = 300
MAX_EVIDENCE_CHARS = 400


def plain(value: object) -> object:
    """A JSON scalar for the report (json_scalar, floats to 4 decimals), strings cut at MAX_EVIDENCE_CHARS."""
    if value.__class__ is not str:  # a text (most cells: ~90,000 at 250,000 filings) is its own JSON scalar
        value = json_scalar(value, 4)
    if isinstance(value, str) and len(value) > MAX_EVIDENCE_CHARS:
        return value[:MAX_EVIDENCE_CHARS] + "…"
    return value


def run_summary(result: ScreenResult) -> dict:
    """Inputs, tool and rule-set versions, threshold, counts per level, category and rule."""
    flagged = result.flagged()
    by_app = reasons_by_app(result, result.lang)
    categories: dict[str, int] = {}
    for app in flagged.index:
        for cat in sorted({c.category for c in by_app.get(app, [])}):
            categories[cat] = categories.get(cat, 0) + 1
    rs = result.ruleset
    return {
        "version": __version__,
        "ruleset_sha256": rs.sha256,
        "rulesets": sorted({f"{h.get('ruleset', '?')} {h.get('version', '')}".strip() for h in rs.headers}),
        "threshold": plain(result.threshold),
        "inputs": [
            {
                "role": role,
                "path": plain(info.get("path")),
                "sha256": plain(info.get("sha256")),
                "rows": plain(info.get("rows_valid")),
            }
            for role, info in sorted(result.inputs.files.items())
        ],
        "counts": {
            "filings": len(result.batch.filings),
            "applicants": int(result.batch.n_apps),
            "clusters": len(result.graph.cluster_ids),
            "flagged": len(flagged),
            "skipped_rows": len(result.inputs.skipped_rows),
        },
        "levels": {lvl: int((flagged["level"] == lvl).sum()) for lvl in ("high", "medium", "low")},
        "categories": dict(sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))),
        "rule_hits": {r: int(n) for r, n in sorted(result.hits.rule_counts.items()) if n},
        "warnings": [plain(w) for w in result.warnings],
    }


def rule_catalogue(result: ScreenResult) -> dict[str, dict]:
    """Title, category, scope and legal basis of every rule that fired, in the report's language."""
    fired = {c.rule_id for c in result.hits.contributions} | {r for r, n in result.hits.rule_counts.items() if n}
    out = {}
    for rule in result.ruleset.rules:
        if rule.id in fired:
            out[rule.id] = {
                "title": rule.title.get(result.lang, rule.id),
                "category": rule.category,
                "scope": rule.scope,
                "legal_basis": list(rule.legal_basis),
                "status": rule.status,
            }
    return dict(sorted(out.items()))


def applicant_rows(result: ScreenResult) -> list[dict]:
    """The ranked table: the suspicious_applicants.csv rows plus each applicant's rule categories."""
    table = suspicious_table(result, result.lang)
    by_id = reasons_by_app(result, result.lang)
    code_of = pd.Index(result.scores["applicant_id"])
    rows = []
    for rec in table.to_dict("records"):
        app = int(code_of.get_loc(rec["applicant_id"]))
        row = {k: plain(v) for k, v in rec.items()}
        row["categories"] = sorted({c.category for c in by_id.get(app, [])})
        rows.append(row)
    return rows


def _trace_lines(node: object, depth: int = 0) -> list[list]:
    """Flatten a condition trace into [depth, result, condition, saw] rows."""
    if not isinstance(node, dict):
        return []
    lines = (
        [[depth, bool(node.get("result")), plain(node.get("if", "")), plain(node.get("saw"))]] if "if" in node else []
    )
    for child in node.get("children", []) or []:
        lines += _trace_lines(child, depth + 1)
    return lines


def _contribution(c: Contribution, lang: str) -> dict:
    """One rule's contribution: points, sentence in `lang`, evidence pairs and flattened trace."""
    trace = _trace_lines(c.trace.get("when")) if isinstance(c.trace, dict) else []
    for unless in (c.trace.get("unless") or []) if isinstance(c.trace, dict) else []:
        trace += _trace_lines(unless, 1)
    return {
        "rule_id": c.rule_id,
        "points": plain(c.points),
        "count": int(c.count),
        "via_cluster": c.via_cluster,
        "reason": c.reason.get(lang, ""),
        "evidence": [[str(k), plain(v)] for k, v in sorted(c.evidence.items())],
        "trace": trace,
    }


def _pairs_by_app(counts: pd.Series, key) -> dict[int, list[list]]:
    """A count Series indexed by (applicant code, value), sorted: per applicant [[key(value), count], ...]."""
    out: dict[int, list[list]] = {}
    for (app, value), n in counts.items():
        out.setdefault(int(app), []).append([key(value), int(n)])
    return out


def applicant_details(result: ScreenResult, flagged_codes: list[int]) -> dict[str, dict]:
    """Per flagged applicant id: rules fired with evidence and trace, its filings, per-class and per-month counts."""
    by_app = reasons_by_app(result, result.lang)
    f = result.batch.filings
    fc = result.batch.filing_classes
    hits = result.hits.filing_hits
    wanted = np.asarray(sorted(set(flagged_codes)), dtype=np.int64)
    # All flagged applicants at once: their filings by (applicant, date, id), then sliced per applicant.
    f_sel = f[f["app"].isin(wanted)].sort_values(["app", "filing_date", "filing_id"], kind="stable")
    rules_of = rules_by_filing(hits[hits["filing_id"].isin(f_sel["filing_id"])]) if len(hits) else {}
    app_of = f_sel["app"].to_numpy(dtype=np.int64)
    bounds = dict(
        zip(
            wanted.tolist(),
            zip(np.searchsorted(app_of, wanted).tolist(), np.searchsorted(app_of, wanted, side="right").tolist()),
        )
    )
    days = f_sel["filing_date"].dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
    columns = [f_sel[c].to_numpy(dtype=object) for c in ("filing_id", "mark_text", "nice_class", "agent")]
    per_month = (
        pd.Series(1, index=pd.MultiIndex.from_arrays([app_of, [d[:7] for d in days]])).groupby(level=[0, 1]).size()
    )
    fc_sel = fc[fc["app"].isin(wanted)]
    per_class = fc_sel.groupby(["app", "nice_class"]).size()
    months_of = _pairs_by_app(per_month, str)
    classes_of = _pairs_by_app(per_class, int)
    ids = result.scores["applicant_id"]
    out: dict[str, dict] = {}
    for app in flagged_codes:
        lo, hi = bounds[app]
        top = range(lo, min(hi, lo + MAX_FILINGS_PER_APP))
        out[str(ids.iat[app])] = {
            "contributions": [_contribution(c, result.lang) for c in by_app.get(app, [])],
            "n_filings": hi - lo,
            "filings": [
                [
                    plain(columns[0][i]),
                    plain(columns[1][i]),
                    plain(columns[2][i]),
                    days[i],
                    plain(columns[3][i]),
                    rules_of.get(columns[0][i], ""),
                ]
                for i in top
            ],
            "per_class": classes_of.get(app, []),
            "per_month": months_of.get(app, []),
        }
    return out


def report_data(result: ScreenResult) -> dict:
    """The whole blob report.html renders."""
    flagged = result.flagged()
    return {
        "lang": result.lang,
        "labels": report_labels(result.lang),
        "run": run_summary(result),
        "rules": rule_catalogue(result),
        "applicants": applicant_rows(result),
        "details": applicant_details(result, [int(a) for a in flagged.index]),
        "clusters": cluster_networks(result),
    }
