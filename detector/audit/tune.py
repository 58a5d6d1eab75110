"""Suggest rule points and a threshold from labels: regularized logistic regression on the applicant x rule hits.

Each fitted rule weight w (log-odds of bad faith when the rule fires) becomes points = 100 x (1 - e^-max(w, 0)),
so that under noisy-or the score grows with the summed weights exactly as the model's odds do; the threshold is
the score cut with the best F1 on the training labels. Both are judged by stratified, seeded cross-validation
beside the current settings. Nothing is ever written back into the input rule files.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from detector.audit.confusion import prf
from detector.audit.hit_matrix import hit_matrix, matrix_scores
from detector.audit.labels import align_labels
from detector.errors import InputDataError
from detector.rules.model import Scoring
from detector.text import Text

SEED = 20240601
FOLDS = 5
C = 1.0
MIN_SUPPORT = 3


@dataclass
class RuleSuggestion:
    """Current and suggested points of one rule, with the evidence behind the suggestion."""

    rule_id: str
    current_points: float
    suggested_points: float
    weight: float | None  # fitted log-odds weight; None when the rule was left out of the fit
    support: int  # labelled applicants the rule reached
    true_hits: int
    note: str = ""


@dataclass
class TuneReport:
    """Suggested settings and the cross-validated precision and recall of the current and suggested ones."""

    rules: list[RuleSuggestion]
    current_threshold: float
    suggested_threshold: float
    cv: dict
    in_sample: dict
    settings: dict = field(default_factory=dict)

    def suggested_points(self) -> dict[str, float]:
        return {r.rule_id: r.suggested_points for r in self.rules}

    def to_dict(self) -> dict:
        return {
            "settings": self.settings,
            "threshold": {"current": self.current_threshold, "suggested": self.suggested_threshold},
            "cv": self.cv,
            "in_sample": self.in_sample,
            "rules": {r.rule_id: {k: v for k, v in asdict(r).items() if k != "rule_id"} for r in self.rules},
        }


@dataclass
class _Fit:
    points: np.ndarray
    threshold: float
    weights: np.ndarray  # nan where left out


def _factor(points: np.ndarray, current: np.ndarray) -> np.ndarray:
    """How strongly each hit carries its rule's points (1 direct; the cluster propagation factor via a cluster)."""
    hits = (points > 0).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(current > 0, points / np.where(current > 0, current, 1.0), hits)
    return np.where(points > 0, ratio, 0.0)


def _best_threshold(scores: np.ndarray, y: np.ndarray, fallback: float) -> float:
    """A cut with the best F1 on these scores (ties: the higher cut), placed midway to the next lower score.

    Flagging is `score >= threshold`; the midpoint (rounded up to 0.1, so it stays above the lower score)
    leaves a margin on both sides instead of sitting exactly on a training applicant's score.
    """
    cuts = np.unique(scores[scores > 0])
    if not len(cuts) or not y.any():
        return fallback
    pos, neg = np.sort(scores[y]), np.sort(scores[~y])
    tp = len(pos) - np.searchsorted(pos, cuts, side="left")
    fp = len(neg) - np.searchsorted(neg, cuts, side="left")
    f1 = 2 * tp / (2 * tp + fp + (len(pos) - tp))
    best = int(np.flatnonzero(f1 == f1.max())[-1])
    lower = float(cuts[best - 1]) if best > 0 else 0.0
    return math.ceil((lower + float(cuts[best])) / 2 * 10 - 1e-9) / 10


def _fit(
    hits: np.ndarray,
    factor: np.ndarray,
    y: np.ndarray,
    current: np.ndarray,
    scoring: Scoring,
    seed: int,
    c: float,
    min_support: int,
) -> _Fit:
    """Fit on some labelled rows: points per rule (rounded, as they would be written) and the threshold."""
    from sklearn.linear_model import LogisticRegression  # imported lazily: ~1 s

    support = hits.sum(axis=0)
    cols = np.flatnonzero(support >= min_support)
    points = current.copy()
    weights = np.full(len(current), np.nan)
    if len(cols) and y.any() and not y.all():
        model = LogisticRegression(C=c, max_iter=1000, random_state=seed)
        model.fit(hits[:, cols].astype(np.float64), y.astype(np.int64))
        w = model.coef_[0]
        weights[cols] = w
        points[cols] = np.round(100.0 * (1.0 - np.exp(-np.maximum(w, 0.0))))
    scores = matrix_scores(factor * points, scoring)
    threshold = _best_threshold(scores, y, scoring.threshold)
    return _Fit(np.clip(points, 0.0, 100.0), threshold, weights)


