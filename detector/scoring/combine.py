"""Points -> score. noisy_or: 100·(1 − Π(1 − pᵢ/100)); capped_sum: min(100, Σpᵢ). Each rule counts once per
applicant (its largest points when it reaches the applicant both directly and through its cluster)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.rules.model import Scoring
from detector.scoring.strongest import strongest_per_rule


def combine_points(points: list[float], method: str) -> float:
    """Combine one applicant's per-rule points into a 0-100 score, rounded to 0.1."""
    if not points:
        return 0.0
    if method == "capped_sum":
        return round(min(100.0, float(sum(points))), 1)
    remaining = 1.0
    for p in sorted(points):
        remaining *= 1.0 - min(max(p, 0.0), 100.0) / 100.0
    return round(100.0 * (1.0 - remaining), 1)


def level_of(score: float, scoring: Scoring) -> str:
    if score >= scoring.high:
        return "high"
    if score >= scoring.medium:
        return "medium"
    if score >= scoring.low:
        return "low"
    return ""


def score_applicants(n_apps: int, contributions: list, scoring: Scoring) -> pd.DataFrame:
    """Per applicant code: score and the rules that gave points (strongest first, then by id); the level follows
    from the score and the run's threshold (detector.pipeline.stages.score)."""
    best = strongest_per_rule(contributions)
    apps = best["app"].to_numpy()
    points = best["points"].to_numpy()
    rules = best["rule_id"].to_numpy()
    starts = np.flatnonzero(np.diff(apps, prepend=-1))  # each applicant's rows are consecutive
    scores = np.zeros(n_apps)
    rule_ids = [""] * n_apps
    for start, end in zip(starts.tolist(), [*starts[1:].tolist(), len(apps)]):
        app = int(apps[start])
        scores[app] = combine_points(points[start:end].tolist(), scoring.combine)
        rule_ids[app] = ";".join(rules[start:end].tolist())
    return pd.DataFrame(
        {
            "score": scores,
            "rule_ids": rule_ids,
        }
    )
