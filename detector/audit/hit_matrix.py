"""The applicant x rule table of one screening run: which rule reached which applicant, with what points."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from detector.rules.model import Scoring
from detector.scoring.strongest import strongest_per_rule


@dataclass
class HitMatrix:
    """Points each rule gave each applicant (0 = not reached); rows follow `applicant_ids`, columns `rule_ids`."""

    applicant_ids: np.ndarray
    rule_ids: list[str]
    points: np.ndarray  # float64, shape (applicants, rules)

    @property
    def hits(self) -> np.ndarray:
        """Boolean: the rule reached the applicant (directly, through a filing or through its cluster)."""
        return self.points > 0

    def rows(self, positions: np.ndarray) -> HitMatrix:
        """The matrix restricted to some applicant rows (positions into `applicant_ids`)."""
        return HitMatrix(self.applicant_ids[positions], self.rule_ids, self.points[positions])


def hit_table(result) -> pd.DataFrame:
    """Long table `applicant_id, rule_id, points, reason_zh, reason_en, via_cluster`: each rule's strongest reach."""
    contributions = result.hits.contributions
    ids = result.scores["applicant_id"].to_numpy()
    # One row per (applicant, rule), as scoring counts it; rows by applicant, then rule id.
    best = strongest_per_rule(contributions).sort_values(["app", "rule_id"], kind="stable")
    won = [contributions[i] for i in best["index"].tolist()]
    return pd.DataFrame(
        {
            "applicant_id": pd.Series(ids[best["app"].to_numpy()], dtype="str"),
            "rule_id": pd.Series(best["rule_id"].tolist(), dtype="str"),
            "points": best["points"].to_numpy(dtype=np.float64),
            "reason_zh": pd.Series([c.reason.get("zh", "") for c in won], dtype="str"),
            "reason_en": pd.Series([c.reason.get("en", "") for c in won], dtype="str"),
            "via_cluster": pd.Series([c.via_cluster for c in won], dtype="str"),
        }
    )


def hit_matrix(result, rule_ids: list[str] | None = None) -> HitMatrix:
    """Applicant x rule points matrix of a run, rows in the order of `result.scores`, rules sorted by id."""
    table = hit_table(result)
    if rule_ids is None:
        rule_ids = sorted(r.id for r in result.ruleset.rules if r.active and r.scope != "agent")
    ids = result.scores["applicant_id"].to_numpy()
    points = np.zeros((len(ids), len(rule_ids)))
    row = pd.Index(ids).get_indexer(table["applicant_id"])
    col = pd.Index(rule_ids).get_indexer(table["rule_id"])
    keep = (row >= 0) & (col >= 0)
    points[row[keep], col[keep]] = table["points"].to_numpy()[keep]
    return HitMatrix(ids, list(rule_ids), points)


def matrix_scores(points: np.ndarray, scoring: Scoring) -> np.ndarray:
    """Scores from a points matrix, exactly as detector.scoring combines them (same order, same rounding)."""
    p = np.clip(np.asarray(points, dtype=np.float64), 0.0, 100.0)
    if p.shape[1] == 0:
        return np.zeros(p.shape[0])
    if scoring.combine == "capped_sum":
        # Python's sum adds strongest first; accumulate is strictly sequential like that loop.
        raw = np.minimum(100.0, np.add.accumulate(-np.sort(-p, axis=1), axis=1)[:, -1])
    else:
        # noisy_or multiplies (1 - p/100) in ascending order of p; zeros multiply by exactly 1.
        raw = 100.0 * (1.0 - np.multiply.accumulate(1.0 - np.sort(p, axis=1) / 100.0, axis=1)[:, -1])
    # Python's round (correctly rounded), not np.round (scale-and-round), so scores match to the bit.
    return np.fromiter((round(v, 1) for v in raw.tolist()), dtype=np.float64, count=len(raw))