def _pooled(counts: list[dict]) -> dict:
    tp, fp, fn = (sum(c[k] for c in counts) for k in ("tp", "fp", "fn"))
    return prf(tp, fp, fn) | {"per_fold": counts}


def tune(
    result,
    labels: pd.DataFrame,
    seed: int = SEED,
    folds: int = FOLDS,
    c: float = C,
    min_support: int = MIN_SUPPORT,
    unlabelled: str = "ignore",
    labels_source: str = "labels",
) -> TuneReport:
    """Fit suggested points and threshold on a ScreenResult's labelled applicants; cross-validate both settings."""
    from sklearn.model_selection import StratifiedKFold  # imported lazily: ~1 s

    lab = align_labels(result.scores, labels, unlabelled, labels_source)
    y = lab.label
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    k = min(folds, n_pos, n_neg)
    if k < 2:
        raise InputDataError(
            Text(
                en="tuning needs at least 2 suspicious and 2 not suspicious labelled applicants in the batch; "
                f"found {n_pos} and {n_neg}",
                zh=f"调参需要这批数据中至少有 2 个标为可疑和 2 个标为不可疑的申请人；现有 {n_pos} 个和 {n_neg} 个",
            ),
            file=labels_source,
            column="label",
        )
    m = hit_matrix(result).rows(lab.positions)
    rules = {r.id: r for r in result.ruleset.rules}
    current = np.array([rules[r].points for r in m.rule_ids], dtype=np.float64)
    factor = _factor(m.points, current)
    hits = m.hits
    scoring = result.ruleset.scoring
    current_threshold = float(scoring.threshold)
    current_flag = result.scores["score"].to_numpy(dtype=np.float64)[lab.positions] >= current_threshold
    cv_current, cv_suggested = [], []
    splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    for train, test in splitter.split(np.zeros(len(y)), y):
        fit = _fit(hits[train], factor[train], y[train], current, scoring, seed, c, min_support)
        flag = matrix_scores(factor[test] * fit.points, scoring) >= fit.threshold
        cv_suggested.append(_counts(flag, y[test]) | {"threshold": fit.threshold})
        cv_current.append(_counts(current_flag[test], y[test]) | {"threshold": current_threshold})
    final = _fit(hits, factor, y, current, scoring, seed, c, min_support)
    in_flag = matrix_scores(factor * final.points, scoring) >= final.threshold
    suggestions = []
    support = hits.sum(axis=0)
    true_hits = (hits & y[:, None]).sum(axis=0)
    for j, rule_id in enumerate(m.rule_ids):
        w = final.weights[j]
        if np.isnan(w):
            note = f"kept: {int(support[j])} labelled hit(s), fewer than {min_support}"
        elif w <= 0:
            note = "labelled hits give no evidence of bad faith (weight <= 0): review the rule rather than silence it"
        else:
            note = ""
        suggestions.append(
            RuleSuggestion(
                rule_id,
                float(current[j]),
                float(final.points[j]),
                None if np.isnan(w) else round(float(w), 6),
                int(support[j]),
                int(true_hits[j]),
                note,
            )
        )
    return TuneReport(
        rules=suggestions,
        current_threshold=current_threshold,
        suggested_threshold=final.threshold,
        cv={"folds": k, "current": _pooled(cv_current), "suggested": _pooled(cv_suggested)},
        in_sample={"current": _counts(current_flag, y), "suggested": _counts(in_flag, y)},
        settings={
            "model": "LogisticRegression(l2)",
            "C": c,
            "seed": seed,
            "folds": k,
            "min_support": min_support,
            "unlabelled": unlabelled,
            "labelled": len(y),
            "positives": n_pos,
            "negatives": n_neg,
            "combine": scoring.combine,
            "points_formula": "round(100 * (1 - exp(-max(weight, 0))))",
            "threshold_rule": (
                "midway below the score cut with the best F1 on the training labels (ties: the higher cut)"
            ),
        },
    )


def _counts(flag: np.ndarray, y: np.ndarray) -> dict:
    return prf(int((flag & y).sum()), int((flag & ~y).sum()), int((~flag & y).sum()))
