"""Confusion counts, precision / recall / F1 and the threshold sweep over labelled scores."""

from __future__ import annotations

import numpy as np
import pandas as pd


def ratio(num: float, den: float) -> float | None:
    """num / den rounded to 6 places, or None when undefined (den == 0)."""
    return round(float(num) / float(den), 6) if den else None


def confusion(flagged: np.ndarray, label: np.ndarray) -> dict:
    """tp, fp, fn, tn with precision, recall and F1 (None where undefined: nothing flagged, no positives)."""
    flagged, label = np.asarray(flagged, dtype=bool), np.asarray(label, dtype=bool)
    tp = int((flagged & label).sum())
    fp = int((flagged & ~label).sum())
    fn = int((~flagged & label).sum())
    tn = int((~flagged & ~label).sum())
    return prf(tp, fp, fn) | {"tn": tn}


def prf(tp: int, fp: int, fn: int) -> dict:
    """Precision, recall and F1 from counts."""
    return {
        "precision": ratio(tp, tp + fp),
        "recall": ratio(tp, tp + fn),
        "f1": ratio(2 * tp, 2 * tp + fp + fn),
        "tp": int(tp),
        "fp": int(fp),
        "fn": int(fn),
    }


def _counts(scores: np.ndarray, label: np.ndarray, thresholds: np.ndarray) -> tuple[np.ndarray, np.ndarray, int, int]:
    """tp and fp of flagging score >= t for each threshold t, with the numbers of positives and negatives."""
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(label, dtype=bool)
    pos, neg = np.sort(s[y]), np.sort(s[~y])
    tp = len(pos) - np.searchsorted(pos, thresholds, side="left")
    fp = len(neg) - np.searchsorted(neg, thresholds, side="left")
    return tp.astype(np.int64), fp.astype(np.int64), len(pos), len(neg)


def _safe_div(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    den = np.asarray(den, dtype=np.float64)
    return np.divide(num, den, out=np.full(np.broadcast(num, den).shape, np.nan), where=den > 0)


def sweep(scores: np.ndarray, label: np.ndarray, thresholds: np.ndarray | None = None) -> pd.DataFrame:
    """For each threshold (default 0..100 step 1), the counts and rates of flagging score >= threshold."""
    t = np.arange(0, 101, dtype=np.float64) if thresholds is None else np.asarray(thresholds, dtype=np.float64)
    tp, fp, n_pos, n_neg = _counts(scores, label, t)
    fn = n_pos - tp
    return pd.DataFrame(
        {
            "threshold": t,
            "flagged": tp + fp,
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "tn": n_neg - fp,
            "precision": np.round(_safe_div(tp, tp + fp), 6),
            "recall": np.round(_safe_div(tp, np.full(len(t), n_pos)), 6),
            "f1": np.round(_safe_div(2 * tp, 2 * tp + fp + fn), 6),
        }
    )


def average_precision(scores: np.ndarray, label: np.ndarray) -> float | None:
    """Average precision over the distinct score cut points: the sum of recall steps times precision there."""
    cuts = np.unique(np.asarray(scores, dtype=np.float64))[::-1]
    tp, fp, n_pos, _ = _counts(scores, label, cuts)
    if n_pos == 0:
        return None
    steps = np.diff(np.concatenate([[0], tp])) / n_pos
    return round(float(np.sum(steps * tp / np.maximum(tp + fp, 1))), 6)
