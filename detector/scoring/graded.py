"""Graded points: a rule with a `scale` gives `base` points at its line and `add` more for every `step` past it, at
most `max` (docs/scoring.md). Points above the base are rounded to whole points; a value at or below the line, or
missing, gives the base. One sentence states the scale and where the subject sits on it, in zh and en."""

from __future__ import annotations

import numpy as np

from detector.rules.frame import ScopeFrame
from detector.rules.model import PointScale


def scale_values(scale: PointScale, frame: ScopeFrame, rows: np.ndarray) -> np.ndarray:
    """The value the scale reads at `rows` of the frame (float; NaN where missing)."""
    if scale.window_days:
        values = frame.window_counts(scale.window_days)
    else:
        values = frame.metric(scale.metric)
    return np.asarray(values, dtype=object)[np.asarray(rows, dtype=np.int64)].astype(np.float64)


def graded_points(scale: PointScale, values: np.ndarray) -> np.ndarray:
    """base + round(add x (value - line) / step), between base and max; base where the value is missing."""
    v = np.asarray(values, dtype=np.float64)
    past = np.where(np.isnan(v), 0.0, np.maximum(v - scale.line, 0.0))
    extra = np.floor(scale.add * past / scale.step + 0.5)
    return np.minimum(scale.base + extra, max(scale.max, scale.base))


def _num(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _label(scale: PointScale, lang: str) -> str:
    if scale.label.get(lang):
        return scale.label[lang]
    if scale.window_days:
        return (
            f"任意{scale.window_days}天内申请件数" if lang == "zh" else f"filings within any {scale.window_days} days"
        )
    return scale.metric


def scale_sentence(scale: PointScale, value: float, points: float, lang: str) -> str:
    """Where the subject sits on the scale, e.g. 'filings within any 365 days 120 is 1.2x the line of 100: 20 + 5 per
    50 past it = 22 of up to 45 points'."""
    label, line = _label(scale, lang), _num(scale.line)
    base, add, step, top, got = _num(scale.base), _num(scale.add), _num(scale.step), _num(scale.max), _num(points)
    if np.isnan(value):
        if lang == "zh":
            return f"计分：{label}未知，按基准线{line}计{base}分（最高{top}分）"
        return f"points: {label} unknown, {base} points as at the line of {line} (up to {top})"
    shown = _num(value)
    ratio = f"{value / scale.line:.1f}" if scale.line > 0 else ""
    if lang == "zh":
        where = f"为基准线{line}的{ratio}倍" if ratio else f"基准线{line}"
        return f"计分：{label}{shown}，{where}：基础{base}分，超出部分每{step}加{add}分，得{got}分（最高{top}分）"
    where = f"is {ratio}x the line of {line}" if ratio else f"against the line of {line}"
    return f"points: {label} {shown} {where}: {base} + {add} per {step} past it = {got} of up to {top}"


def scale_trace(scale: PointScale, value: float, points: float, lang: str) -> dict:
    """The scale, the value it read and the points it gave, for traces and `tmscreen explain`."""
    return {
        "of": scale.key,
        "saw": None if np.isnan(value) else (int(value) if float(value).is_integer() else round(float(value), 4)),
        "line": scale.line,
        "step": scale.step,
        "add": scale.add,
        "base": scale.base,
        "max": scale.max,
        "points": float(points),
        "text": scale_sentence(scale, value, points, lang),
    }
