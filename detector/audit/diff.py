"""Two rule sets on the same inputs: who is newly flagged, no longer flagged or rescored, and which rules did it."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from detector.audit.hit_matrix import hit_table
from detector.json_scalar import json_scalar

CHANGE_ORDER = ("newly_flagged", "no_longer_flagged", "level_changed", "score_changed", "rules_changed")
APPLICANT_COLUMNS = [
    "applicant_id", "applicant_name", "change", "old_score", "new_score", "old_level", "new_level",
    "old_flagged", "new_flagged", "rules_added", "rules_removed", "rules_repointed", "responsible",
]  # fmt: skip


@dataclass
class RulesDiff:
    """Outcome differences between an old and a new rule set on the same batch."""

    old: dict
    new: dict
    applicants: pd.DataFrame  # one row per applicant whose outcome or reaching rules changed
    rules: pd.DataFrame  # one row per rule of either set: definition change and hit counts
    scoring: dict = field(default_factory=dict)  # scoring settings that changed: {name: [old, new]}
    lists: list[str] = field(default_factory=list)  # reference lists whose content changed, appeared or vanished
    graph_changed: bool = False

    def counts(self) -> dict:
        """How many applicants changed in each way, and the flagged totals before and after."""
        kinds = self.applicants["change"].value_counts()
        return {k: int(kinds.get(k, 0)) for k in CHANGE_ORDER} | {
            "old_flagged": self.old["flagged"],
            "new_flagged": self.new["flagged"],
            "applicants": self.old["applicants"],
        }

    def to_dict(self) -> dict:
        """Plain JSON-ready data, sorted and stable."""
        return {
            "old": self.old,
            "new": self.new,
            "counts": self.counts(),
            "scoring": self.scoring,
            "lists": self.lists,
            "graph_changed": self.graph_changed,
            "applicants": _records(self.applicants),
            "rules": _records(self.rules),
        }


def _records(frame: pd.DataFrame) -> list[dict]:
    out = []
    for row in frame.to_dict(orient="records"):
        out.append({k: json_scalar(v) for k, v in row.items()})
    return out


def _side(result, paths: list[Path] | None) -> dict:
    return {
        "rules": [str(p) for p in paths] if paths else ["(bundled rules)"],
        "sha256": result.ruleset.sha256,
        "threshold": float(result.threshold),
        "flagged": int(result.scores["flagged"].sum()),
        "applicants": len(result.scores),
    }


def diff_results(old, new, old_paths: list[Path] | None = None, new_paths: list[Path] | None = None) -> RulesDiff:
    """Compare two ScreenResults of the same inputs under different rule sets."""
    return RulesDiff(
        old=_side(old, old_paths),
        new=_side(new, new_paths),
        applicants=_applicant_changes(old, new),
        rules=_rule_changes(old, new),
        scoring=_scoring_changes(old.ruleset.scoring, new.ruleset.scoring, old.threshold, new.threshold),
        lists=_list_changes(old.ruleset.lists, new.ruleset.lists),
        graph_changed=old.ruleset.graph != new.ruleset.graph,
    )


def diff_rulesets(
    old_rules: list[Path] | None,
    new_rules: list[Path] | None,
    filings: Path,
    applicants: Path | None = None,
    register: Path | None = None,
    lang: str = "en",
    skip_bad_rows: bool = False,
    progress=None,
) -> RulesDiff:
    """Screen the same inputs with both rule sets and compare the outcomes."""
    from detector.pipeline.run import screen

    old = screen(filings, applicants, register, old_rules, None, lang, skip_bad_rows, progress)
    new = screen(filings, applicants, register, new_rules, None, lang, skip_bad_rows, progress)
    return diff_results(old, new, old_rules, new_rules)


def _rule_sets(result) -> pd.DataFrame:
    t = hit_table(result)
    return t[["applicant_id", "rule_id", "points"]]


def _joined(frame: pd.DataFrame, mask: pd.Series, name: str) -> pd.Series:
    picked = frame.loc[mask].sort_values(["applicant_id", "rule_id"], kind="stable")
    return picked.groupby("applicant_id", sort=True)["rule_id"].agg(";".join).rename(name)


def _applicant_changes(old, new) -> pd.DataFrame:
    cols = ["applicant_id", "applicant_name", "score", "level", "flagged"]
    a = old.scores[cols].rename(columns={c: f"old_{c}" for c in cols[2:]})
    b = new.scores[cols[:1] + cols[2:]].rename(columns={c: f"new_{c}" for c in cols[2:]})
    m = a.merge(b, on="applicant_id", how="outer", sort=True)
    m["old_score"] = m["old_score"].fillna(0.0)
    m["new_score"] = m["new_score"].fillna(0.0)
    for c in ("old_level", "new_level", "applicant_name"):
        m[c] = m[c].fillna("").astype("str")
    for c in ("old_flagged", "new_flagged"):
        m[c] = m[c].fillna(False).astype(bool)
    hits = _rule_sets(old).merge(
        _rule_sets(new), on=["applicant_id", "rule_id"], how="outer", suffixes=("_old", "_new")
    )
    added = hits["points_old"].isna() & hits["points_new"].notna()
    removed = hits["points_old"].notna() & hits["points_new"].isna()
    repointed = hits["points_old"].notna() & hits["points_new"].notna() & (hits["points_old"] != hits["points_new"])
    responsible = added | removed | repointed
    m = m.set_index("applicant_id")
    for name, mask in (
        ("rules_added", added),
        ("rules_removed", removed),
        ("rules_repointed", repointed),
        ("responsible", responsible),
    ):
        m[name] = _joined(hits, mask, name).reindex(m.index).fillna("").astype("str")
    m = m.reset_index()
    change = np.select(
        [
            ~m["old_flagged"] & m["new_flagged"],
            m["old_flagged"] & ~m["new_flagged"],
            m["old_level"] != m["new_level"],
            m["old_score"] != m["new_score"],
            m["responsible"] != "",
        ],
        list(CHANGE_ORDER),
        default="",
    )
    m["change"] = pd.Series(change, dtype="str")
    m = m[m["change"] != ""].copy()
    # Nothing rule-wise changed for this applicant: the threshold or the combination did it.
    threshold_moved = old.threshold != new.threshold
    silent = m["responsible"] == ""
    flag_moved = m["old_flagged"] != m["new_flagged"]
    m.loc[silent & flag_moved & threshold_moved, "responsible"] = "scoring.threshold"
    m.loc[m["responsible"] == "", "responsible"] = "scoring"
    m["order"] = m["change"].map({k: i for i, k in enumerate(CHANGE_ORDER)})
    m["delta"] = (m["new_score"] - m["old_score"]).abs()
    m = m.sort_values(["order", "delta", "applicant_id"], ascending=[True, False, True], kind="stable")
    return m[APPLICANT_COLUMNS].reset_index(drop=True)


def _reached(result) -> pd.Series:
    return _rule_sets(result)["rule_id"].value_counts()


def _rule_changes(old, new) -> pd.DataFrame:
    a = {r.id: r for r in old.ruleset.rules}
    b = {r.id: r for r in new.ruleset.rules}
    reached_a, reached_b = _reached(old), _reached(new)
    rows = []
    for rule_id in sorted(set(a) | set(b)):
        ra, rb = a.get(rule_id), b.get(rule_id)
        if ra is None or rb is None:
            change, keys = ("added" if ra is None else "removed"), ""
        else:
            edited = sorted(
                str(k)
                for k in set(ra.source or {}) | set(rb.source or {})
                if (ra.source or {}).get(k) != (rb.source or {}).get(k)
            )
            change, keys = ("edited" if edited else ""), ";".join(edited)
        old_hits = old.hits.rule_counts.get(rule_id) if ra is not None else None
        new_hits = new.hits.rule_counts.get(rule_id) if rb is not None else None
        rows.append(
            {
                "rule_id": rule_id,
                "change": change,
                "edited_keys": keys,
                "old_status": ra.status if ra else "",
                "new_status": rb.status if rb else "",
                "old_points": ra.points if ra else None,
                "new_points": rb.points if rb else None,
                "old_hits": old_hits,
                "new_hits": new_hits,
                "hits_delta": (new_hits or 0) - (old_hits or 0),
                "old_applicants": int(reached_a.get(rule_id, 0)),
                "new_applicants": int(reached_b.get(rule_id, 0)),
            }
        )
    frame = pd.DataFrame(rows)
    for c in ("old_hits", "new_hits"):
        frame[c] = frame[c].astype("Int64")
    return frame


def _scoring_changes(a, b, old_threshold: float, new_threshold: float) -> dict:
    x, y = dataclasses.asdict(a), dataclasses.asdict(b)
    out = {k: [x[k], y[k]] for k in sorted(x) if x[k] != y[k] and k != "threshold"}
    if old_threshold != new_threshold:
        out["threshold"] = [float(old_threshold), float(new_threshold)]
    return out


def _list_changes(a: dict, b: dict) -> list[str]:
    def digest(ref) -> str:
        return hashlib.sha256(Path(ref.path).read_bytes()).hexdigest()

    return sorted(k for k in set(a) | set(b) if k not in a or k not in b or digest(a[k]) != digest(b[k]))
